import { z } from 'zod';
import { factIdSchema, localizedSchema } from './schema.js';

const phrases = z.array(z.string().trim().min(2));

/** `content/glossary.yaml`: acronyms and official names, explained in plain words (see the file's header). */
export const glossaryFileSchema = z
  .object({
    /** Words that start a source line ("Sumber:"): such a line names documents and is left as written. */
    citations: z.object({ id: phrases, en: phrases }).catchall(phrases),
    terms: z
      .array(
        z
          .object({
            /** As written in texts: capitals, digits, `-` and `/` ("BP3MI", "KBRI/KJRI", "SIAPkerja"). */
            term: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/ -]*[A-Za-z0-9]$/, 'expected an acronym such as BP3MI'),
            facts: z.array(factIdSchema).min(1),
            gloss: localizedSchema,
            /** Phrases that already explain the term: a message holding one gets no added explanation. */
            known: z.object({ id: phrases, en: phrases }).catchall(phrases).default({ id: [], en: [] }),
            /** Shorter terms this one explains too ("KBRI/KJRI" explains KBRI and KJRI). */
            covers: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type GlossaryFile = z.infer<typeof glossaryFileSchema>;
