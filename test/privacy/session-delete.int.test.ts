import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import { freshSession } from '../../src/core/session.js';
import { createKeys } from '../../src/storage/keys.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { silentLogger } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';

describe('deleting a session in write-behind mode', () => {
  const ctx = testRedis();
  const keys = createKeys(ctx.prefix);
  const stores: RedisSessionStore[] = [];
  afterAll(async () => {
    for (const s of stores) s.close();
    await ctx.cleanup();
  });
  const make = () => {
    const s = new RedisSessionStore({
      redis: ctx.redis,
      keys,
      idleTtlMs: 86_400_000,
      clock: systemClock,
      cacheSize: 100,
      writeMode: 'behind',
      logger: silentLogger,
    });
    stores.push(s);
    return s;
  };
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it('a first write still under way (and re-sent after NOSCRIPT) cannot bring the session back', async () => {
    const store = make();
    // With the script cache flushed, ioredis re-sends the write as EVAL after the NOSCRIPT reply —
    // after a DEL sent meanwhile, unless the delete waits for it.
    await ctx.redis.script('FLUSH');
    const user = 'telegram:1';
    await store.save(user, { ...freshSession(), flow: 'report', step: 'name', data: { n: 'Bu Yati' } }, 0);
    await store.delete(user);
    await store.flush();
    await settle();
    expect(await ctx.redis.exists(keys.session(user))).toBe(0);
    expect((await store.load(user)).rev).toBe(0);
  });

  it('a newer step waiting behind a write is dropped, not written after the delete', async () => {
    const store = make();
    const user = 'telegram:2';
    const first = await store.save(user, { ...freshSession(), flow: 'report', step: 'name', data: {} }, 0);
    if (first.type !== 'saved') throw new Error('not saved');
    await store.save(
      user,
      { ...freshSession(), flow: 'report', step: 'phone', data: { n: 'Bu Yati' } },
      first.rev,
    );
    await store.delete(user);
    await store.flush();
    await settle();
    expect(await ctx.redis.exists(keys.session(user))).toBe(0);
  });
});
