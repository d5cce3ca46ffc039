import {
  startBroadcastWorkers,
  type BroadcastWorkerOptions,
  type BullBroadcastQueue,
} from '../../src/broadcasts/bull-broadcasts.js';
import type { FanOut } from '../../src/broadcasts/fan-out.js';
import { createWorkerRedis } from '../../src/storage/redis-client.js';
import { silentLogger } from '../helpers/engine.js';
import { testTarget } from '../helpers/redis.js';

/** The broadcast workers on the test run's Redis, unpaced, with a connection of their own; `close` ends both. */
export function testWorkers(
  fanOut: FanOut,
  queue: BullBroadcastQueue,
  bullPrefix: string,
  opts: Partial<Pick<BroadcastWorkerOptions, 'concurrency' | 'notice'>> = {},
) {
  const connection = createWorkerRedis(testTarget());
  const workers = startBroadcastWorkers(fanOut, queue, {
    connection,
    prefix: bullPrefix,
    concurrency: opts.concurrency ?? 5,
    pace: {},
    logger: silentLogger,
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
  return {
    async close() {
      await workers.close();
      connection.disconnect();
    },
  };
}
