import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import { freshSession } from '../../src/core/session.js';
import { createKeys } from '../../src/storage/keys.js';
import { connectRedis, createRedis } from '../../src/storage/redis-client.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { chat, last, makeEngine, silentLogger } from '../helpers/engine.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Redis unreachable mid-conversation (own redis-server, killed and restarted)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const makeStore = (redis: Redis, prefix: string, writeMode: 'behind' | 'through', cacheSize: number) =>
    new RedisSessionStore({
      redis,
      keys: createKeys(prefix),
      idleTtlMs: 86_400_000,
      clock: systemClock,
      cacheSize,
      writeMode,
      logger: silentLogger,
      retryMs: 20,
    });

  for (const [writeMode, cacheSize] of [
    ['through', 0],
    ['through', 1000],
    ['behind', 1000],
  ] as const) {
    it(`answers "try again" while Redis is down and continues after it returns (write-${writeMode}, cache ${cacheSize})`, async () => {
      const redis = createRedis(server.url);
      await connectRedis(redis, server.url);
      const store = makeStore(redis, `o-${writeMode}${cacheSize}:`, writeMode, cacheSize);
      const c = chat(makeEngine({ store }).engine, 'console:outage');
      await c.say('2');
      expect(last(await c.say('31')).body).toContain('Ke negara mana');
      await store.flush();

      await server.kill();
      await until(() => redis.status !== 'ready');
      const during = await c.say('2');
      expect(c.text(during)).toContain('sistem sedang gangguan');
      expect(c.text(during)).toContain('belum tersimpan');

      await server.restart();
      await until(() => redis.status === 'ready');
      expect(last(await c.say('2')).body).toContain('Pekerjaan apa');
      store.close();
      redis.disconnect();
    });
  }

  it('keeps a step whose write failed in flight, and writes it once Redis is back (write-behind)', async () => {
    const redis = createRedis(server.url);
    await connectRedis(redis, server.url);
    const admin = new Redis(server.url);
    const store = makeStore(redis, 'retry:', 'behind', 1000);
    const step = { ...freshSession('en'), flow: 'eligibility', step: 'dest', data: { a: 30 } };
    await admin.client('PAUSE', 5000, 'WRITE');
    expect(await store.save('console:retry', step, 0)).toEqual({ type: 'saved', rev: 1 });
    admin.disconnect();
    await server.kill();
    await until(() => redis.status !== 'ready');
    await expect(store.save('console:retry', freshSession(), 1)).rejects.toThrow(/unavailable/);
    await server.restart();
    await store.flush(10_000);

    const fresh = new Redis(server.url);
    const other = makeStore(fresh, 'retry:', 'through', 0);
    expect(await other.load('console:retry')).toEqual({ decoded: { type: 'ok', session: step }, rev: 1 });
    expect((await store.load('console:retry')).rev).toBe(1);
    store.close();
    fresh.disconnect();
    redis.disconnect();
  });

  it('fails fast at start-up when Redis is not there', async () => {
    await server.kill();
    const redis = createRedis(server.url, { connectTimeoutMs: 500 });
    await expect(connectRedis(redis, server.url)).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/,
    );
    await server.restart();
  });
});
