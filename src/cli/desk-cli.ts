import { type Command, InvalidArgumentError } from 'commander';
import type { Redis } from 'ioredis';
import { systemClock } from '../core/ports.js';
import { createDeskAudit } from '../desk/audit.js';
import { deskKeys } from '../storage/keys.js';
import { printable, table, type Output } from './report-select.js';
import { withRedis } from './with-redis.js';

export interface DeskAuditOptions {
  readonly last: number;
  readonly officer?: string;
  /** A report code, or any text the entry's target holds. */
  readonly target?: string;
}

/**
 * `desk audit`: the desk's audit stream, oldest first — every page view, action, export and sign-in with
 * the officer id and the client address hashed (never a name or an address).
 */
export async function printDeskAudit(
  redis: Redis,
  prefix: string,
  out: Output,
  opts: DeskAuditOptions,
): Promise<number> {
  const all = await createDeskAudit(redis, deskKeys(prefix), systemClock).recent(opts.last);
  const rows = all.filter(
    (e) =>
      (!opts.officer || e.officer === opts.officer) &&
      (!opts.target || (e.target ?? '').includes(opts.target)),
  );
  if (rows.length === 0) {
    out.write('no desk audit entries match\n');
    return 0;
  }
  const lines = table(
    ['at (UTC)', 'officer', 'action', 'target', 'result', 'client'],
    rows.map((e) => [
      e.at,
      e.officer || '-',
      e.action,
      printable(e.target || '-'),
      e.result,
      e.client.slice(0, 8),
    ]),
  );
  for (const l of lines) out.write(`${l}\n`);
  return 0;
}

/** `desk audit [--last N] [--officer ID] [--target TEXT]`. */
export function registerDeskCommands(program: Command): void {
  program
    .command('desk')
    .description("the officers' web desk (DESK_ENABLED)")
    .command('audit')
    .description('the last entries of the desk audit: views, actions, exports and sign-ins, by officer id')
    .option(
      '--last <n>',
      'read the last N entries (before filtering)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 100_000)
          throw new InvalidArgumentError('expected 1 to 100000');
        return n;
      },
      200,
    )
    .option('--officer <id>', 'only this officer')
    .option('--target <text>', 'only entries whose target holds this (a report code)')
    .action((opts: DeskAuditOptions) =>
      withRedis('desk', (redis, config) =>
        printDeskAudit(redis, config.redisKeyPrefix, process.stdout, opts),
      ),
    );
}
