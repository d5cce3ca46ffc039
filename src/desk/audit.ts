import type { Redis } from 'ioredis';
import type { Clock } from '../core/ports.js';
import { addressHash, type DeskKeys } from '../storage/keys.js';

/** Entries kept in the desk's audit stream (about; Redis trims whole blocks). */
export const AUDIT_STREAM_KEPT = 100_000;

/** One line of the desk's audit: who did what to which report or list, and how it ended. */
export interface DeskAuditEntry {
  /** Officer id, or '' before sign-in. */
  readonly officer: string;
  /** `view-overview`, `view-report`, `act-ack`, `export-csv`, `sign-in`, … */
  readonly action: string;
  /** A report code, a list's filter, an export's scope; never a name or an address. */
  readonly target?: string;
  /** `ok`, `not-found`, `refused:<reason>`, `wrong`, … */
  readonly result: string;
  /** The client's address, hashed (attempts from one place can be told apart without naming it). */
  readonly client: string;
}

export interface DeskAuditRecord extends DeskAuditEntry {
  readonly at: string;
}

/**
 * The desk's audit stream: every page view, action, export and sign-in, with the officer's id. Actions
 * on a report are also in its history, and refusals in its audit log (through the officer desk).
 */
export function createDeskAudit(redis: Redis, keys: DeskKeys, clock: Clock) {
  return {
    async write(e: DeskAuditEntry): Promise<void> {
      await redis.xadd(
        keys.audit(),
        'MAXLEN',
        '~',
        AUDIT_STREAM_KEPT,
        '*',
        'at',
        clock.now().toISOString(),
        'officer',
        e.officer,
        'action',
        e.action,
        'target',
        e.target ?? '',
        'result',
        e.result,
        'client',
        addressHash('desk-client', e.client),
      );
    },
    /** The last `n` entries, oldest first. */
    async recent(n: number): Promise<DeskAuditRecord[]> {
      const rows = await redis.xrevrange(keys.audit(), '+', '-', 'COUNT', n);
      return rows.reverse().map(([, fields]) => {
        const f = new Map<string, string>();
        for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i] ?? '', fields[i + 1] ?? '');
        return {
          at: f.get('at') ?? '',
          officer: f.get('officer') ?? '',
          action: f.get('action') ?? '',
          target: f.get('target') ?? '',
          result: f.get('result') ?? '',
          client: f.get('client') ?? '',
        };
      });
    },
  };
}

export type DeskAudit = ReturnType<typeof createDeskAudit>;
