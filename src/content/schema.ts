import { z } from 'zod';
import { CONTENT_LOCALES, REGIONAL_LOCALES, type LocalizedText } from './locales.js';

/** One schema per locale: required in the content locales, optional in the regional ones. */
const perLocale = <T extends z.ZodType>(schema: T) => ({
  ...(Object.fromEntries(CONTENT_LOCALES.map((l) => [l, schema])) as Record<string, T>),
  ...(Object.fromEntries(REGIONAL_LOCALES.map((l) => [l, schema.optional()])) as Record<string, z.ZodOptional<T>>),
});

/**
 * A text in Indonesian and English, and in any regional language it has been written in: a missing
 * content locale is a content error, not a silent fallback; a missing regional text falls back to Indonesian.
 */
export const localizedSchema = z
  .object(perLocale(z.string().trim().min(1)))
  .strict()
  .transform((v) => v as unknown as LocalizedText);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'not a real calendar date',
  });

/** Fact ids of shared/domain/facts.md, e.g. L-14, S-19a, H-01. */
export const factIdSchema = z.string().regex(/^[A-Z]-\d{2}[a-z]?$/, 'expected a fact id such as L-14');

/** Only web addresses: a source a villager may open (no file:, javascript:, mailto: or other schemes). */
export const sourceSchema = z
  .object({
    title: z.string().min(1),
    url: z.url({ protocol: /^https?$/, error: 'expected a web address starting with https:// or http://' }),
  })
  .strict();

/** Fields every user-facing item carries: where it comes from and when to look at it again. */
export const metaShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a short id of a-z, 0-9 and -'),
  facts: z.array(factIdSchema).min(1),
  sources: z.array(sourceSchema).min(1),
  verified_at: isoDate,
  review_after: isoDate,
  example: z.boolean().optional(),
};

export const checkDates = (item: { verified_at: string; review_after: string }, ctx: z.RefinementCtx) => {
  if (item.review_after <= item.verified_at) {
    ctx.addIssue({ code: 'custom', path: ['review_after'], message: 'review_after must be after verified_at' });
  }
};

export const stepSchema = z
  .object({
    title: localizedSchema,
    who: localizedSchema,
    where: localizedSchema,
    documents: localizedSchema.optional(),
    cost: localizedSchema,
    time: localizedSchema.optional(),
  })
  .strict();

export const keywordsSchema = z.object(perLocale(z.array(z.string().min(2)).min(1))).strict();

/** A guide page set: a scheme, a general topic or a country note. */
export const topicSchema = z
  .object({
    ...metaShape,
    group: z.enum(['scheme', 'topic', 'country']),
    title: localizedSchema,
    summary: localizedSchema,
    keywords: keywordsSchema,
    pages: z.array(localizedSchema).default([]),
    steps: z.array(stepSchema).default([]),
  })
  .strict()
  .superRefine(checkDates);

export const topicsFileSchema = z.object({ topics: z.array(topicSchema).min(1) }).strict();

export const contactSchema = z
  .object({
    ...metaShape,
    name: localizedSchema,
    /** As shown to users, e.g. "0800-1000" or "+62 812 9007 0027". */
    number: z.string().regex(/^\+?[0-9][0-9 -]{1,20}[0-9]$/, 'expected a phone number of digits, spaces and dashes'),
    note: localizedSchema,
    scope: z.enum(['indonesia', 'abroad']),
    /** Destination country id for missions abroad. */
    country: z.string().optional(),
    /** Date of the source in which the number was published (YYYY-MM or YYYY-MM-DD); shown to users. */
    as_of: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM or YYYY-MM-DD'),
    /** Shown first when a user types an SOS word. */
    sos: z.boolean().default(false),
  })
  .strict()
  .superRefine(checkDates);

export const contactsFileSchema = z.object({ contacts: z.array(contactSchema).min(1) }).strict();

/** Eligibility check data: the documents asked about, the kinds of job, and the verdict texts. */
export const documentSchema = z
  .object({ ...metaShape, name: localizedSchema, how_to_get: localizedSchema })
  .strict()
  .superRefine(checkDates);

export const jobKindSchema = z
  .object({
    id: metaShape.id,
    label: localizedSchema,
    employer: z.enum(['household', 'entity']),
    /** One of the ten occupations freed from placement costs (facts L-41). */
    zero_cost: z.boolean(),
    /** G to G programme this job kind can go through, per destination country id. */
    g2g: z.array(z.string()).default([]),
  })
  .strict();

export const destinationSchema = z
  .object({
    id: metaShape.id,
    label: localizedSchema,
    /** Country-note topic id shown for this destination. */
    topic: z.string().optional(),
    /** Household-employer placement is stopped here (Kepmenaker 260/2015, facts M-10..M-15). */
    household_moratorium: z.boolean().default(false),
    /** No legal route for household-employer work is known here (facts §5b: Korea EPS, Japan G to G). */
    household_no_route: z.boolean().default(false),
  })
  .strict();

export const verdictSchema = z
  .object({ ...metaShape, text: localizedSchema })
  .strict()
  .superRefine(checkDates);

export const eligibilityFileSchema = z
  .object({
    documents: z.array(documentSchema).min(1),
    jobs: z.array(jobKindSchema).min(1),
    destinations: z.array(destinationSchema).min(1),
    verdicts: z.array(verdictSchema).min(1),
  })
  .strict();

export type Topic = z.infer<typeof topicSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type DocumentItem = z.infer<typeof documentSchema>;
export type JobKind = z.infer<typeof jobKindSchema>;
export type Destination = z.infer<typeof destinationSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type Source = z.infer<typeof sourceSchema>;
