import { parseRule, ruleSet, type Rule, type RuleSet } from './rules.js';
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
  'family',
  'question',
  'jobs',
  'language',
  'help',
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
  /** The person has not left yet ("belum berangkat", "masih nunggu"): no news is about the process. */
  readonly waiting: readonly string[];
  /** Someone was taken or sent by a recruiter ("dibawa calo"): with an age under 18, a child taken. */
  readonly taken: readonly string[];
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
  readonly distress: RuleSet<DistressKind>;
  readonly politeRequest: RuleSet<true>;
  readonly self: RuleSet<true>;
  readonly hypothetical: RuleSet<true>;
  readonly waiting: RuleSet<true>;
  readonly taken: RuleSet<true>;
  readonly advert: RuleSet<true>;
  readonly abroad: RuleSet<true>;
  readonly home: RuleSet<true>;
  readonly intents: RuleSet<{ readonly intent: Intent; readonly weight: number }>;
  readonly relations: RuleSet<Relation>;
  readonly countries: RuleSet<string>;
  readonly sectors: RuleSet<string>;
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
  const flags = (pick: (l: LexiconData) => readonly string[]): RuleSet<true> =>
    ruleSet(lexicons.flatMap((l) => pick(l).map((r) => ({ rule: rule(r), value: true as const }))));
  // Place names are matched in the same word form as messages ("hong kong", "korsel").
  const places = (list: readonly NamedPlace[]): RuleSet<string> =>
    ruleSet(
      list.flatMap((c) =>
        c.words.map((w) => ({ rule: rule(tokensOf(w, spellings).join(' ')), value: c.id })),
      ),
    );
  return {
    spellings,
    distress: ruleSet(
      lexicons.flatMap((l) =>
        Object.entries(l.distress).flatMap(([kind, rules]) =>
          rules.map((r) => ({ rule: rule(r), value: kind as DistressKind })),
        ),
      ),
    ),
    politeRequest: flags((l) => l.politeRequest),
    self: flags((l) => l.self),
    hypothetical: flags((l) => l.hypothetical),
    waiting: flags((l) => l.waiting),
    taken: flags((l) => l.taken),
    advert: flags((l) => l.advert),
    abroad: flags((l) => l.abroad),
    home: flags((l) => l.home),
    intents: ruleSet(
      lexicons.flatMap((l) =>
        Object.entries(l.intents).flatMap(([intent, lists]) =>
          (['strong', 'medium', 'weak'] as const).flatMap((k) =>
            (lists[k] ?? []).map((r) => ({
              rule: rule(r),
              value: { intent: intent as Intent, weight: WEIGHTS[k] },
            })),
          ),
        ),
      ),
    ),
    relations: ruleSet(
      lexicons.flatMap((l) =>
        Object.entries(l.relations).flatMap(([relation, rules]) =>
          rules.map((r) => ({ rule: rule(r), value: relation as Relation })),
        ),
      ),
    ),
    countries: places(countries),
    sectors: places(sectors),
  };
}
