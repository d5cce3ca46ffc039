import { randomUUID } from 'node:crypto';
import { buildEngine } from '../../src/bootstrap.js';
import { createFanOut } from '../../src/broadcasts/fan-out.js';
import { createNoticeDelivery, type OfficerNotice } from '../../src/broadcasts/officer-notices.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { RedisWarningStore, type WarningLimits } from '../../src/broadcasts/redis-warning-store.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { createWarningDesk, type WarningDeskDeps } from '../../src/broadcasts/warning-desk.js';
import { t } from '../../src/core/message.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createWarningAccess } from '../../src/reports/officer-access.js';
import { createKeys } from '../../src/storage/keys.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { chat, realContent, recordingSender, silentLogger, testVillages } from '../helpers/engine.js';
import { startRedisReports } from '../helpers/report-harness.js';
import { officer } from '../helpers/report-script.js';

/** Names as the bot shows them: a village with its district, or a regency or province. */
export function areaName(code: string): string | undefined {
  const v = testVillages().byCode(code);
  return v ? `${v.name}, ${v.district}` : realContent().catalog.areas.name(code);
}

/**
 * Officers' warnings on the test run's Redis, as main.ts wires them: the report side's officer
 * directory (through the report actions' access rule), subscribers, the warning desk and the engine
 * with both; the broadcasts it starts are recorded, and `deliver` fans one out without BullMQ.
 */
export async function startWarnings(
  basePrefix: string,
  limits: WarningLimits = { perOfficer: 3, perArea: 5 },
  /** Where broadcasts are started and notices queued (BullMQ on the harness's prefix); recorded and sent at once by default. */
  via?: (prefix: string) => Pick<WarningDeskDeps, 'start' | 'tell'>,
) {
  const prefix = `${basePrefix}${randomUUID().slice(0, 6)}:`;
  const officerSender = recordingSender();
  const h = await startRedisReports({ prefix, sender: officerSender, workers: false });
  const keys = createKeys(prefix).broadcasts;
  const translator = createTranslator('locales');
  let now = new Date('2026-11-29T08:00:00Z');
  const clock = { now: () => now };
  const subscribers = new RedisSubscriptionStore(h.redis, keys);
  const subscriptions = createSubscriptionDesk(subscribers, clock, translator);
  const store = new RedisWarningStore(h.redis, keys);
  const broadcasts = new RedisBroadcastStore(h.redis, keys);
  const started: string[] = [];
  const notify = createNoticeDelivery(
    { console: officerSender, telegram: officerSender, whatsapp: officerSender },
    translator,
  );
  const warnings = createWarningDesk({
    access: createWarningAccess(h.officers),
    store,
    subscribers,
    ...(via?.(prefix) ?? {
      start: (id: string) => {
        started.push(id);
        return Promise.resolve();
      },
      // Notices go out at once here (in service they are queued: officer-notices.int.test.ts).
      tell: async (notices: readonly OfficerNotice[]) => {
        for (const n of notices) await notify(n);
      },
    }),
    areaName,
    districtsIn: (p) => realContent().catalog.areas.districtsIn(p),
    limits,
    clock,
    logger: silentLogger,
  });
  const engine = buildEngine({
    reports: h.desk,
    officers: { ...h.officerDesk, warnings },
    villages: testVillages(),
    subscriptions,
    userMessagesPerMinute: 1_000_000,
    languageListFirst: false,
    translator,
    contentDir: 'content',
    localesDir: 'locales',
    store: new MemorySessionStore(86_400_000, clock),
    clock,
    logger: silentLogger,
    defaultLocale: 'id',
    content: realContent(),
  });
  const subscriberSender = recordingSender();
  const fanOut = createFanOut({
    subscribers,
    broadcasts,
    senders: { telegram: subscriberSender, whatsapp: subscriberSender },
    translator,
    logger: silentLogger,
  });
  return {
    prefix,
    redis: h.redis,
    engine,
    warnings,
    store,
    broadcasts,
    subscribers,
    started,
    /** Messages to officers (proposals, decisions). */
    officerSender,
    /** Messages to subscribers (after `deliver`). */
    subscriberSender,
    /** Registers an officer (`officer` of report-script.ts) on Redis. */
    join: (id: string, role: Parameters<typeof officer>[1], area: string, active = true) =>
      h.officers.save({ ...officer(id, role, area, `telegram:${id}`), active }),
    /** Subscribes an address to warnings for a district. */
    subscribe: (address: string, district: string, locale: 'id' | 'en' | 'jv' = 'id') =>
      subscriptions.subscribe(
        address,
        locale,
        { kind: 'warnings', district, name: areaName(district) ?? district },
        t('subs.warnConsent', { district }),
      ),
    /** A scripted officer or user in chat. */
    chat: (address: string) => {
      const c = chat(engine, address);
      return async (text: string) => c.text(await c.say(text));
    },
    /** Fans a broadcast out to its recipients (the workers' two steps, without BullMQ). */
    async deliver(id: string) {
      for (const address of await fanOut.recipients(id)) await fanOut.deliver({ broadcast: id, address });
    },
    /** Moves the clock on. */
    later(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    close: () => h.close(),
  };
}
