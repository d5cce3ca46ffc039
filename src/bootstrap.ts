import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContentCatalog } from './content/catalog.js';
import { formatProblem, loadContent, type Content, type ContentProblem } from './content/loader.js';
import type { Catalog } from './core/catalog.js';
import { createEngine, type Engine } from './core/engine.js';
import { createGlossary, withGlossary } from './core/gloss.js';
import { createFlows } from './core/flows/index.js';
import { createIntentMatcher, type IntentLists } from './core/intents.js';
import { REGIONAL_LOCALES } from './content/locales.js';
import { LOCALES, isRegional, type Locale, type RegionalLocale } from './core/locale.js';
import { createLanguageGuesser, type LanguageMarkers } from './core/language-guess.js';
import type { Clock, Logger, OfferScanner, SessionStore, Translator } from './core/ports.js';
import type { ForgetDesk } from './core/forget.js';
import type { OfficerDesk } from './core/officer.js';
import type { RegisterDesk } from './core/register.js';
import type { SubscriptionDesk } from './core/subscriptions.js';
import type { ReportDesk, VillageFinder } from './core/report.js';
import { createOfferScanner } from './analysis/offer-scanner.js';
import { readPhoneList } from './phones/phone-list.js';
import { createTranslator } from './i18n/translator.js';
import { compileLexicons } from './core/understanding/lexicon.js';
import { tokensOf } from './core/understanding/tokens.js';
import { createUnderstanding, type Understanding } from './core/understanding/understand.js';

export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`invalid content:\n${problems.map(formatProblem).join('\n')}`);
  }
}

/**
 * The word lists of every locale; a regional locale without `intents.json` yet adds none (its users
 * still have the Indonesian and English words, which every list is matched against).
 */
export function readIntentLists(localesDir: string): Partial<IntentLists>[] {
  return LOCALES.flatMap((l) => {
    const file = join(localesDir, l, 'intents.json');
    if (isRegional(l) && !existsSync(file)) return [];
    return [JSON.parse(readFileSync(file, 'utf8')) as Partial<IntentLists>];
  });
}

/** The marker words of each regional language (`locales/<lng>/markers.json`), for offering it once. */
export function readLanguageMarkers(localesDir: string): LanguageMarkers {
  const out: Partial<Record<RegionalLocale, readonly string[]>> = {};
  for (const l of REGIONAL_LOCALES) {
    const file = join(localesDir, l, 'markers.json');
    if (existsSync(file)) out[l] = (JSON.parse(readFileSync(file, 'utf8')) as { words: string[] }).words;
  }
  return out;
}

/**
 * Content as the core reads it: content's catalog, with the word lists of every language compiled
 * (country and sector words added) and the glossary built, both by the core.
 */
export function buildCatalog(content: Content): Catalog {
  const lexicon = compileLexicons(
    content.lexicons,
    content.scan.countries.map((c) => ({ id: c.id, words: c.words })),
    content.jobs.sectors.map((s) => ({ id: s.id, words: [...s.keywords.id, ...s.keywords.en] })),
  );
  return {
    ...buildContentCatalog(content, (text) => tokensOf(text, lexicon.spellings)),
    lexicon,
    glossary: createGlossary(content.glossary.terms, content.glossary.citations),
  };
}

/** Validated content, indexed for the flows, and the offer scanner built from its phrase lists. */
export interface ContentParts {
  readonly catalog: Catalog;
  readonly scanner: OfferScanner;
}

/**
 * Loads and indexes content; throws ContentError listing every problem when it is invalid. `clock` is
 * today for the offer scanner (birth years in an advert); by default the date the content is loaded for.
 */
export function loadCatalog(
  contentDir: string,
  now: Date,
  clock: () => Date = () => now,
): ContentParts & { readonly warnings: readonly ContentProblem[] } {
  const loaded = loadContent(contentDir, now);
  if (!loaded.ok) throw new ContentError(loaded.errors);
  return {
    catalog: buildCatalog(loaded.content),
    scanner: createOfferScanner(loaded.content.scan, loaded.content.warnings.signs, clock),
    warnings: loaded.warnings,
  };
}

export interface BuildEngineOptions {
  readonly contentDir: string;
  readonly localesDir: string;
  readonly store: SessionStore;
  /** Where the report wizard submits, and how it finds villages. */
  readonly reports: ReportDesk;
  readonly officers: OfficerDesk;
  readonly villages: VillageFinder;
  /** "Delete my data" (`hapus`); without it, deleting fails and the user is told to try again. */
  readonly forget?: ForgetDesk;
  /** The departure/return register; without it, recording fails and the user is told to try again. */
  readonly register?: RegisterDesk;
  /** Opt-in alerts; without it STOP finds none and turning one on fails (the user is told to try again). */
  readonly subscriptions?: SubscriptionDesk;
  /** USER_MESSAGES_PER_MINUTE. */
  readonly userMessagesPerMinute?: number;
  /** LANGUAGE_LIST_FIRST (default on). */
  readonly languageListFirst?: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultLocale: Locale;
  readonly translator?: Translator;
  /** Already loaded content (benchmarks and tests reuse one). */
  readonly content?: ContentParts;
}

/** Wires the conversation core: content, translations, intents and flows. No channel, no SDK. */
export function buildEngine(opts: BuildEngineOptions): Engine {
  const { catalog, scanner } =
    opts.content ?? loadCatalog(opts.contentDir, opts.clock.now(), () => opts.clock.now());
  const intents = createIntentMatcher(readIntentLists(opts.localesDir));
  // Every acronym in a message is explained in plain words the first time (content/glossary.yaml).
  return withGlossary(
    createEngine({
      store: opts.store,
      flows: createFlows(intents, {
        readPhones: readPhoneList,
        ...(opts.register ? { register: opts.register } : {}),
      }),
      catalog,
      scanner,
      reports: opts.reports,
      officers: opts.officers,
      villages: opts.villages,
      translator: opts.translator ?? createTranslator(opts.localesDir),
      intents,
      understanding: createUnderstandingFor(catalog, scanner),
      clock: opts.clock,
      logger: opts.logger,
      defaultLocale: opts.defaultLocale,
      ...(opts.forget ? { forget: opts.forget } : {}),
      ...(opts.subscriptions ? { subscriptions: opts.subscriptions } : {}),
      ...(opts.userMessagesPerMinute ? { userMessagesPerMinute: opts.userMessagesPerMinute } : {}),
      ...(opts.languageListFirst === false ? { languageListFirst: false } : {}),
      guessLanguage: createLanguageGuesser(readLanguageMarkers(opts.localesDir)),
    }),
    catalog.glossary,
  );
}

/** The understanding pipeline (DESIGN §11) over loaded content, as the engine and `npm run eval` use it. */
export function createUnderstandingFor(catalog: Catalog, scanner: OfferScanner): Understanding {
  return createUnderstanding({
    lexicon: catalog.lexicon,
    scanner,
    answers: catalog.answers,
  });
}
