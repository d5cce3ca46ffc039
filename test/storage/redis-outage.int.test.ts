import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import { createKeys } from '../../src/storage/keys.js';
import { connectRedis, createRedis } from '../../src/storage/redis-client.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { chat, last, makeEngine } from '../helpers/engine.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
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

  it('answers "try again" while Redis is down and continues the same conversation after it returns', async () => {
    const redis = createRedis(server.url);
    await connectRedis(redis, server.url);
    for (const cacheSize of [0, 1000]) {
      const store = new RedisSessionStore({
        redis,
        keys: createKeys(`o${cacheSize}:`),
        idleTtlMs: 86_400_000,
        clock: systemClock,
        cacheSize,
      });
      const c = chat(makeEngine({ store }).engine, `console:outage${cacheSize}`);
      await c.say('2');
      expect(last(await c.say('31')).body).toContain('Ke negara mana');

      await server.kill();
      const during = await c.say('2');
      expect(c.text(during)).toContain('sistem sedang gangguan');
      expect(c.text(during)).toContain('belum tersimpan');

      await server.restart();
      await until(async () => redis.status === 'ready' && (await redis.ping().then(() => true)));
      const after = await c.say('2');
      expect(last(after).body).toContain('Pekerjaan apa');
    }
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
