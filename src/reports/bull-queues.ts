import { Job, Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelName } from '../core/message.js';
import type { Logger } from '../core/ports.js';
import {
  PermanentJobError,
  failedBeforeSending,
  type Around,
  type Attempt,
  type JobQueue,
  type JobSpec,
  type Processors,
} from './jobs.js';

export const CHANNELS: readonly ChannelName[] = ['console', 'telegram', 'whatsapp'];

/** Queue names: one alert queue per channel, so each has its own rate limit. */
export const queueName = (job: JobSpec): string => (job.name === 'alert' ? `alert-${job.channel}` : job.name);

const QUEUE_NAMES = ['route', 'escalate', 'notify', 'message', ...CHANNELS.map((c) => `alert-${c}`)];

export interface RetryOptions {
  /** Tries per job before the dead letter. */
  readonly attempts: number;
  /** First retry delay; doubles each time. */
  readonly backoffMs: number;
}

/** How every report worker keeps and retries jobs (also what the bench's bare-BullMQ floor runs with). */
export const WORKER_KEEPING = {
  /** Crashes of its worker a job may go through (it runs again after each: steps are idempotent). */
  maxStalledCount: 20,
  /** Completed jobs are kept this long, so a job added again within it (same id) is not run twice. */
  removeOnComplete: { age: 7 * 86_400 },
  /** Jobs that failed for good are kept this long, for a look at why. */
  removeOnFail: { age: 90 * 86_400 },
} as const;

/** A job's retries: `attempts` tries, the delay doubling from `backoffMs`. */
export const retryOf = (retry: RetryOptions) => ({
  attempts: retry.attempts,
  backoff: { type: 'exponential', delay: retry.backoffMs },
});

/**
 * Report jobs on BullMQ. `connection` should fail fast while Redis is down (no offline queue): a
 * submit then rejects at once and the user is told the report was not received.
 */
export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: Redis,
    prefix: string,
    private readonly retry: RetryOptions,
    onError: (err: Error) => void = () => undefined,
  ) {
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection, prefix });
      // Connection problems surface as rejected adds; without a listener they would also be printed.
      queue.on('error', onError);
      this.queues.set(name, queue);
    }
  }

  async add(jobs: readonly JobSpec[]): Promise<void> {
    const byQueue = new Map<string, JobSpec[]>();
    for (const job of jobs) byQueue.set(queueName(job), [...(byQueue.get(queueName(job)) ?? []), job]);
    await Promise.all(
      [...byQueue].map(([name, list]) => {
        const queue = this.queues.get(name);
        if (!queue) throw new Error(`unknown queue ${name}`);
        const [only] = list;
        // One job (the usual case): a plain add, without a transaction around it.
        if (list.length === 1 && only) return queue.add(only.name, only.data, this.options(only));
        return queue.addBulk(
          list.map((job) => ({
            name: job.name,
            data: job.data,
            opts: this.options(job),
          })),
        );
      }),
    );
  }

  /**
   * Adds `jobs` right behind the commands `around.before` sends (a report's create script), and before
   * those `around.after` sends (its routing), with no wait in between: on the queues' connection, which
   * writes commands issued together in one write (auto-pipelining), Redis runs them in that order, so a
   * job never runs before what `before` stored. Not a transaction: a job add Redis refuses fails the
   * call after `before`'s commands ran. Undefined, having sent nothing, for another client. On a
   * Cluster the order holds only among keys of one node.
   */
  async addAlong<B, A>(
    client: Redis,
    jobs: readonly JobSpec[],
    around: Around<B, A>,
  ): Promise<{ readonly before: B | undefined; readonly after: A | undefined } | undefined> {
    if (client !== this.connection) return undefined;
    const targets = await Promise.all(
      jobs.map(async (job) => {
        const queue = this.queueOf(job);
        return { job, queue, client: await queue.getBackend().client };
      }),
    );
    // From here on nothing is awaited until every command is sent: `before`, each job's add, `after`.
    const before = around.before?.();
    const added = targets.map(({ job, queue, client: bull }) =>
      new Job(queue, job.name, job.data, this.options(job), job.id).addJob(bull),
    );
    const after = around.after?.();
    await Promise.all([before, ...added, after]);
    return { before: await before, after: await after };
  }

  private queueOf(job: JobSpec | undefined): Queue {
    const queue = job && this.queues.get(queueName(job));
    if (!queue) throw new Error(`no queue for ${job?.name ?? 'nothing'}`);
    return queue;
  }

  /** How long finished jobs are kept is the workers' setting (`startBullWorkers`), not stored per job. */
  private options(job: JobSpec) {
    return {
      jobId: job.id,
      ...retryOf(this.retry),
      ...(job.name === 'escalate' && job.delayMs > 0 ? { delay: job.delayMs } : {}),
    };
  }

  /** Jobs waiting, delayed or running, per queue (for metrics and tests). */
  async depths(): Promise<Record<string, number>> {
    const entries = await Promise.all(
      [...this.queues].map(
        async ([name, q]) =>
          [name, await q.getJobCountByTypes('wait', 'delayed', 'active', 'prioritized')] as const,
      ),
    );
    return Object.fromEntries(entries);
  }

  /** Jobs due or running across all queues (delayed escalations not counted). */
  async busy(): Promise<number> {
    const counts = await Promise.all(
      [...this.queues.values()].map((q) => q.getJobCountByTypes('wait', 'active', 'prioritized')),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

export interface WorkerOptions {
  /** A blocking connection per worker is created from these (BullMQ needs `maxRetriesPerRequest: null`). */
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  /** Jobs run at once per queue. */
  readonly concurrency: number;
  /** Alerts per second allowed per channel (Telegram ~30 messages/s per bot, WhatsApp far less). */
  readonly alertsPerSecond: Readonly<Partial<Record<ChannelName, number>>>;
  /** How long a job is locked to a worker; a killed worker's jobs run again after this. */
  readonly lockMs?: number;
  readonly logger: Logger;
}

export interface Workers {
  /** The BullMQ workers, one per queue (the watchdog checks that they are ready). */
  readonly workers: readonly Worker[];
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue, running the pipeline's processors. */
export function startBullWorkers(processors: Processors, opts: WorkerOptions): Workers {
  const run = async (job: Job): Promise<void> => {
    const attempt: Attempt = {
      made: job.attemptsMade,
      final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      // Run again after its worker died (stalled), or retried after an error other than a refused send.
      interrupted: job.stalledCounter > 0 || (job.attemptsMade > 0 && !failedBeforeSending(job.failedReason)),
    };
    try {
      await dispatch(processors, job, attempt);
    } catch (err) {
      // BullMQ retries anything but UnrecoverableError; the pipeline already sent it to the dead letter.
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
  const workers = QUEUE_NAMES.map((name) => {
    const channel = name.startsWith('alert-') ? (name.slice('alert-'.length) as ChannelName) : undefined;
    const perSecond = channel ? opts.alertsPerSecond[channel] : undefined;
    const worker = new Worker(name, run, {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      ...(opts.lockMs ? { lockDuration: opts.lockMs, stalledInterval: opts.lockMs } : {}),
      // A job whose worker died is run again; steps are idempotent, so a job caught by several crashes
      // is retried rather than failed by BullMQ's default of one stall.
      ...WORKER_KEEPING,
      ...(perSecond ? { limiter: { max: perSecond, duration: 1000 } } : {}),
    });
    worker.on('error', (err) => opts.logger.warn({ err, queue: name }, 'report worker connection problem'));
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

function dispatch(p: Processors, job: Job, attempt: Attempt): Promise<unknown> {
  switch (job.name) {
    case 'route':
      return p.route(job.data as Parameters<Processors['route']>[0], attempt);
    case 'alert':
      return p.alert(job.data as Parameters<Processors['alert']>[0], attempt);
    case 'escalate':
      return p.escalate(job.data as Parameters<Processors['escalate']>[0], attempt);
    case 'notify':
      return p.notify(job.data as Parameters<Processors['notify']>[0], attempt);
    case 'message':
      return p.message(job.data as Parameters<Processors['message']>[0], attempt);
    default:
      return Promise.reject(new UnrecoverableError(`unknown job ${job.name}`));
  }
}
