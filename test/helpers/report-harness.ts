import type { Clock, MessageSender } from '../../src/core/ports.js';
import type { ReportDetails, Reporter } from '../../src/core/report.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startEscalationTimer } from '../../src/reports/escalation-timer.js';
import { createRedisReports } from '../../src/reports/redis-reports.js';
import { BullJobQueue, startBullWorkers } from '../../src/reports/bull-queues.js';
import { createKeys } from '../../src/storage/keys.js';
import {
  connectRedis,
  createRedis,
  createWorkerRedis,
  type RedisTarget,
} from '../../src/storage/redis-client.js';
import { fixedClock, silentLogger, testVillages } from './engine.js';
import { testTarget } from './redis.js';
import { TERNYANG } from './report-script.js';

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sampleDetails = (over: Partial<ReportDetails> = {}): ReportDetails => ({
  recruiter: { name: 'Darto', phones: ['+6281234567890'], company: 'PT Contoh' },
  offer: { country: 'Malaysia', job: 'kebun', salary: '', fees: '15 juta', documents: '' },
  place: 'rumah saya',
  village: TERNYANG,
  notes: [],
  media: [],
  bypassVillage: false,
  ...over,
});

export const sampleReporter = (address = 'telegram:9001', over: Partial<Reporter> = {}): Reporter => ({
  address,
  locale: 'id',
  contact: 'none',
  updates: true,
  ...over,
});

/**
 * The report side on the test run's Redis with real BullMQ workers, under a key prefix of its own.
 * `url` may point at a private redis-server, a Sentinel group or a Cluster (fault tests).
 */
export async function startRedisReports(opts: {
  prefix: string;
  sender: MessageSender;
  url?: RedisTarget | string;
  escalateAfterMs?: number;
  perDay?: number;
  attempts?: number;
  backoffMs?: number;
  workers?: boolean;
  /** The pipeline's time (default: the real one). */
  clock?: Clock;
  /** Whether the escalation timer runs with the workers (default true; off when a test calls escalateDue). */
  escalationTimer?: boolean;
}) {
  const url = opts.url ?? testTarget();
  const redis = createRedis(url);
  await connectRedis(redis, url);
  const bull = createKeys(opts.prefix).bull;
  const queue = new BullJobQueue(redis, bull, {
    attempts: opts.attempts ?? 5,
    backoffMs: opts.backoffMs ?? 20,
  });
  const reports = createRedisReports({
    redis,
    prefix: opts.prefix,
    queue,
    senders: { console: opts.sender, telegram: opts.sender, whatsapp: opts.sender },
    translator: createTranslator('locales'),
    villages: testVillages(),
    clock: opts.clock ?? { now: () => new Date() },
    logger: silentLogger,
    settings: { escalateAfterMs: opts.escalateAfterMs ?? 3_600_000, perDay: opts.perDay ?? 50 },
    areaName: (code) => (code === '35.07' ? 'Kabupaten Malang' : undefined),
  });
  const workerRedis = createWorkerRedis(url);
  const workers =
    opts.workers === false
      ? undefined
      : startBullWorkers(reports.pipeline.processors, {
          connection: workerRedis,
          prefix: bull,
          concurrency: 10,
          alertsPerSecond: {},
          lockMs: 2000,
          logger: silentLogger,
        });
  const stopEscalations =
    workers && opts.escalationTimer !== false
      ? startEscalationTimer(reports.pipeline, opts.escalateAfterMs ?? 3_600_000, silentLogger)
      : () => undefined;
  return {
    ...reports,
    queue,
    redis,
    async close() {
      stopEscalations();
      await workers?.close();
      await queue.close();
      workerRedis.disconnect();
      redis.disconnect();
    },
  };
}

export { fixedClock };
