import { buildEngine } from '../../src/bootstrap.js';
import type { Engine } from '../../src/core/engine.js';
import { systemClock } from '../../src/core/ports.js';
import {
  createForgetDesk,
  createRedisReporterTraces,
  type ForgetDeskDeps,
} from '../../src/reports/forget.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { realContent, silentLogger, testVillages } from './engine.js';
import type { startRedisReports } from './report-harness.js';

/**
 * The engine as deployed on Redis: write-behind sessions and the real report side of a
 * `startRedisReports` harness, with "delete my data" reaching the channels given.
 */
export function redisEngine(
  h: Awaited<ReturnType<typeof startRedisReports>>,
  prefix: string,
  opts: { channels?: ForgetDeskDeps['channels']; languageListFirst?: boolean } = {},
): { engine: Engine; store: RedisSessionStore } {
  const store = new RedisSessionStore({
    redis: h.redis,
    keys: createKeys(prefix),
    idleTtlMs: 86_400_000,
    clock: systemClock,
    cacheSize: 1000,
    writeMode: 'behind',
    logger: silentLogger,
  });
  const engine = buildEngine({
    contentDir: 'content',
    localesDir: 'locales',
    store,
    reports: h.desk,
    officers: h.officerDesk,
    villages: testVillages(),
    forget: createForgetDesk({
      store: h.store,
      officers: h.officers,
      traces: createRedisReporterTraces(h.redis, prefix),
      channels: opts.channels ?? {},
      clock: systemClock,
      logger: silentLogger,
    }),
    translator: createTranslator('locales'),
    // A scripted user types faster than anyone: the per-user limit is not what these tests are about.
    userMessagesPerMinute: 1000,
    ...(opts.languageListFirst === undefined ? {} : { languageListFirst: opts.languageListFirst }),
    clock: systemClock,
    logger: silentLogger,
    defaultLocale: 'id',
    content: realContent(),
  });
  return { engine, store };
}
