import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS } from '../src/core/understanding/lexicon.js';

export const EVAL_DIR = join(import.meta.dirname);
export const PARTS = ['dev', 'heldout'] as const;
export type Part = (typeof PARTS)[number];

const LABELS = [...INTENTS, 'distress', 'none'] as const;
export type Label = (typeof LABELS)[number];

const itemSchema = z
  .object({
    text: z.string().min(1),
    lang: z.enum(['id', 'en', 'mix', 'jv', 'su', 'mad', 'sas']),
    intent: z.enum(LABELS),
    expect: z.array(z.string().min(1)).optional(),
    country: z.string().optional(),
    sector: z.string().optional(),
    where: z.enum(['abroad', 'home']).optional(),
  })
  .strict();
export type Item = z.infer<typeof itemSchema>;

/** The regional languages of issue 16; floors and numbers are kept apart from Indonesian and English. */
export const REGIONAL_LANGS = ['jv', 'su', 'mad', 'sas'] as const;
export const isRegional = (item: Item): boolean => (REGIONAL_LANGS as readonly string[]).includes(item.lang);

const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The held-out messages that the development part does not also contain. Two writers working apart
 * still both write "halo" or "status"; such a message was seen while the rules were written, so it
 * does not count as held out.
 */
export function unseenHeldout(): { items: Item[]; shared: number } {
  const dev = new Set(readUnderstandingCorpus('dev').map((i) => key(i.text)));
  const all = readUnderstandingCorpus('heldout');
  const items = all.filter((i) => !dev.has(key(i.text)));
  return { items, shared: all.length - items.length };
}

/** One part of the understanding corpus (eval/understanding/<part>.yaml), validated. */
export function readUnderstandingCorpus(part: Part): Item[] {
  const raw: unknown = parse(readFileSync(join(EVAL_DIR, 'understanding', `${part}.yaml`), 'utf8'));
  return z.array(itemSchema).parse(raw);
}
