import { z } from 'zod';
import { TEXT_LOCALES } from './locales.js';
import { checkDates, localizedSchema, metaShape } from './schema.js';

/** Kinds of distress the safety net hears (DESIGN §11.1): the keys of a word list's `distress`. */
export const DISTRESS_KINDS = [
  'confined',
  'abuse',
  'documents',
  'unpaid',
  'unreachable',
  'scam',
  'trafficked',
  'death',
  'stranded',
  'cry',
] as const;
export type DistressKind = (typeof DISTRESS_KINDS)[number];

/**
 * What a free-text message can ask for (DESIGN §11.3): the keys of a word list's `intents`. The core
 * ranks them (src/core/understanding/lexicon.ts, INTENTS); the compiler checks it ranks every one.
 */
export const INTENT_NAMES = [
  'agency',
  'family',
  'greeting',
  'help',
  'jobs',
  'language',
  'offer',
  'paid',
  'question',
  'report',
  'status',
] as const;
export type Intent = (typeof INTENT_NAMES)[number];

/** Who a message is about: the keys of a word list's `relations`. */
export const RELATIONS = ['child', 'sibling', 'spouse', 'parent', 'relative', 'self'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Problems of a rule's text (syntax in src/core/understanding/rules.ts). */
export function ruleProblem(source: string): string | undefined {
  if (source.trim() === '') return 'is empty';
  if (/\+\S|\S\+/.test(source.replace(/ \+ /g, ''))) return 'joins parts with "+" without spaces around it';
  if (/^\s*\+|\+\s*$/.test(source)) return 'starts or ends with "+" (in YAML, quote a rule that holds " #")';
  if (/\|\||^\||\|$|\s\||\|\s/.test(source)) return 'has an empty alternative';
  if (/[^\p{L}\p{N}*|+#/& '-]/u.test(source))
    return 'has characters other than letters, digits, * | + & # / and spaces';
  if (/&\S|\S&/.test(source.replace(/ & /g, ''))) return 'joins parts with "&" without spaces around it';
  if (source.includes(' & ') && source.includes(' + ')) return 'mixes " + " and " & " in one rule';
  if (/^\s*&|&\s*$/.test(source)) return 'starts or ends with "&"';
  if (/\/\/|(^|[\s|])\/|\/($|[\s|])/.test(source)) return 'has an empty choice around "/"';
  return undefined;
}


/** One rule of the pattern language (src/core/understanding/rules.ts). */
const ruleSchema = z.string().superRefine((s, ctx) => {
  const problem = ruleProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: `rule "${s}" ${problem}` });
});
const rules = z.array(ruleSchema);
const weighted = z
  .object({ strong: rules.optional(), medium: rules.optional(), weak: rules.optional() })
  .strict();
const keyed = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value.optional()])) as Record<K, z.ZodOptional<V>>).strict();

/** `content/understanding/<locale>.yaml`: one language's word lists for the understanding pipeline. */
export const lexiconFileSchema = z
  .object({
    locale: z.string().regex(/^[a-z]{2,3}$/, 'expected a language code such as id, en, jv'),
    spellings: z.record(z.string().regex(/^[\p{Ll}\p{N}]+$/u, 'a chat spelling is one lower-case word'), z.string()),
    distress: keyed(DISTRESS_KINDS, rules),
    politeRequest: rules,
    self: rules,
    me: rules,
    minor: rules,
    hypothetical: rules,
    waiting: rules,
    taken: rules,
    // Newer lists: a language may not have them yet.
    topic: rules.default([]),
    keptByRecruiter: rules.default([]),
    benign: rules.default([]),
    employed: rules.default([]),
    recruiter: rules.default([]),
    departing: rules.default([]),
    demand: rules.default([]),
    paidDone: rules.default([]),
    howTo: rules.default([]),
    aboutBot: rules.default([]),
    mission: rules.default([]),
    viaOfficial: rules.default([]),
    wantsReport: rules.default([]),
    whatNow: rules.default([]),
    notUrgent: rules.default([]),
    future: rules.default([]),
    resolved: rules.default([]),
    stillNow: rules.default([]),
    framed: rules.default([]),
    there: rules.default([]),
    explained: rules.default([]),
    offTopic: rules.default([]),
    arrived: rules.default([]),
    advert: rules,
    abroad: rules,
    home: rules,
    intents: keyed(INTENT_NAMES, weighted),
    relations: keyed(RELATIONS, rules),
  })
  .strict();
/** One language's word lists as read; the core compiles them (src/core/understanding/lexicon.ts). */
export type LexiconFile = z.output<typeof lexiconFileSchema>;

/** `content/answers/*.yaml`: direct answers to frequent questions (DESIGN §11.4). */
export const answerSchema = z
  .object({
    ...metaShape,
    /** Example questions as people type them, per locale: what a message is matched against. */
    ask: z
      .object({ id: z.array(z.string().trim().min(3)).min(2) })
      .catchall(z.array(z.string().trim().min(3)))
      .refine((a) => Object.keys(a).every((k) => (TEXT_LOCALES as readonly string[]).includes(k)), {
        error: `ask has a language other than ${TEXT_LOCALES.join(', ')}`,
      }),
    answer: localizedSchema,
    /** A guide topic for "read more". */
    more: z.string().optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    checkDates(a, ctx);
    for (const l of TEXT_LOCALES) {
      const text = (a.answer as Record<string, string>)[l] ?? '';
      if (text.length > 600) ctx.addIssue({ code: 'custom', path: ['answer', l], message: 'longer than 600 characters' });
    }
  });
export const answersFileSchema = z.object({ answers: z.array(answerSchema).min(1) }).strict();
export type Answer = z.infer<typeof answerSchema>;
