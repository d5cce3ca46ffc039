/**
 * A driver for CPU profiles of the Telegram path: the grammY echo bot and our adapter (handleUpdate →
 * channel → engine → reply at the transport) on a private Redis, as `BENCH_ONLY=telegram npm run bench`
 * runs them. Profile it with
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-telegram.ts
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
 *
 * PROFILE_PASSES sets the passes of the message cycle per user (default 8); PROFILE_IN_FLIGHT the
 * updates in flight (default 100); PROFILE_PART=echo or PROFILE_PART=telegram runs one side only.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadCatalog } from '../src/bootstrap.js';
import { systemClock } from '../src/core/ports.js';
import { createKeys } from '../src/storage/keys.js';
import { connectRedis, createRedis } from '../src/storage/redis-client.js';
import { RedisSessionStore } from '../src/storage/redis-session-store.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { MESSAGE_CYCLE, createBenchEngine } from './engine-throughput.js';
import { createEchoBot, measureEchoThroughput } from './grammy-baseline.js';
import { checkTelegramCycle, createTelegramBench, measureTelegramThroughput } from './telegram.js';
import { ROOT, silentLogger } from './util.js';

const passes = Number(process.env['PROFILE_PASSES'] ?? 8);
const concurrency = Number(process.env['PROFILE_IN_FLIGHT'] ?? 100);
const part = process.env['PROFILE_PART'];
const content = loadCatalog(join(ROOT, 'content'), systemClock.now());
const server = await startRedisServer({ aof: true });
const plain = new Redis(server.url);
const production = createRedis(server.url);
await connectRedis(production, server.url);
try {
  const echo = createEchoBot(plain);
  const load = { users: 200, concurrency, runs: 3 };
  if (part !== 'telegram') {
    const r = await measureEchoThroughput(echo, { ...load, steps: MESSAGE_CYCLE.length * passes });
    console.log(`grammY echo: ${Math.round(r.median)} upd/s (runs ${r.runs.map(Math.round).join(', ')})`);
  }
  if (part !== 'echo') {
    const store = new RedisSessionStore({
      redis: production,
      keys: createKeys('profile-telegram:'),
      idleTtlMs: 30 * 86_400_000,
      clock: systemClock,
      cacheSize: 10_000,
      writeMode: 'behind',
      logger: silentLogger(),
    });
    const tg = createTelegramBench(createBenchEngine(store, content), echo.bot.botInfo, echo.bot.token);
    await checkTelegramCycle(tg, 9_999_999_997);
    const r = await measureTelegramThroughput(tg, { ...load, passes, settle: () => store.flush(60_000) });
    console.log(
      `Telegram adapter: ${Math.round(r.median)} upd/s (runs ${r.runs.map(Math.round).join(', ')})`,
    );
    store.close();
  }
} finally {
  await Promise.all([plain.quit(), production.quit()]);
  await server.stop();
}
