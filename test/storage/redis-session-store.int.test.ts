import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import { freshSession } from '../../src/core/session.js';
import { createKeys } from '../../src/storage/keys.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { testRedis } from '../helpers/redis.js';
import { sessionStoreContract } from './session-store-contract.js';

for (const cacheSize of [0, 100]) {
  sessionStoreContract(`redis (cache ${cacheSize})`, (ttlMs) => {
    const { redis, prefix, cleanup } = testRedis();
    const keys = createKeys(prefix);
    const make = () =>
      new RedisSessionStore({ redis, keys, idleTtlMs: ttlMs, clock: systemClock, cacheSize });
    return Promise.resolve({
      store: make(),
      other: make(),
      putRaw: async (key, raw) => {
        await redis.set(keys.session(key), `1:${raw}`);
      },
      idle: (ms) => new Promise((r) => setTimeout(r, ms)),
      cleanup,
    });
  });
}

describe('redis session store', () => {
  it('keeps an idle menu session small', async () => {
    const { redis, prefix, cleanup } = testRedis();
    const keys = createKeys(prefix);
    const store = new RedisSessionStore({
      redis,
      keys,
      idleTtlMs: 86_400_000,
      clock: systemClock,
      cacheSize: 0,
    });
    await store.save('telegram:1234567890', freshSession(), 0);
    const bytes = await redis.memory('USAGE', keys.session('telegram:1234567890'));
    expect(bytes).toBeLessThanOrEqual(250);
    expect(await redis.pttl(keys.session('telegram:1234567890'))).toBeGreaterThan(86_000_000);
    await cleanup();
  });
});
