import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import { freshSession } from '../../src/core/session.js';
import { createKeys } from '../../src/storage/keys.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { chat, makeEngine, silentLogger } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';
import { sessionStoreContract } from './session-store-contract.js';

for (const [writeMode, cacheSize] of [
  ['through', 0],
  ['through', 100],
  ['behind', 100],
] as const) {
  sessionStoreContract(`redis (write-${writeMode}, cache ${cacheSize})`, (ttlMs) => {
    const { redis, prefix, cleanup } = testRedis();
    const keys = createKeys(prefix);
    const stores: RedisSessionStore[] = [];
    const make = () => {
      const store = new RedisSessionStore({
        redis,
        keys,
        idleTtlMs: ttlMs,
        clock: systemClock,
        cacheSize,
        writeMode,
        logger: silentLogger,
      });
      stores.push(store);
      return store;
    };
    return Promise.resolve({
      store: make(),
      other: make(),
      settle: async () => {
        await Promise.all(stores.map((s) => s.flush()));
      },
      immediateConflicts: writeMode === 'through',
      putRaw: async (key, raw) => {
        await redis.set(keys.session(key), `1:${raw}`);
      },
      idle: (ms) => new Promise((r) => setTimeout(r, ms)),
      cleanup: async () => {
        for (const s of stores) s.close();
        await cleanup();
      },
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
      writeMode: 'through',
      logger: silentLogger,
    });
    await store.save('telegram:1234567890', freshSession(), 0);
    const bytes = await redis.memory('USAGE', keys.session('telegram:1234567890'));
    expect(bytes).toBeLessThanOrEqual(250);
    expect(await redis.pttl(keys.session('telegram:1234567890'))).toBeGreaterThan(86_000_000);
    await cleanup();
  });
});

describe('engine on the write-behind store', () => {
  it('applies concurrent messages of one user one after the other, losing none', async () => {
    const { redis, prefix, cleanup } = testRedis();
    const keys = createKeys(prefix);
    const opts = { redis, keys, idleTtlMs: 86_400_000, clock: systemClock, logger: silentLogger } as const;
    const store = new RedisSessionStore({ ...opts, cacheSize: 100, writeMode: 'behind' });
    const c = chat(makeEngine({ store }).engine, 'telegram:42');
    await c.send({ choiceId: 'guide' });
    await c.send({ choiceId: 'schemes' });
    await c.send({ choiceId: 'scheme-p2p' });
    await Promise.all(Array.from({ length: 5 }, () => c.say('lanjut')));
    await store.flush();
    const fromRedis = new RedisSessionStore({ ...opts, cacheSize: 0, writeMode: 'through' });
    expect((await fromRedis.load('telegram:42')).decoded.session.data).toMatchObject({
      id: 'scheme-p2p',
      p: 5,
    });
    store.close();
    await cleanup();
  });
});
