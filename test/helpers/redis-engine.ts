import { buildEngine } from '../../src/bootstrap.js';
import type { Engine } from '../../src/core/engine.js';
import { systemClock } from '../../src/core/ports.js';
import {
  createForgetDesk,
  createRedisReporterTraces,
  type ForgetDeskDeps,
} from '../../src/reports/forget.js';
import { createRegisterSide } from '../../src/reports/register-side.js';
import type { RegisterStore } from '../../src/reports/register-store.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { realContent, silentLogger, testVillages } from './engine.js';
import type { startRedisReports } from './report-harness.js';

/**
 * The engine as deployed on Redis: write-behind sessions, the real report side of a
 * `startRedisReports` harness and the departure/return register on the same Redis (as `main.ts`
 * wires them), with "delete my data" reaching the register and the channels given.
 */
export function redisEngine(
  h: Awaited<ReturnType<typeof startRedisReports>>,
  prefix: string,
  opts: { channels?: ForgetDeskDeps['channels']; languageListFirst?: boolean } = {},
): { engine: Engine; store: RedisSessionStore; register: RegisterStore } {
  const store = new RedisSessionStore({
    redis: h.redis,
    keys: createKeys(prefix),
    idleTtlMs: 86_400_000,
    clock: systemClock,
    cacheSize: 1000,
    writeMode: 'behind',
    logger: silentLogger,
  });
  const register = createRegisterSide({
    redis: h.redis,
    prefix,
    officers: h.officers,
    villages: testVillages(),
    areaName: (code) => realContent().catalog.areas.name(code),
    retentionMonths: 24,
    clock: systemClock,
    logger: silentLogger,
  });
  const engine = buildEngine({
    contentDir: 'content',
    localesDir: 'locales',
    store,
    reports: h.desk,
    officers: h.officerDesk,
    villages: testVillages(),
    register: register.desk,
    forget: createForgetDesk({
      store: h.store,
      officers: h.officers,
      register: register.store,
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
  return { engine, store, register: register.store };
}
