import type { Logger } from '../core/ports.js';
import {
  PermanentJobError,
  failedBeforeSending,
  type Attempt,
  type JobQueue,
  type JobSpec,
  type Processors,
} from './jobs.js';

export interface MemoryQueueOptions {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly logger: Logger;
}

/**
 * Runs report jobs in this process, for the console demo: the same processors as the BullMQ workers,
 * with ids, delays and retries, but nothing survives a restart.
 */
export class MemoryJobQueue implements JobQueue {
  private processors: Processors | undefined;
  private readonly seen = new Set<string>();
  /** Why each job's last attempt failed (as BullMQ keeps `failedReason`). */
  private readonly lastError = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: MemoryQueueOptions) {}

  /** The pipeline needs the queue and the queue runs the pipeline: connect them after both exist. */
  bind(processors: Processors): void {
    this.processors = processors;
  }

  add(jobs: readonly JobSpec[]): Promise<void> {
    for (const job of jobs) {
      if (this.seen.has(job.id)) continue;
      this.seen.add(job.id);
      this.schedule(job, job.name === 'escalate' ? job.delayMs : 0, 0);
    }
    return Promise.resolve();
  }

  /** Resolves when no job is running or due now (delayed escalations do not count). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(job: JobSpec, delayMs: number, made: number): void {
    const due = delayMs === 0;
    if (due) this.running++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!due) this.running++;
      void this.run(job, made).finally(() => {
        this.running--;
        if (this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }, delayMs);
    // A pending escalation or retry must not keep the console demo from exiting.
    if (!due) timer.unref();
    this.timers.add(timer);
  }

  private async run(job: JobSpec, made: number): Promise<void> {
    const processors = this.processors;
    if (!processors) throw new Error('memory queue used before bind()');
    const attempt: Attempt = {
      made,
      final: made + 1 >= this.opts.attempts,
      interrupted: made > 0 && !failedBeforeSending(this.lastError.get(job.id)),
    };
    try {
      await this.dispatch(processors, job, attempt);
    } catch (err) {
      this.lastError.set(job.id, err instanceof Error ? err.message : String(err));
      if (err instanceof PermanentJobError || attempt.final) return;
      this.opts.logger.warn({ job: job.name, err }, 'report job failed; retrying');
      this.schedule(job, this.opts.backoffMs * 2 ** made, made + 1);
    }
  }

  private dispatch(p: Processors, job: JobSpec, attempt: Attempt): Promise<unknown> {
    switch (job.name) {
      case 'route':
        return p.route(job.data, attempt);
      case 'alert':
        return p.alert(job.data, attempt);
      case 'escalate':
        return p.escalate(job.data, attempt);
      case 'notify':
        return p.notify(job.data, attempt);
      case 'message':
        return p.message(job.data, attempt);
    }
  }
}
