import { addMonths, monthOf } from '../core/register.js';
import type { RegisterStore } from '../reports/register-store.js';
import type { HistoryEntry } from '../reports/report-record.js';
import type { ReportStore } from '../reports/report-store.js';
import type { Output } from './report-select.js';

/** The history entry retention appends (it names no one). */
export const REPORTER_DATA_REMOVED = 'reporter-data-removed';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  readonly days: number;
  readonly dryRun: boolean;
  readonly now: Date;
  /** The departure/return register and its retention (REGISTER_RETENTION_MONTHS), purged in the same run. */
  readonly register?: { readonly store: RegisterStore; readonly months: number };
}

export interface RetentionResult {
  /** Resolved more than `days` ago and still holding reporter data. */
  readonly due: readonly string[];
  /** Those whose reporter data this run removed (none on a dry run). */
  readonly removed: readonly string[];
}

/**
 * When a report was resolved: its last `resolved` history entry, else its last change (never earlier
 * than the resolution, so a report without that entry is kept longer, not shorter).
 */
async function resolvedAt(store: ReportStore, code: string, updatedAt: string): Promise<string> {
  const history = await store.history(code);
  const last = history.findLast((h) => h.type === 'resolved');
  return last?.at ?? updatedAt;
}

/**
 * Removes the reporter's contact data (chat address, locale, consents) and their reporter-index entry
 * from reports resolved more than `days` ago; the report and its history stay, with a
 * `reporter-data-removed` entry. Running it again finds nothing more to do.
 */
export async function removeOldReporterData(
  store: ReportStore,
  opts: RetentionOptions,
): Promise<RetentionResult> {
  const cutoff = new Date(opts.now.getTime() - opts.days * DAY_MS);
  // A report is created before it is resolved: the status index (by creation time) narrows it first.
  const codes = await store.codesByStatus('resolved', cutoff);
  const due: string[] = [];
  const removed: string[] = [];
  for (const code of codes) {
    const r = await store.get(code);
    if (r?.status !== 'resolved') continue;
    if (Date.parse(await resolvedAt(store, code, r.updatedAt)) >= cutoff.getTime()) continue;
    if (!(await store.reporter(code))) continue;
    due.push(code);
    if (opts.dryRun) continue;
    const entry: HistoryEntry = {
      at: opts.now.toISOString(),
      type: REPORTER_DATA_REMOVED,
      reason: `retention: resolved more than ${opts.days} days ago`,
    };
    if (await store.removeReporter(code, entry)) removed.push(code);
  }
  return { due, removed };
}

/**
 * Deletes departure/return entries (whole: they are about a person) whose anchor month — the later of
 * the contract end and the return — lies more than `months` months back. Running it again finds nothing.
 */
export async function purgeExpiredEntries(
  store: RegisterStore,
  opts: { readonly months: number; readonly now: Date; readonly dryRun: boolean },
): Promise<{ readonly due: readonly string[]; readonly removed: readonly string[] }> {
  const due = await store.idsAnchoredBefore(addMonths(monthOf(opts.now), -opts.months));
  const removed: string[] = [];
  if (!opts.dryRun) for (const id of due) if (await store.delete(id)) removed.push(id);
  return { due, removed };
}

/** `reports retention`: runs it and prints how many, then the codes; then the register's purge. */
export async function retentionCommand(
  store: ReportStore,
  out: Output,
  opts: RetentionOptions,
): Promise<number> {
  const result = await removeOldReporterData(store, opts);
  const what = `resolved more than ${opts.days} day${opts.days === 1 ? '' : 's'} ago`;
  if (opts.dryRun) {
    out.write(`dry run: ${result.due.length} report(s) ${what} hold reporter data; nothing removed\n`);
  } else {
    out.write(`removed reporter data from ${result.removed.length} report(s) ${what}\n`);
  }
  const codes = opts.dryRun ? result.due : result.removed;
  if (codes.length > 0) out.write(`${codes.join('\n')}\n`);
  if (opts.register) {
    const { store, months } = opts.register;
    const purged = await purgeExpiredEntries(store, { months, now: opts.now, dryRun: opts.dryRun });
    const when = `more than ${months} month${months === 1 ? '' : 's'} after their contract end or return`;
    out.write(
      opts.dryRun
        ? `dry run: ${purged.due.length} departure/return entr${purged.due.length === 1 ? 'y' : 'ies'} ${when}; nothing deleted\n`
        : `deleted ${purged.removed.length} departure/return entr${purged.removed.length === 1 ? 'y' : 'ies'} ${when}\n`,
    );
  }
  return 0;
}
