import type { DistressKind, Intent, Relation } from '../../content/understanding-schema.js';
import { parseRule, ruleSet, type Rule, type RuleSet } from './rules.js';
import { tokensOf } from './tokens.js';

/** The word lists' keys, named in content's schema (src/content/understanding-schema.ts). */
export type { DistressKind, Intent, Relation };

/**
 * What a free-text message can ask for (DESIGN §11.3), in order of precedence when two score the same
 * ("paid … mau lapor" opens what to do after paying).
 */
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
] as const satisfies readonly Intent[];

/** Fails to compile when an intent of content's schema has no place in the order above. */
type Never<T extends never> = T;
export type EveryIntentRanked = Never<Exclude<Intent, (typeof INTENTS)[number]>>;

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
  /** The sender speaks of themself ("saya", "I"): with a grave sign, not an advert's "hubungi saya". */
  readonly me: readonly string[];
  /** A child, said without a number ("masih SMP", "di bawah umur"). */
  readonly minor: readonly string[];
  /** A general question about a case ("kalau TKI meninggal, siapa …"): no distress unless it names someone close. */
  readonly hypothetical: readonly string[];
  /** The person has not left yet ("belum berangkat", "masih nunggu"): no news is about the process. */
  readonly waiting: readonly string[];
  /** Someone was taken or sent by a recruiter ("dibawa calo"): with an age under 18, a child taken. */
  readonly taken: readonly string[];
  /** A question about signs or a definition in general ("apa saja tanda TPPO"): not told of oneself. */
  readonly topic: readonly string[];
  /** Papers kept by a recruiter in Indonesia ("paspor disimpan sponsor"): a warning sign of an offer. */
  readonly keptByRecruiter: readonly string[];
  /**
   * Words that are no sign of distress where they stand: someone else's death ("majikannya
   * meninggal"), a minor accident, property sold ("sold her cow"). Only the words they cover are set aside.
   */
  readonly benign: readonly string[];
  /** Words of job adverts ("dibutuhkan", "kuota terbatas"). */
  readonly advert: readonly string[];
  /** The person is abroad ("majikan", "luar negeri"), or in Indonesia ("penampungan"). */
  readonly abroad: readonly string[];
  readonly home: readonly string[];
  /** Someone already at work, with an employer ("majikannya", "lagi kerja di kapal"): not an offer. */
  readonly employed: readonly string[];
  /** Someone who recruits or an offer they made ("sponsor", "ditawari", "lowongan"). */
  readonly recruiter: readonly string[];
  /** Someone about to leave, not abroad yet ("mau daftar", "surat izin suami", "minimum age"). */
  readonly departing: readonly string[];
  /** Money asked for, not yet paid ("tinggal bayar 3jt", "must pay 40 juta first"): an offer. */
  readonly demand: readonly string[];
  /** Money already handed over ("sudah bayar", "already paid"). */
  readonly paidDone: readonly string[];
  /** Asking how something is done or where ("cara ngecek", "where can I check", "ada berapa"). */
  readonly howTo: readonly string[];
  /** About this bot or chat ("bot ini", "this chat", "tekan angka berapa"). */
  readonly aboutBot: readonly string[];
  /** Telling the mission abroad ("lapor ke KDEI", "contact the embassy"): family help, not the report form. */
  readonly mission: readonly string[];
  /** Through a licensed channel ("lewat PT resmi"): a wish for the legal way, not one company to check. */
  readonly viaOfficial: readonly string[];
  /** The sender asks to report someone ("mau sy laporin", "I want to report him"): the report form. */
  readonly wantsReport: readonly string[];
  /** Asking what to do now or for the money back ("lapor atau nunggu?", "uang sy gmn"): not yet a report. */
  readonly whatNow: readonly string[];
  /** A plea about something that is no emergency ("gaji lancar, cuma kangen", "motor mogok"). */
  readonly notUrgent: readonly string[];
  /** Harm imagined ahead of leaving ("misalnya nanti …", "buat jaga2"): a question, not distress. */
  readonly future: readonly string[];
  /** A case told as over ("alhamdulillah udh dipulangin", "already home and fine now"): asked about, no alarm. */
  readonly resolved: readonly string[];
  /** Still in it now ("masih dikurung", "still there"): a case told as over is not over. */
  readonly stillNow: readonly string[];
  /** News, training material, a slide or a role play: its sentences tell of nobody's harm now. */
  readonly framed: readonly string[];
  /** Already there ("sy skrg di jepang", "actually I am already in Taiwan"): an offer question about their own situation. */
  readonly there: readonly string[];
  /** Silence with a reason given ("gak ada sinyal", "biasanya juga gitu"): not someone missing. */
  readonly explained: readonly string[];
  /** Everyday matters the bot has nothing on ("kucing hilang", "jadwal bola", "main ml"): off-topic. */
  readonly offTopic: readonly string[];
  /** A safe arrival told ("udh sampe di taiwan dgn selamat", "I arrived safely"): with thanks, a thank-you. */
  readonly arrived: readonly string[];
  readonly intents: Readonly<Partial<Record<Intent, WeightedRules>>>;
  readonly relations: Readonly<Partial<Record<Relation, readonly string[]>>>;
}

/** Places (countries, sectors) named by words, from content. */
export interface NamedPlace {
  readonly id: string;
  readonly words: readonly string[];
}

/** Word lists that answer yes or no for a message (DESIGN §11 guards and context). */
export const FLAGS = [
  'politeRequest',
  'self',
  'me',
  'minor',
  'hypothetical',
  'waiting',
  'taken',
  'topic',
  'keptByRecruiter',
  'abroad',
  'home',
  'employed',
  'recruiter',
  'departing',
  'demand',
  'paidDone',
  'howTo',
  'aboutBot',
  'mission',
  'viaOfficial',
  'wantsReport',
  'whatNow',
  'notUrgent',
  'future',
  'resolved',
  'stillNow',
  'framed',
  'there',
  'explained',
  'offTopic',
  'arrived',
] as const;
export type Flag = (typeof FLAGS)[number];

/** Everything the word lists find in one message, read in one pass over its words. */
export interface Reading {
  readonly distress: ReadonlySet<DistressKind>;
  readonly flags: ReadonlySet<Flag>;
  /** How many advert rules matched, but no more than the places they matched at ("wa" in two lists is one). */
  readonly adverts: number;
  readonly intents: readonly { readonly intent: Intent; readonly weight: number }[];
  /** In the order the lists name them (the first is the one the message is taken to name). */
  readonly relations: readonly Relation[];
  readonly countries: readonly string[];
  readonly sectors: readonly string[];
}

export interface CompiledLexicon {
  readonly spellings: ReadonlyMap<string, string>;
  read(tokens: readonly string[]): Reading;
}

/** What a rule stands for, in the one index of all word lists. */
type Meaning =
  | { readonly k: 'distress'; readonly v: DistressKind }
  | { readonly k: 'flag'; readonly v: Flag }
  | { readonly k: 'advert' }
  | { readonly k: 'intent'; readonly v: { readonly intent: Intent; readonly weight: number } }
  | { readonly k: 'relation'; readonly v: Relation }
  | { readonly k: 'country'; readonly v: string }
  | { readonly k: 'sector'; readonly v: string };

const WEIGHTS = { strong: 3, medium: 2, weak: 1 } as const;

/**
 * Merges the lexicons of every language into one index: people mix languages in one message, so a
 * word of any language is understood whatever the chosen locale, and a message is read once.
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
  const items: { rule: Rule; value: Meaning }[] = [];
  const add = (source: string, value: Meaning) => items.push({ rule: rule(source), value });
  for (const l of lexicons) {
    for (const [kind, rules] of Object.entries(l.distress))
      for (const r of rules) add(r, { k: 'distress', v: kind as DistressKind });
    for (const flag of FLAGS) for (const r of l[flag]) add(r, { k: 'flag', v: flag });
    for (const r of l.advert) add(r, { k: 'advert' });
    for (const [intent, lists] of Object.entries(l.intents))
      for (const strength of ['strong', 'medium', 'weak'] as const)
        for (const r of lists[strength] ?? [])
          add(r, { k: 'intent', v: { intent: intent as Intent, weight: WEIGHTS[strength] } });
    for (const [relation, rules] of Object.entries(l.relations))
      for (const r of rules) add(r, { k: 'relation', v: relation as Relation });
  }
  // Place names are matched in the same word form as messages ("hong kong", "korsel").
  const place = (w: string) => tokensOf(w, spellings).join(' ');
  // A one-word place name that a chat spelling writes as another word is that word in a message, not
  // the place: "roma" is Madurese for "rumah", so every "di rumah" would otherwise be in Italy.
  const respelled = (w: string) => !w.includes(' ') && place(w) !== w.toLowerCase();
  for (const c of countries)
    for (const w of c.words) if (!respelled(w)) add(place(w), { k: 'country', v: c.id });
  // The first sector named is the one taken; a sector named in more words is the more specific one
  // ("kapal pesiar" is a cruise ship, not "kapal"; "perawat rumah sakit" works in a hospital): longest first.
  const sectorWords = sectors.flatMap((c) => c.words.map((w) => ({ id: c.id, words: place(w) })));
  const wordCount = (s: string) => s.split(' ').length;
  sectorWords.sort((a, b) => wordCount(b.words) - wordCount(a.words));
  for (const s of sectorWords) add(s.words, { k: 'sector', v: s.id });
  const index: RuleSet<Meaning> = ruleSet(items);
  const benign = ruleSet(lexicons.flatMap((l) => l.benign.map((r) => ({ rule: rule(r), value: true }))));

  const passive = passiveWords(items.map((i) => i.rule));

  return {
    spellings,
    read(words) {
      // "d tahan polsi", "di kunci d kmar": a passive verb written apart is read as one word.
      const tokens = words.includes('di') ? joinPassives(words, passive) : words;
      const reading = readWith(tokens);
      // Words that are no sign of distress where they stand are set aside, and the rest read again.
      if (reading.distress.size === 0) return reading;
      const aside = benign.cover(tokens);
      if (aside.size === 0) return reading;
      const rest = readWith(tokens.map((t, i) => (aside.has(i) ? '' : t)));
      return { ...reading, distress: rest.distress };
    },
  };

  function readWith(tokens: readonly string[]): Reading {
    // Each set and list is made when the message gives it a first item (most give a few only).
    let distress: Set<DistressKind> | undefined;
    let flags: Set<Flag> | undefined;
    let intents: { intent: Intent; weight: number }[] | undefined;
    let relations: Relation[] | undefined;
    let countries: string[] | undefined;
    let sectors: string[] | undefined;
    let adverts = 0;
    let advertPlaces: Set<number> | undefined;
    for (const { value: m, at } of index.located(tokens)) {
      if (m.k === 'distress') (distress ??= new Set()).add(m.v);
      else if (m.k === 'flag') (flags ??= new Set()).add(m.v);
      else if (m.k === 'advert') {
        adverts++;
        advertPlaces ??= new Set();
        for (const i of at) advertPlaces.add(i);
      } else if (m.k === 'intent') intents = added(intents, m.v);
      else if (m.k === 'relation') relations = added(relations, m.v);
      else if (m.k === 'country') countries = added(countries, m.v);
      else sectors = added(sectors, m.v);
    }
    return {
      distress: distress ?? NO_DISTRESS,
      flags: flags ?? NO_FLAGS,
      adverts: Math.min(adverts, advertPlaces?.size ?? 0),
      intents: intents ?? [],
      relations: relations ?? [],
      countries: countries ?? [],
      sectors: sectors ?? [],
    };
  }
}

/** A list with `item` added: a new list of one for the first item. */
function added<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

/** A reading's empty sets, shared (a reading's sets are never changed once read). */
const NO_DISTRESS: ReadonlySet<DistressKind> = new Set();
const NO_FLAGS: ReadonlySet<Flag> = new Set();

/** The passive verbs the rules name ("ditahan", "dikunci", "dipindah*"): exact words and word starts. */
function passiveWords(rules: readonly Rule[]): { exact: Set<string>; starts: string[] } {
  const exact = new Set<string>();
  const starts = new Set<string>();
  for (const r of rules)
    for (const part of r.parts)
      for (const phrase of part)
        for (const w of phrase)
          if (w.word.startsWith('di') && w.word.length >= PASSIVE_MIN)
            (w.prefix ? starts : exact).add(w.word);
  return { exact, starts: [...starts] };
}

/** Words after "di" that say where ("di luar negeri"), never joined into a verb ("diluar jangkauan"). */
const PLACE_WORDS: ReadonlySet<string> = new Set([
  'luar',
  'dalam',
  'atas',
  'bawah',
  'sana',
  'sini',
  'situ',
  'mana',
  'antara',
  'depan',
  'belakang',
  'samping',
  'sebelah',
  'tengah',
]);

/** Shortest passive verb joined from "di" and the word after it ("di ambil"). */
const PASSIVE_MIN = 5;

/**
 * "di" and the next word as one passive verb when the rules name it ("di tahan" → "ditahan"); "di
 * kamar" (in the room) stays apart, as no rule names "dikamar".
 */
export function joinPassives(
  tokens: readonly string[],
  passive: { readonly exact: ReadonlySet<string>; readonly starts: readonly string[] },
): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if (t === 'di' && next !== undefined && !PLACE_WORDS.has(next)) {
      const joined = `di${next}`;
      if (passive.exact.has(joined) || passive.starts.some((p) => joined.startsWith(p))) {
        out.push(joined);
        i++;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
