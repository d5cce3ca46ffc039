import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireLease, acquireLeaseWaiting, type Lease } from '../../src/storage/lease.js';
import { testRedis } from '../helpers/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis lease (two processes, one number)', () => {
  const ctx = testRedis();
  const key = `${ctx.prefix}lease`;
  const held: Lease[] = [];
  afterEach(async () => {
    await Promise.all(held.splice(0).map((l) => l.release()));
    await ctx.redis.del(key);
  });
  afterAll(() => ctx.cleanup());

  const options = (owner: string, lost: string[] = [], ttlMs = 300) => ({
    redis: ctx.redis,
    key,
    owner,
    ttlMs,
    onLost: (reason: string) => lost.push(`${owner}:${reason}`),
  });

  it('lets one owner take it and tells the second who holds it', async () => {
    const first = await acquireLease(options('a'));
    expect(first.type).toBe('acquired');
    if (first.type === 'acquired') held.push(first.lease);
    const second = await acquireLease(options('b'));
    expect(second).toMatchObject({ type: 'held', owner: 'a' });
    if (second.type === 'held') expect(second.ttlMs).toBeGreaterThan(0);
    expect(await ctx.redis.get(key)).toBe('a');
  });

  it('keeps a renewed lease past its time to live', async () => {
    const lost: string[] = [];
    const first = await acquireLease(options('a', lost, 150));
    if (first.type !== 'acquired') throw new Error('not acquired');
    held.push(first.lease);
    await sleep(500);
    expect(lost).toEqual([]);
    expect(first.lease.held()).toBe(true);
    expect((await acquireLease(options('b'))).type).toBe('held');
  });

  it('is taken over after a release, and a release never deletes another owner’s lease', async () => {
    const first = await acquireLease(options('a'));
    if (first.type !== 'acquired') throw new Error('not acquired');
    await first.lease.release();
    await first.lease.release();
    expect(await ctx.redis.exists(key)).toBe(0);
    const second = await acquireLease(options('b'));
    expect(second.type).toBe('acquired');
    if (second.type === 'acquired') held.push(second.lease);
    // A stale holder releasing late must not free b's lease.
    await first.lease.release();
    expect(await ctx.redis.get(key)).toBe('b');
  });

  it('is taken over after the holder stops renewing (process died), and the old holder is told', async () => {
    const lost: string[] = [];
    const first = await acquireLease(options('a', lost, 200));
    if (first.type !== 'acquired') throw new Error('not acquired');
    // Simulate a frozen process: its key expires without renewal, b takes it.
    await ctx.redis.pexpire(key, 1);
    await sleep(5);
    const waited = await acquireLeaseWaiting({ ...options('b', lost, 200), waitMs: 1000, pollMs: 20 });
    expect(waited.type).toBe('acquired');
    if (waited.type === 'acquired') held.push(waited.lease);
    // a's next renewal finds b's id: a learns it lost the lease and stops renewing.
    await sleep(150);
    expect(lost).toEqual(['a:taken']);
    expect(first.lease.held()).toBe(false);
    expect(await ctx.redis.get(key)).toBe('b');
  });

  it('waits for a lease held by a process that died, and gives up after the wait', async () => {
    await ctx.redis.set(key, 'ghost', 'PX', 150);
    const started = Date.now();
    const taken = await acquireLeaseWaiting({ ...options('b'), waitMs: 2000, pollMs: 25 });
    expect(taken.type).toBe('acquired');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    if (taken.type === 'acquired') held.push(taken.lease);
    const refused = await acquireLeaseWaiting({ ...options('c'), waitMs: 100, pollMs: 25 });
    expect(refused).toMatchObject({ type: 'held', owner: 'b' });
  });

  it('reports the lease lost when it cannot be renewed for longer than its time to live', async () => {
    const lost: string[] = [];
    const errors: unknown[] = [];
    let now = 0;
    const first = await acquireLease({
      ...options('a', lost, 90),
      onRenewError: (err) => errors.push(err),
      now: () => now,
      // A client whose every renewal fails, as when Redis is unreachable.
      redis: Object.assign(Object.create(ctx.redis) as typeof ctx.redis, {
        leaseRenew: () => Promise.reject(new Error('connection refused')),
      }),
    });
    if (first.type !== 'acquired') throw new Error('not acquired');
    await sleep(50);
    expect(lost).toEqual([]);
    now = 100;
    await sleep(60);
    expect(errors.length).toBeGreaterThan(0);
    expect(lost).toEqual(['a:expired']);
    expect(first.lease.held()).toBe(false);
  });
});
