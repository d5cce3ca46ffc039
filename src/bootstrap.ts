import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, type Catalog } from './content/catalog.js';
import { formatProblem, loadContent, type ContentProblem } from './content/loader.js';
import { createEngine, type Engine } from './core/engine.js';
import { createFlows } from './core/flows/index.js';
import { createIntentMatcher, type IntentLists } from './core/intents.js';
import { LOCALES, type Locale } from './core/locale.js';
import type { Clock, Logger, OfferScanner, SessionStore, Translator } from './core/ports.js';
import type { ForgetDesk } from './core/forget.js';
import type { OfficerDesk } from './core/officer.js';
import type { ReportDesk, VillageFinder } from './core/report.js';
import { createOfferScanner } from './analysis/offer-scanner.js';
import { readPhoneList } from './phones/phone-list.js';
import { createTranslator } from './i18n/translator.js';
import { createUnderstanding, type Understanding } from './core/understanding/understand.js';

export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`invalid content:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export function readIntentLists(localesDir: string): IntentLists[] {
  return LOCALES.map(
    (l) => JSON.parse(readFileSync(join(localesDir, l, 'intents.json'), 'utf8')) as IntentLists,
  );
}

/** Validated content, indexed for the flows, and the offer scanner built from its phrase lists. */
export interface ContentParts {
  readonly catalog: Catalog;
  readonly scanner: OfferScanner;
}

/** Loads and indexes content; throws ContentError listing every problem when it is invalid. */
export function loadCatalog(
  contentDir: string,
  now: Date,
): ContentParts & { readonly warnings: readonly ContentProblem[] } {
  const loaded = loadContent(contentDir, now);
  if (!loaded.ok) throw new ContentError(loaded.errors);
  return {
    catalog: buildCatalog(loaded.content),
    scanner: createOfferScanner(loaded.content.scan, loaded.content.warnings.signs),
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
  /** USER_MESSAGES_PER_MINUTE. */
  readonly userMessagesPerMinute?: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultLocale: Locale;
  readonly translator?: Translator;
  /** Already loaded content (benchmarks and tests reuse one). */
  readonly content?: ContentParts;
}

/** Wires the conversation core: content, translations, intents and flows. No channel, no SDK. */
export function buildEngine(opts: BuildEngineOptions): Engine {
  const { catalog, scanner } = opts.content ?? loadCatalog(opts.contentDir, opts.clock.now());
  const intents = createIntentMatcher(readIntentLists(opts.localesDir));
  return createEngine({
    store: opts.store,
    flows: createFlows(intents, { readPhones: readPhoneList }),
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
    ...(opts.userMessagesPerMinute ? { userMessagesPerMinute: opts.userMessagesPerMinute } : {}),
  });
}

/** The understanding pipeline (DESIGN §11) over loaded content, as the engine and `npm run eval` use it. */
export function createUnderstandingFor(catalog: Catalog, scanner: OfferScanner): Understanding {
  return createUnderstanding({
    lexicon: catalog.lexicon,
    scanner,
    answers: catalog.answers,
  });
}
