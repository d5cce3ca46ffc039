import type { Worker } from 'bullmq';
import type { Logger } from '../core/ports.js';

/** A set of BullMQ workers with their own connection, as a watchdog starts it. */
export interface WorkerSet {
  readonly workers: readonly Worker[];
  /** Closes the workers (letting running jobs finish) and their connection. */
  close(): Promise<void>;
}

export interface WatchdogOptions {
  /** Names the set in the log (`report`, `broadcast`). */
  readonly name: string;
  readonly logger: Logger;
  /** How often readiness is checked. */
  readonly everyMs?: number;
  /** A set not ready for this long (a failover it did not come back from) is replaced. */
  readonly graceMs?: number;
  /** An old set still closing after this long is cut off. */
  readonly closeMs?: number;
  /** Called with each replacement (metrics, tests). */
  readonly onReplace?: () => void;
}

export interface Watchdog {
  /** Whether the current set is ready now. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

const PROBE_MS = 1000;

const within = <T>(p: Promise<T>, ms: number, otherwise: T): Promise<T> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(otherwise), ms);
    timer.unref();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(otherwise);
      },
    );
  });

/** A worker is ready when it runs and its connections (commands, and the blocking wait for jobs) are up. */
export async function workerReady(worker: Worker): Promise<boolean> {
  if (!worker.isRunning()) return false;
  const backend = worker.getBackend();
  const clients = [backend.client, ...(backend.blockingClient ? [backend.blockingClient] : [])];
  const up = await Promise.all(
    clients.map((c) =>
      within(
        c.then((client) => client.status === 'ready'),
        PROBE_MS,
        false,
      ),
    ),
  );
  return up.every(Boolean);
}

/**
 * Keeps a set of workers running through failovers (DESIGN §10). ioredis reconnects by itself and asks
 * Sentinel for the new primary; a worker whose connection does not come back (it gave up, or it still
 * points at a node that is no longer the primary) would otherwise sit idle while jobs wait. The
 * watchdog checks the set every `everyMs`; one not ready for `graceMs` is closed (cut off after
 * `closeMs`) and a new set, with new connections, is started. Jobs the old set held run again once
 * their lock expires (steps are idempotent).
 */
export function watchWorkers(start: () => WorkerSet, opts: WatchdogOptions): Watchdog {
  const everyMs = opts.everyMs ?? 2000;
  const graceMs = opts.graceMs ?? 20_000;
  const closeMs = opts.closeMs ?? 5000;
  let current = start();
  let downSince: number | undefined;
  let checking = false;
  let stopped = false;
  const retiring = new Set<Promise<void>>();

  const allReady = async (set: WorkerSet) => (await Promise.all(set.workers.map(workerReady))).every(Boolean);

  const retire = (set: WorkerSet) => {
    const done = within(set.close(), closeMs, undefined).then(async () => {
      // Still closing (a job or a connection that hangs): cut the connections off.
      await Promise.all(set.workers.map((w) => within(w.disconnect(), closeMs, undefined)));
    });
    retiring.add(done);
    void done.finally(() => retiring.delete(done));
  };

  const check = async () => {
    if (checking || stopped) return;
    checking = true;
    try {
      if (await allReady(current)) {
        if (downSince !== undefined)
          opts.logger.info({ workers: opts.name, downMs: Date.now() - downSince }, 'workers ready again');
        downSince = undefined;
        return;
      }
      const now = Date.now();
      downSince ??= now;
      if (now - downSince < graceMs) return;
      opts.logger.warn(
        { workers: opts.name, downMs: now - downSince },
        'workers not ready after a connection loss: starting them again',
      );
      retire(current);
      current = start();
      downSince = undefined;
      opts.onReplace?.();
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();

  return {
    ready: () => allReady(current),
    async close() {
      stopped = true;
      clearInterval(timer);
      await current.close();
      await Promise.all(retiring);
    },
  };
}
