import { afterAll, describe, expect, it } from 'vitest';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { announceNewJobs, announcedJobs, statusLine } from '../../src/cli/broadcasts-commands.js';
import { broadcastKeys } from '../../src/storage/keys.js';
import { realCatalog } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';

const parts = testRedis();
afterAll(() => parts.cleanup());

describe('announcing new job listings', () => {
  it('announces the listings shown today once: a second run finds nothing new; a new listing alone later', async () => {
    const store = new RedisBroadcastStore(parts.redis, broadcastKeys(parts.prefix));
    const jobs = announcedJobs(realCatalog(), '2026-11-29');
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.title.id && j.pay && j.agency && j.place)).toBe(true);
    const started: string[] = [];
    const start = (id: string) => {
      started.push(id);
      return Promise.resolve();
    };
    const first = await announceNewJobs(store, start, jobs.slice(1), new Date('2026-11-29T08:00:00Z'));
    expect(first.broadcast?.body).toMatchObject({ kind: 'jobs' });
    expect(started).toEqual([first.broadcast?.id]);
    const again = await announceNewJobs(store, start, jobs.slice(1), new Date('2026-11-29T09:00:00Z'));
    expect(again.broadcast).toBeUndefined();
    expect(started).toHaveLength(1);
    const later = await announceNewJobs(store, start, jobs, new Date('2026-11-30T08:00:00Z'));
    expect(later.broadcast?.body.kind === 'jobs' && later.broadcast.body.jobs.map((j) => j.id)).toEqual([
      jobs[0]?.id,
    ]);
    const status = await store.status(later.broadcast?.id ?? '');
    expect(status && statusLine(status)).toContain('not expanded yet');
    expect(await store.recent(5)).toEqual([later.broadcast?.id, first.broadcast?.id]);
  });
});
