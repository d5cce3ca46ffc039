import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchWorkers, workerReady, type WorkerSet } from '../../src/main/worker-watchdog.js';
import { createWorkerRedis } from '../../src/storage/redis-client.js';
import { silentLogger } from '../helpers/engine.js';
import { until } from '../helpers/report-harness.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const PREFIX = 'wd:{bull}';

/**
 * The worker watchdog (src/main/worker-watchdog.ts) on a private redis-server that is killed and started
 * again. A set whose connection comes back is left alone; a set whose connection gave up (as one left
 * pointing at a node that is no longer the primary would sit) is replaced after the grace time, and
 * the new set runs the jobs that waited.
 */
describe('worker watchdog', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer({ aof: false });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function bounce() {
    await server.kill();
    await new Promise((r) => setTimeout(r, 300));
    await server.restart();
  }

  function workerSet(queue: string, done: string[], connection: Redis): WorkerSet {
    const worker = new Worker(queue, (job) => Promise.resolve(void done.push(job.id ?? '')), {
      connection,
      prefix: PREFIX,
    });
    worker.on('error', () => undefined);
    return {
      workers: [worker],
      close: () => worker.close().finally(() => connection.disconnect()),
    };
  }

  async function addJob(queue: string, id: string) {
    const q = new Queue(queue, { connection: createWorkerRedis(server.url), prefix: PREFIX });
    q.on('error', () => undefined);
    await q.add('job', {}, { jobId: id });
    await q.close();
  }

  it('leaves alone workers that reconnect, and replaces workers whose connection gave up', async () => {
    // Workers that reconnect by themselves: no replacement.
    const doneA: string[] = [];
    let replacedA = 0;
    const a = watchWorkers(() => workerSet('qa', doneA, createWorkerRedis(server.url)), {
      name: 'a',
      logger: silentLogger,
      everyMs: 100,
      graceMs: 3000,
      onReplace: () => replacedA++,
    });

    // Workers whose first connection gives up after a disconnect; the sets started later reconnect.
    const doneB: string[] = [];
    let started = 0;
    let replacedB = 0;
    let first: WorkerSet | undefined;
    const b = watchWorkers(
      () => {
        started++;
        const connection =
          started === 1
            ? new Redis(server.url, { maxRetriesPerRequest: null, retryStrategy: () => null })
            : createWorkerRedis(server.url);
        connection.on('error', () => undefined);
        const set = workerSet('qb', doneB, connection);
        first ??= set;
        return set;
      },
      { name: 'b', logger: silentLogger, everyMs: 100, graceMs: 1000, onReplace: () => replacedB++ },
    );
    try {
      await until(async () => (await a.ready()) && (await b.ready()), 10_000);
      await bounce();
      await addJob('qa', 'a1');
      await addJob('qb', 'b1');
      await until(() => doneA.includes('a1') && doneB.includes('b1'), 15_000);
      expect(replacedA).toBe(0);
      expect(replacedB).toBe(1);
      expect(started).toBe(2);
      // The first set of b never came back: without the watchdog its job would still be waiting.
      const [stuck] = first?.workers ?? [];
      expect(stuck && (await workerReady(stuck))).toBe(false);
      expect(await b.ready()).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
