import type { Redis } from 'ioredis';
import { REPORT_STATUSES, type ReportStatus } from '../core/report.js';
import type { ReportKeys } from './keys.js';
import { recordOf } from './redis-report-store.js';
import type { HistoryEntry } from './report-record.js';
import { byCreation, readFacts, type IndexedCode, type ReportReader } from './report-reader.js';
import type { ReportFacts } from './report-timing.js';

/** Commands per pipeline: bounded so one huge area does not make one reply of many megabytes. */
const BATCH = 2000;
/** Facts kept in memory at most (about 1-2 KB each with what was reported); past it the memo starts again. */
const FACTS_KEPT = 50_000;

/**
 * Reads reports straight from the Redis indexes the report store keeps (sorted sets scored by creation
 * time): one `ZRANGE … WITHSCORES` per index, records and histories in pipelines of `BATCH`.
 *
 * Facts are kept in memory, each with the version it was read at: the report's status (which status
 * index holds it), its time in the waiting index and, while escalated, its level. Whatever changes a
 * fact — taken, resolved, routed, escalated, escalated again, stopped waiting — changes one of these
 * (the report scripts move a report between status indexes and set its waiting time in the same
 * step), so a call reads the status and waiting indexes whole (a few commands) and the level of the
 * escalated ones, and re-reads only the reports whose version moved.
 */
export function redisReportReader(redis: Redis, keys: ReportKeys): ReportReader {
  const scored = async (key: string): Promise<IndexedCode[]> =>
    pairs(await redis.zrange(key, 0, -1, 'WITHSCORES'));
  const memo = new Map<string, { readonly version: string; readonly facts: ReportFacts }>();

  /** One command per code, `BATCH` to a pipeline; a failed command throws (Redis outage). */
  async function batched<T>(
    codes: readonly string[],
    add: (p: ReturnType<Redis['pipeline']>, code: string) => void,
    read: (code: string, value: unknown) => T,
  ): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < codes.length; i += BATCH) {
      const part = codes.slice(i, i + BATCH);
      const p = redis.pipeline();
      for (const c of part) add(p, c);
      const replies = (await p.exec()) ?? [];
      part.forEach((c, j) => {
        const [err, value] = replies[j] ?? [new Error('no reply'), undefined];
        if (err) throw err;
        out.push(read(c, value));
      });
    }
    return out;
  }

  /**
   * Each indexed report's version: `status|waiting time`, and its level while escalated (a report
   * escalated again stays `escalated` at a new level).
   */
  async function versions(): Promise<Map<string, string>> {
    const [lists, waiting] = await Promise.all([
      Promise.all(REPORT_STATUSES.map((s) => redis.zrange(keys.byStatus(s), 0, -1))),
      redis.zrange(keys.waiting(), 0, -1, 'WITHSCORES'),
    ]);
    const since = new Map(pairs(waiting).map((w) => [w.code, w.createdMs]));
    const escalated = lists[REPORT_STATUSES.indexOf('escalated')] ?? [];
    const levels = await batched(
      escalated,
      (p, c) => p.hget(keys.report(c), 'level'),
      (_c, level) => String(level),
    );
    const levelOf = new Map(escalated.map((c, i) => [c, levels[i] ?? '']));
    const out = new Map<string, string>();
    lists.forEach((codes, i) => {
      const status: ReportStatus | undefined = REPORT_STATUSES[i];
      for (const c of codes) out.set(c, `${status ?? ''}|${since.get(c) ?? ''}|${levelOf.get(c) ?? ''}`);
    });
    return out;
  }

  const reader: ReportReader = {
    async area(area) {
      if (area !== '') return scored(keys.byArea(area));
      const lists = await Promise.all(REPORT_STATUSES.map((s) => scored(keys.byStatus(s))));
      return lists.flat().sort(byCreation);
    },
    status: (status) => scored(keys.byStatus(status)),
    records: (codes) =>
      batched(
        codes,
        (p, c) => p.hgetall(keys.report(c)),
        (c, h) => recordOf(c, h as Record<string, string>),
      ),
    histories: (codes) =>
      batched(
        codes,
        (p, c) => p.lrange(keys.history(c), 0, -1),
        (_c, lines) => (lines as string[]).map((line) => JSON.parse(line) as HistoryEntry),
      ),
    async facts(codes) {
      const now = await versions();
      const stale = codes.filter((c) => {
        const v = now.get(c);
        return v !== undefined && memo.get(c)?.version !== v;
      });
      if (stale.length > 0) {
        if (memo.size + stale.length > FACTS_KEPT) memo.clear();
        const read = await readFacts(reader, stale);
        read.forEach((f, i) => {
          const code = stale[i] ?? '';
          // A report changed between the two reads is read again next time (its version differs).
          const waited = now.get(code)?.split('|')[1] ?? '';
          const level = f?.status === 'escalated' ? f.level : '';
          if (f) memo.set(code, { version: `${f.status}|${waited}|${level}`, facts: f });
        });
      }
      return codes.map((c) => (now.has(c) ? memo.get(c)?.facts : undefined));
    },
  };
  return reader;
}

/** `[member, score, member, score, …]` → codes with scores. */
function pairs(flat: readonly string[]): IndexedCode[] {
  const out: IndexedCode[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    out.push({ code: flat[i] ?? '', createdMs: Number(flat[i + 1]) });
  return out;
}
