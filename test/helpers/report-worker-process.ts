/**
 * A report worker process for fault tests: the real pipeline and BullMQ workers, with a sender that
 * posts every message to a fake chat transport over HTTP (SENDER_URL). The test kills it with SIGKILL
 * in the middle of jobs and starts it again. The villages its alerts name come from the test (VILLAGES,
 * JSON records), so a restart does not read all 83,762 villages again.
 */
import type { MessageSender } from '../../src/core/ports.js';
import { createVillageFinder } from '../../src/content/village-finder.js';
import type { Village } from '../../src/content/villages.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createRedisReports } from '../../src/reports/redis-reports.js';
import { BullJobQueue, startBullWorkers } from '../../src/reports/bull-queues.js';
import { createKeys } from '../../src/storage/keys.js';
import { connectRedis, createRedis, createWorkerRedis } from '../../src/storage/redis-client.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

// REDIS_URL, or REDIS_CLUSTER_NODES (host:port,…) for a Cluster.
const nodes = process.env.REDIS_CLUSTER_NODES;
const url = nodes
  ? {
      clusterNodes: nodes.split(',').map((n) => {
        const [host = '', port = ''] = n.split(':');
        return { host, port: Number(port) };
      }),
    }
  : env('REDIS_URL');
const prefix = env('REPORT_PREFIX');
const senderUrl = env('SENDER_URL');
const villages = new Map((JSON.parse(env('VILLAGES')) as Village[]).map((v) => [v.code, v]));
const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const sender: MessageSender = {
  async send(address, messages) {
    const res = await fetch(senderUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address, messages }),
    });
    if (!res.ok) throw new Error(`transport answered ${res.status}`);
  },
};

const redis = createRedis(url);
await connectRedis(redis, url);
// Retries from 50 ms, doubling (production starts at 2 s), so the test is quick: the wait after a run
// of failures is about as long as the run (a Redis restart, a few refused sends in a row).
const queue = new BullJobQueue(redis, createKeys(prefix).bull, { attempts: 30, backoffMs: 50 });
const reports = createRedisReports({
  redis,
  prefix,
  queue,
  senders: { console: sender, telegram: sender },
  translator: createTranslator('locales'),
  villages: createVillageFinder(() => ({
    size: villages.size,
    byCode: (code) => villages.get(code),
    find: () => [],
  })),
  clock: { now: () => new Date() },
  logger: quiet,
  settings: { escalateAfterMs: 3_600_000, perDay: 50 },
  areaName: () => undefined,
});
startBullWorkers(reports.pipeline.processors, {
  connection: createWorkerRedis(url),
  prefix: createKeys(prefix).bull,
  concurrency: 20,
  alertsPerSecond: {},
  lockMs: 1000,
  logger: quiet,
});
setInterval(() => void reports.pipeline.sweep(2000).catch(() => undefined), 1000);
process.stdout.write('worker ready\n');
