import { parseRule, ruleMatches, type Rule } from './rules.js';
import { tokensOf } from './tokens.js';

/** Kinds of distress the safety net hears (DESIGN §11.1). */
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

/** What a free-text message can ask for (DESIGN §11.3). */
/** In order of precedence when two score the same ("paid … mau lapor" opens what to do after paying). */
export const INTENTS = [
  'paid',
  'status',
  'report',
  'agency',
  'offer',
  'question',
  'jobs',
  'family',
  'help',
  'language',
  'greeting',
] as const;
export type Intent = (typeof INTENTS)[number];

export const RELATIONS = ['child', 'sibling', 'spouse', 'parent', 'relative', 'self'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Rule lists by strength: a strong rule alone settles the intent, weak ones only add up. */
export interface WeightedRules {
  readonly strong?: readonly string[];
  readonly medium?: readonly string[];
  readonly weak?: readonly string[];
}

/** One language's word lists, as written in `content/understanding/<locale>.yaml`. */
export interface LexiconData {
  readonly locale: string;
  /** Chat spellings → the word rules are written with ("sy" → "saya"; "" drops the word). */
  readonly spellings: Readonly<Record<string, string>>;
  readonly distress: Readonly<Partial<Record<DistressKind, readonly string[]>>>;
  /** "tolong jelaskan …": a cry word used as "please". */
  readonly politeRequest: readonly string[];
  /** The sender or someone close to them is the subject ("anak saya", "I am"). */
  readonly self: readonly string[];
  /** A general question about a case ("kalau TKI meninggal, siapa …"): no distress unless it names someone close. */
  readonly hypothetical: readonly string[];
  /** Words of job adverts ("dibutuhkan", "kuota terbatas"). */
  readonly advert: readonly string[];
  /** The person is abroad ("majikan", "luar negeri"), or in Indonesia ("penampungan"). */
  readonly abroad: readonly string[];
  readonly home: readonly string[];
  readonly intents: Readonly<Partial<Record<Intent, WeightedRules>>>;
  readonly relations: Readonly<Partial<Record<Relation, readonly string[]>>>;
}

/** Places (countries, sectors) named by words, from content. */
export interface NamedPlace {
  readonly id: string;
  readonly words: readonly string[];
}

export interface CompiledLexicon {
  readonly spellings: ReadonlyMap<string, string>;
  readonly distress: readonly { kind: DistressKind; rule: Rule }[];
  readonly politeRequest: readonly Rule[];
  readonly self: readonly Rule[];
  readonly hypothetical: readonly Rule[];
  readonly advert: readonly Rule[];
  readonly abroad: readonly Rule[];
  readonly home: readonly Rule[];
  readonly intents: readonly { intent: Intent; weight: number; rule: Rule }[];
  readonly relations: readonly { relation: Relation; rule: Rule }[];
  readonly countries: readonly { id: string; rule: Rule }[];
  readonly sectors: readonly { id: string; rule: Rule }[];
}

const WEIGHTS = { strong: 3, medium: 2, weak: 1 } as const;

/**
 * Merges the lexicons of every language into one: people mix languages in one message, so a word of
 * any language is understood whatever the chosen locale.
 */
export function compileLexicons(
  lexicons: readonly LexiconData[],
  countries: readonly NamedPlace[],
  sectors: readonly NamedPlace[],
): CompiledLexicon {
  const spellings = new Map<string, string>();
  for (const l of lexicons)
    for (const [k, v] of Object.entries(l.spellings)) spellings.set(k.toLowerCase(), v);
  const rule = (s: string): Rule => parseRule(s, spellings);
  const all = (pick: (l: LexiconData) => readonly string[]): Rule[] =>
    lexicons.flatMap((l) => pick(l).map(rule));
  // Place names are matched in the same word form as messages ("hong kong", "korsel").
  const placeRule = (w: string): Rule => rule(tokensOf(w, spellings).join(' '));
  return {
    spellings,
    distress: lexicons.flatMap((l) =>
      Object.entries(l.distress).flatMap(([kind, rules]) =>
        rules.map((r) => ({ kind: kind as DistressKind, rule: rule(r) })),
      ),
    ),
    politeRequest: all((l) => l.politeRequest),
    self: all((l) => l.self),
    hypothetical: all((l) => l.hypothetical),
    advert: all((l) => l.advert),
    abroad: all((l) => l.abroad),
    home: all((l) => l.home),
    intents: lexicons.flatMap((l) =>
      Object.entries(l.intents).flatMap(([intent, lists]) =>
        (['strong', 'medium', 'weak'] as const).flatMap((k) =>
          (lists[k] ?? []).map((r) => ({ intent: intent as Intent, weight: WEIGHTS[k], rule: rule(r) })),
        ),
      ),
    ),
    relations: lexicons.flatMap((l) =>
      Object.entries(l.relations).flatMap(([relation, rules]) =>
        rules.map((r) => ({ relation: relation as Relation, rule: rule(r) })),
      ),
    ),
    countries: countries.flatMap((c) => c.words.map((w) => ({ id: c.id, rule: placeRule(w) }))),
    sectors: sectors.flatMap((s) => s.words.map((w) => ({ id: s.id, rule: placeRule(w) }))),
  };
}

export const anyMatches = (rules: readonly Rule[], tokens: readonly string[]): boolean =>
  rules.some((r) => ruleMatches(r, tokens));
