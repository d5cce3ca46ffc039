import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/ports.js';
import { systemClock } from '../../src/core/ports.js';
import { freshSession, type Session } from '../../src/core/session.js';
import { createKeys } from '../../src/storage/keys.js';
import { connectRedis, createRedis } from '../../src/storage/redis-client.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    error: () => undefined,
    warn: (_o, msg) => warnings.push(msg ?? ''),
  };
}

const step = (n: number): Session => ({
  ...freshSession(),
  flow: 'guide',
  step: 'topic',
  data: { id: 'kur', p: n },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('write-behind store when writes fail', () => {
  let server: RedisServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('backs off while Redis refuses writes (out of memory) and keeps the step until it is written', async () => {
    server = await startRedisServer();
    const admin = new Redis(server.url);
    const redis = createRedis(server.url);
    await connectRedis(redis, server.url);
    const logger = recordingLogger();
    const store = new RedisSessionStore({
      redis,
      keys: createKeys('wf:'),
      idleTtlMs: 86_400_000,
      clock: systemClock,
      cacheSize: 100,
      writeMode: 'behind',
      logger,
      retryMs: 50,
    });
    // Put Redis over its memory limit, so that every write is refused.
    for (let i = 0; i < 100; i++) await admin.set(`fill:${i}`, 'x'.repeat(2_000));
    const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1] ?? 0);
    await admin.config('SET', 'maxmemory', String(used - 100_000));
    await store.save('u', step(1), 0);
    await sleep(1200);
    const attempts = logger.warnings.filter((w) => w.includes('will retry')).length;
    // 50, 100, 200, 400 ms … : a handful of attempts in 1.2 s, not one every 50 ms.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(6);
    await expect(store.load('u')).rejects.toThrow(/unavailable/);

    await admin.config('SET', 'maxmemory', '0');
    await store.flush(5000);
    expect((await store.load('u')).decoded.session).toEqual(step(1));
    expect(await admin.get(createKeys('wf:').session('u'))).toContain('"p":1');
    store.close();
    admin.disconnect();
    redis.disconnect();
  });
});
