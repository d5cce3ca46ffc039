import { buildEngine, loadCatalog, type ContentParts } from '../../src/bootstrap.js';
import { callCentreOf, type Catalog } from '../../src/core/catalog.js';
import type { Engine } from '../../src/core/engine.js';
import type { ChannelName, InboundMessage, OutboundMessage } from '../../src/core/message.js';
import type { Clock, Logger, MessageSender, SessionStore } from '../../src/core/ports.js';
import type { ReportDesk, VillageFinder } from '../../src/core/report.js';
import { createVillageFinder } from '../../src/content/village-finder.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createMemoryReports, type MemoryReports } from '../../src/reports/memory-reports.js';
import { createForgetDesk } from '../../src/reports/forget.js';
import { createRegisterSide } from '../../src/reports/register-side.js';
import type { RegisterStore } from '../../src/reports/register-store.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { renderConsoleMessage } from '../../src/channels/console/render.js';

export const TODAY = new Date('2026-11-29T08:00:00Z');
export const fixedClock: Clock = { now: () => TODAY };

let shared: ContentParts | undefined;
/** The real content, loaded once per test file. */
export function realContent(): ContentParts {
  shared ??= loadCatalog('content', TODAY);
  return shared;
}
export const realCatalog = (): Catalog => realContent().catalog;
/** The KP2MI call centre's number in the real content, as the composition root hands it to channels. */
export const realCallCentre = (): string => callCentreOf(realCatalog());

export const silentLogger: Logger & { errors: unknown[] } = {
  errors: [],
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error(obj) {
    this.errors.push(obj);
  },
};

let villages: VillageFinder | undefined;
/** The village directory, loaded once per test file and only when a test looks a village up. */
export const testVillages = (): VillageFinder => (villages ??= createVillageFinder());

/** Alerts and notices the report workers sent, by address. */
export function recordingSender(): MessageSender & {
  sent: { address: string; messages: OutboundMessage[] }[];
} {
  const sent: { address: string; messages: OutboundMessage[] }[] = [];
  return {
    sent,
    send(address, messages) {
      sent.push({ address, messages: [...messages] });
      return Promise.resolve();
    },
  };
}

export function makeEngine(
  opts: {
    store?: SessionStore;
    clock?: Clock;
    content?: ContentParts;
    reports?: ReportDesk;
    /** Senders per channel for alerts and notices (default: one recording sender for all). */
    senders?: Partial<Record<ChannelName, MessageSender>>;
    /** USER_MESSAGES_PER_MINUTE (default: no practical limit). */
    userMessagesPerMinute?: number;
    /**
     * The language list as a new user's first screen (default off here: most tests start at the menu;
     * test/core/languages.test.ts and the channel end-to-end tests run with it on, as deployed).
     */
    languageListFirst?: boolean;
  } = {},
): {
  engine: Engine;
  store: SessionStore;
  reports: MemoryReports;
  /** The departure/return register the engine records to. */
  register: RegisterStore;
  sender: ReturnType<typeof recordingSender>;
} {
  const clock = opts.clock ?? fixedClock;
  const store = opts.store ?? new MemorySessionStore(86_400_000, clock);
  const sender = recordingSender();
  const translator = createTranslator('locales');
  const reports = createMemoryReports({
    senders: opts.senders ?? { console: sender, telegram: sender, whatsapp: sender },
    translator,
    villages: testVillages(),
    clock,
    logger: silentLogger,
    settings: { escalateAfterMs: 3_600_000, perDay: 5 },
    areaName: (code) => (opts.content ?? realContent()).catalog.areas.name(code),
  });
  const register = createRegisterSide({
    prefix: '',
    officers: reports.officers,
    villages: testVillages(),
    areaName: (code) => (opts.content ?? realContent()).catalog.areas.name(code),
    retentionMonths: 24,
    clock,
    logger: silentLogger,
  });
  const engine = buildEngine({
    reports: opts.reports ?? reports.desk,
    officers: reports.officerDesk,
    villages: testVillages(),
    register: register.desk,
    forget: createForgetDesk({
      store: reports.store,
      officers: reports.officers,
      register: register.store,
      channels: {},
      clock,
      logger: silentLogger,
    }),
    // Scripted users type faster than people and the test clock stands still: no limit unless asked.
    userMessagesPerMinute: opts.userMessagesPerMinute ?? 1_000_000,
    languageListFirst: opts.languageListFirst ?? false,
    translator,
    contentDir: 'content',
    localesDir: 'locales',
    store,
    clock,
    logger: silentLogger,
    defaultLocale: 'id',
    content: opts.content ?? realContent(),
  });
  return { engine, store, reports, register: register.store, sender };
}

export type Send = Omit<InboundMessage, 'channel' | 'userKey' | 'receivedAt'>;

/** A scripted user: `say` sends text (or a message) and returns the replies as the console shows them. */
export function chat(engine: Engine, userKey = 'console:test') {
  const history: OutboundMessage[][] = [];
  const send = async (msg: Send): Promise<OutboundMessage[]> => {
    const result = await engine.handle({ channel: 'console', userKey, receivedAt: TODAY, ...msg });
    history.push([...result.messages]);
    return [...result.messages];
  };
  return {
    send,
    history,
    say: async (text: string) => send({ text }),
    start: async () => send({ start: true }),
    /** Plain text of replies, as the console prints it. */
    text: (messages: readonly OutboundMessage[]) =>
      messages.map((m) => renderConsoleMessage(m, { color: false })).join('\n\n'),
  };
}

export const last = <T>(list: readonly T[]): T => {
  const item = list[list.length - 1];
  if (item === undefined) throw new Error('empty list');
  return item;
};
