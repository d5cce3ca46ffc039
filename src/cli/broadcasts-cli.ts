import type { Command } from 'commander';
import { loadCatalog } from '../bootstrap.js';
import { BullBroadcastQueue } from '../broadcasts/bull-broadcasts.js';
import { RedisBroadcastStore } from '../broadcasts/redis-broadcast-store.js';
import { createKeys } from '../storage/keys.js';
import { startDueDigests } from '../broadcasts/digests.js';
import { RedisWarningStore } from '../broadcasts/redis-warning-store.js';
import { announceNewJobs, announcedJobs, auditLine, statusLine } from './broadcasts-commands.js';
import { withRedis } from './with-redis.js';

/** Runs `fn` with the broadcast store and a way to queue a broadcast, on the configured Redis. */
function withStarter(
  fn: (store: RedisBroadcastStore, start: (id: string) => Promise<void>) => Promise<number>,
): Promise<void> {
  return withRedis('broadcasts', async (redis, config) => {
    const keys = createKeys(config.redisKeyPrefix);
    const queue = new BullBroadcastQueue(redis, keys.bull, {
      attempts: config.reports.attempts,
      backoffMs: config.reports.retryDelayMs,
    });
    try {
      return await fn(new RedisBroadcastStore(redis, keys.broadcasts), (id) => queue.start(id));
    } finally {
      await queue.close();
    }
  });
}

/**
 * `broadcasts status [id]`, `broadcasts jobs` (announce new listings to their subscribers) and
 * `broadcasts digest` (start the daily digests that are due now, as the workers do every minute) and
 * `broadcasts warnings` (the officers' warnings audit log).
 */
export function registerBroadcastCommands(program: Command): void {
  const cmd = program.command('broadcasts').description('opt-in alerts sent to subscribers');
  cmd
    .command('status [id]')
    .description('progress of one broadcast, or of the last 20')
    .action((id: string | undefined) =>
      withRedis('broadcasts', async (redis, config) => {
        const store = new RedisBroadcastStore(redis, createKeys(config.redisKeyPrefix).broadcasts);
        const ids = id ? [id] : await store.recent(20);
        if (ids.length === 0) console.log('No broadcasts yet.');
        for (const one of ids) {
          const s = await store.status(one);
          if (!s) {
            console.log(`${one}: no such broadcast`);
            return 1;
          }
          console.log(statusLine(s));
        }
        return 0;
      }),
    );
  cmd
    .command('jobs')
    .description(
      'announce the job listings shown today that were never announced (run after `jobs import` and a restart)',
    )
    .option('--dir <path>', 'content folder', process.env.CONTENT_DIR ?? 'content')
    .action((opts: { dir: string }) =>
      withStarter(async (store, start) => {
        const now = new Date();
        const { catalog } = loadCatalog(opts.dir, now);
        const jobs = announcedJobs(catalog, now.toISOString().slice(0, 10));
        const result = await announceNewJobs(store, start, jobs, now);
        for (const line of result.lines) console.log(line);
        return 0;
      }),
    );
  cmd
    .command('digest')
    .description('start the daily digests that are due (the workers do it every minute by themselves)')
    .action(() =>
      withStarter(async (store, start) => {
        const started = await startDueDigests(store, start, new Date());
        console.log(started.length > 0 ? `Started: ${started.join(', ')}` : 'No digest is due.');
        return 0;
      }),
    );
  cmd
    .command('warnings')
    .description(
      "officers' warnings, newest first: every send, proposal, decision and refusal (the audit log)",
    )
    .option('--last <n>', 'how many entries', '50')
    .action((opts: { last: string }) =>
      withRedis('broadcasts', async (redis, config) => {
        const store = new RedisWarningStore(redis, createKeys(config.redisKeyPrefix).broadcasts);
        const entries = await store.auditLog(Math.max(1, Math.min(10_000, Number(opts.last) || 50)));
        if (entries.length === 0) console.log('No warnings yet.');
        for (const e of entries) console.log(auditLine(e));
        return 0;
      }),
    );
}
