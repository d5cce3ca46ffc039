import MiniSearch from 'minisearch';
import { CONTENT_LOCALES, contentLocale, textIn, type ContentLocale, type TextLocale } from './locales.js';
import { agencyValid, hiddenBecause, type JobsData, type SectorInfo } from './jobs-data.js';
import type { Agency, Listing, Sector } from './jobs-schema.js';
import { foldText, processTerm, tokenize } from './text-terms.js';
import type { ScanCountry } from './warnings-schema.js';

export interface JobQuery {
  readonly country?: string;
  readonly sector?: Sector;
  readonly words?: string;
}

export type JobSearch =
  /** `words` held nothing to search for (only common words, emojis or punctuation). */
  | { readonly type: 'no-terms' }
  | { readonly type: 'ok'; readonly listings: readonly Listing[] };

/** Verified job listings and the licensed agencies behind them; only listings valid today are ever returned. */
export interface JobsCatalog {
  search(query: JobQuery, locale: TextLocale, today: string): JobSearch;
  /** A listing by id, only while it is shown. */
  listing(id: string, today: string): Listing | undefined;
  agency(id: string): Agency | undefined;
  readonly sectors: readonly SectorInfo[];
  /** Countries and sectors that have listings shown today, with their counts. */
  countries(today: string): readonly { id: string; count: number }[];
  sectorCounts(today: string): readonly { id: Sector; count: number }[];
  /** Newest `verified_at` among the listings shown today. */
  checkedOn(today: string): string | undefined;
  readonly agencyIsValid: (agency: Agency, today: string) => boolean;
  /** Some listings or agencies are example data (`example: true`): the bot says so. */
  readonly examples: boolean;
}

/** Words that say "job" in every query and find nothing by themselves. */
const JOB_WORDS = new Set(['kerja', 'pekerjaan', 'lowongan', 'loker', 'cari', 'info', 'job', 'jobs', 'work', 'vacancy', 'gaji']);
const jobTerm = (term: string): string | null => {
  const t = processTerm(term);
  return t === null || JOB_WORDS.has(t) ? null : t;
};
const typoDistance = (term: string): number => (term.length < 4 ? 0 : term.length < 8 ? 1 : 2);
/** A word typed so far ("pab" for "pabrik") also matches longer words, from three letters. */
const prefixOf = (term: string, i: number, terms: string[]): boolean => i === terms.length - 1 && term.length >= 3;
const SEARCH_PHASES = [
  { combineWith: 'AND', prefix: prefixOf, fuzzy: false },
  { combineWith: 'AND', prefix: prefixOf, fuzzy: typoDistance },
  { combineWith: 'OR', prefix: prefixOf, fuzzy: typoDistance },
] as const;
/** Longest query read; a longer message is cut. */
const MAX_QUERY = 200;
/** Words longer than this are not words anyone searches for; at most this many words are used. */
const MAX_TERM = 30;
const MAX_TERMS = 8;

interface Doc {
  id: string;
  title: string;
  place: string;
  agency: string;
  details: string;
}

/** A word of the vocabulary of sectors and countries: what it names. */
interface VocabularyDoc {
  id: string;
  kind: 'sector' | 'country';
  target: string;
  words: string;
}

/**
 * Classifies query words: those naming a sector ("pabrik", "lansia") or a country ("taiwan", "korsel"),
 * typos tolerated, become filters; the rest are searched as text. Sector and country names are few and
 * shared by thousands of listings, so filtering on them is both more precise and far cheaper than
 * scoring them as text.
 */
function buildVocabulary(sectors: readonly SectorInfo[], countries: readonly ScanCountry[]) {
  const vocabulary = new MiniSearch<VocabularyDoc>({
    fields: ['words'],
    storeFields: ['kind', 'target'],
    tokenize: (text) => text.split('\n'),
    processTerm: (term) => foldText(term).trim() || null,
  });
  let n = 0;
  const add = (kind: VocabularyDoc['kind'], target: string, words: readonly string[]) => {
    for (const w of words) vocabulary.add({ id: String(n++), kind, target, words: w });
  };
  for (const s of sectors) add('sector', s.id, [textIn(s.label, 'id'), textIn(s.label, 'en'), ...s.keywords.id, ...s.keywords.en]);
  for (const c of countries) add('country', c.id, [textIn(c.name, 'id'), textIn(c.name, 'en'), ...c.words]);
  return (term: string): { kind: VocabularyDoc['kind']; targets: Set<string> } | undefined => {
    const hits = vocabulary.search(term, { fuzzy: typoDistance(term) > 0 ? 1 : false, combineWith: 'OR' });
    const first = hits[0];
    if (!first) return undefined;
    const kind = first.kind as VocabularyDoc['kind'];
    const best = first.score;
    const targets = new Set(hits.filter((h) => h.kind === kind && h.score >= best * 0.99).map((h) => String(h.target)));
    return { kind, targets };
  };
}

/** Listings must match every sector (or country) word; words that contradict each other are widened. */
function narrow(sets: readonly Set<string>[]): Set<string> | undefined {
  if (sets.length === 0) return undefined;
  const both = [...(sets[0] ?? [])].filter((x) => sets.every((set) => set.has(x)));
  return new Set(both.length > 0 ? both : sets.flatMap((set) => [...set]));
}

const byNewest = (a: Listing, b: Listing) => b.verified_at.localeCompare(a.verified_at) || a.id.localeCompare(b.id);

export function buildJobsCatalog(input: JobsData, countries: readonly ScanCountry[]): JobsCatalog {
  // Rows as zod returns them are slow to read (each is built key by key); one copy gives them a fixed
  // shape, which makes filtering 10,000 listings about 20 times faster.
  const data: JobsData = { ...input, listings: input.listings.map((l) => ({ ...l })) };
  const agencies = new Map(data.agencies.map((a) => [a.id, a]));
  const listings = new Map<string, Listing>(data.listings.map((l) => [l.id, l]));
  const shown = (l: Listing, today: string) => hiddenBecause(l, agencies.get(l.agency_id), today) === undefined;
  /** What is shown changes once a day: worked out once per day, not per search. */
  let day: { today: string; listings: Listing[]; ids: Set<string> } | undefined;
  const visibleToday = (today: string) => {
    if (day?.today !== today) {
      const list = data.listings.filter((l) => shown(l, today)).sort(byNewest);
      day = { today, listings: list, ids: new Set(list.map((l) => l.id)) };
    }
    return day;
  };
  const visible = (today: string) => visibleToday(today).listings;
  const classify = buildVocabulary(data.sectors, countries);

  const indexFor = (locale: ContentLocale) => {
    const index = new MiniSearch<Doc>({
      fields: ['title', 'place', 'agency', 'details'],
      tokenize,
      processTerm: jobTerm,
      searchOptions: { boost: { title: 3 } },
    });
    index.addAll(
      data.listings.map((l) => ({
        id: l.id,
        title: locale === 'id' ? l.title_id : l.title_en,
        place: l.city ?? '',
        agency: [agencies.get(l.agency_id)?.name ?? '', ...(agencies.get(l.agency_id)?.aliases ?? [])].join(' '),
        details: [l.skills_id, l.skills_en, l.language_id, l.language_en].filter(Boolean).join(' '),
      })),
    );
    return index;
  };
  const indexes = new Map(CONTENT_LOCALES.map((l) => [l, indexFor(l)]));

  /** Splits the words into sector and country filters and the words left to search as text. */
  const understand = (terms: readonly string[]) => {
    const sectorSets: Set<string>[] = [];
    const countrySets: Set<string>[] = [];
    const rest: string[] = [];
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] ?? '';
      const pair = i + 1 < terms.length ? `${term} ${terms[i + 1] ?? ''}` : undefined;
      // Two-word names first ("kapal ikan", "arab saudi").
      const asPair = pair === undefined ? undefined : classify(pair);
      if (asPair) {
        (asPair.kind === 'sector' ? sectorSets : countrySets).push(asPair.targets);
        i++;
        continue;
      }
      const found = classify(term);
      if (found) (found.kind === 'sector' ? sectorSets : countrySets).push(found.targets);
      else rest.push(term);
    }
    return { sectors: narrow(sectorSets), countries: narrow(countrySets), rest };
  };
  return {
    sectors: data.sectors,
    agencyIsValid: agencyValid,
    examples: data.listings.some((l) => l.example) || data.agencies.some((a) => a.example),
    agency: (id) => agencies.get(id),
    listing(id, today) {
      return visibleToday(today).ids.has(id) ? listings.get(id) : undefined;
    },
    search(q, locale, today) {
      const words = (q.words ?? '').slice(0, MAX_QUERY);
      const terms = tokenize(words)
        .map(jobTerm)
        .filter((w): w is string => w !== null && w.length <= MAX_TERM)
        .slice(0, MAX_TERMS);
      if (words.trim() !== '' && terms.length === 0) return { type: 'no-terms' };
      const meant = understand(terms);
      const fits = (l: Listing) =>
        (q.country === undefined || l.country === q.country) &&
        (q.sector === undefined || l.sector === q.sector) &&
        (meant.countries === undefined || meant.countries.has(l.country)) &&
        (meant.sectors === undefined || meant.sectors.has(l.sector));
      if (meant.rest.length === 0) return { type: 'ok', listings: visible(today).filter(fits) };
      const index = indexes.get(contentLocale(locale));
      if (!index) return { type: 'ok', listings: [] };
      const ids = visibleToday(today).ids;
      const filter = (r: { id: unknown }) => {
        const l = listings.get(String(r.id));
        return l !== undefined && ids.has(l.id) && fits(l);
      };
      // Cheapest first: exact words (the last one may be cut short), then with typos, then any word.
      let hits: ReturnType<typeof index.search> = [];
      for (const phase of SEARCH_PHASES) {
        hits = index.search(meant.rest.join(' '), { ...phase, filter });
        if (hits.length > 0) break;
      }
      return {
        type: 'ok',
        listings: hits.flatMap((h) => {
          const l = listings.get(String(h.id));
          return l ? [l] : [];
        }),
      };
    },
    countries(today) {
      const counts = new Map<string, number>();
      for (const l of visible(today)) counts.set(l.country, (counts.get(l.country) ?? 0) + 1);
      return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    },
    sectorCounts(today) {
      const counts = new Map<Sector, number>();
      for (const l of visible(today)) counts.set(l.sector, (counts.get(l.sector) ?? 0) + 1);
      return data.sectors.filter((s) => counts.has(s.id)).map((s) => ({ id: s.id, count: counts.get(s.id) ?? 0 }));
    },
    checkedOn(today) {
      return visible(today)
        .map((l) => l.verified_at)
        .sort()
        .at(-1);
    },
  };
}
