import MiniSearch from 'minisearch';
import { CONTENT_LOCALES, contentLocale, textIn, type ContentLocale, type TextLocale } from './locales.js';
import type { Content } from './loader.js';
import type { Contact, Destination, DocumentItem, JobKind, Topic, Verdict } from './schema.js';
import type { Level, ScanCountry, Sign, SignGroup } from './warnings-schema.js';
import { createAgencyChecker, type AgencyChecker } from './agency-matcher.js';
import { loadAreaNames, type AreaNames } from './areas.js';
import { buildJobsCatalog, type JobsCatalog } from './jobs-index.js';
import { processTerm, tokenize } from './text-terms.js';
import { buildAnswerIndex, type AnswerIndex, type WordsOf } from './answer-index.js';
import { CONTENT_IDS, type ContentIds } from './ids.js';

export interface SearchHit {
  readonly topicId: string;
  readonly score: number;
}

/**
 * Read-only view of validated content, indexed once at start-up. The core sees it with the word lists
 * compiled and the glossary built (src/core/catalog.ts; src/bootstrap.ts puts them together).
 */
export interface ContentCatalog {
  topic(id: string): Topic | undefined;
  topicsOf(group: Topic['group']): readonly Topic[];
  readonly contacts: readonly Contact[];
  readonly documents: readonly DocumentItem[];
  readonly jobs: readonly JobKind[];
  readonly destinations: readonly Destination[];
  verdict(id: string): Verdict | undefined;
  readonly signGroups: readonly { readonly id: SignGroup; readonly title: Topic['title'] }[];
  /** Warning signs asked about in the offer check (`offer`) or the family check (`family`), in order. */
  signsFor(audience: Sign['audience']): readonly Sign[];
  sign(id: string): Sign | undefined;
  level(id: string): Level | undefined;
  country(id: string): ScanCountry | undefined;
  /** What to verify about any offer. */
  readonly verifyTips: readonly Topic['title'][];
  /** Verified job listings and their agencies (issue: jobs), distinct from `jobs`, the kinds of job asked about. */
  readonly listings: JobsCatalog;
  readonly agencies: AgencyChecker;
  readonly areas: AreaNames;
  /** Direct answer cards for frequent questions, and their matcher. */
  readonly answers: AnswerIndex;
  /** The content ids code relies on (src/content/ids.ts), for the core, which imports only content types. */
  readonly ids: ContentIds;
  /** Full-text search over guide topics, typo-tolerant; best first. */
  search(query: string, locale: TextLocale, limit?: number): readonly SearchHit[];
}

interface IndexedTopic {
  id: string;
  title: string;
  keywords: string;
  body: string;
}

/** Edits tolerated per word: none for short words, two from five letters ("korae" → "korea"). */
const typoDistance = (term: string): number => (term.length < 4 ? 0 : term.length < 5 ? 1 : term.length < 9 ? 2 : 3);

/** Hits scoring below this share of the best one are noise (a common word matched somewhere). */
const RELATIVE_FLOOR = 0.2;
const MIN_SCORE = 1;

function indexFor(topics: readonly Topic[], locale: ContentLocale): MiniSearch<IndexedTopic> {
  const index = new MiniSearch<IndexedTopic>({
    fields: ['title', 'keywords', 'body'],
    tokenize,
    processTerm,
    searchOptions: { boost: { title: 3, keywords: 3 }, fuzzy: typoDistance, prefix: true, combineWith: 'OR' },
  });
  index.addAll(
    topics.map((t) => ({
      id: t.id,
      title: textIn(t.title, locale),
      keywords: (t.keywords[locale] ?? []).join(' '),
      body: [t.summary, ...t.pages, ...t.steps.map((s) => s.title)].map((x) => textIn(x, locale)).join('\n'),
    })),
  );
  return index;
}

/** The catalog of `content`; `wordsOf` reads the answer cards' example questions as messages are read. */
export function buildContentCatalog(content: Content, wordsOf: WordsOf): ContentCatalog {
  const topics = new Map(content.topics.map((t) => [t.id, t]));
  const verdicts = new Map(content.eligibility.verdicts.map((v) => [v.id, v]));
  const indexes = new Map(CONTENT_LOCALES.map((l) => [l, indexFor(content.topics, l)]));
  const signs = new Map(content.warnings.signs.map((s) => [s.id, s]));
  const levels = new Map<string, Level>(content.warnings.levels.map((l) => [l.id, l]));
  const countries = new Map(content.scan.countries.map((c) => [c.id, c]));
  const byAudience = {
    offer: content.warnings.signs.filter((s) => s.audience === 'offer'),
    family: content.warnings.signs.filter((s) => s.audience === 'family'),
  };
  return {
    answers: buildAnswerIndex(content.answers, wordsOf),
    topic: (id) => topics.get(id),
    topicsOf: (group) => content.topics.filter((t) => t.group === group),
    contacts: content.contacts,
    documents: content.eligibility.documents,
    jobs: content.eligibility.jobs,
    destinations: content.eligibility.destinations,
    verdict: (id) => verdicts.get(id),
    signGroups: content.warnings.groups,
    signsFor: (audience) => byAudience[audience],
    sign: (id) => signs.get(id),
    level: (id) => levels.get(id),
    country: (id) => countries.get(id),
    verifyTips: content.scan.verify.map((v) => v.text),
    listings: buildJobsCatalog(content.jobs, content.scan.countries),
    agencies: createAgencyChecker(content.jobs.agencies),
    areas: loadAreaNames(),
    ids: CONTENT_IDS,
    search(query, locale, limit = 5) {
      const index = indexes.get(contentLocale(locale));
      if (!index || query.trim() === '') return [];
      const results = index.search(query.slice(0, 500));
      const best = results[0]?.score ?? 0;
      if (best < MIN_SCORE) return [];
      return results
        .filter((r) => r.score >= best * RELATIVE_FLOOR)
        .slice(0, limit)
        .map((r) => ({ topicId: String(r.id), score: r.score }));
    },
  };
}
