import type { Redis } from 'ioredis';
import { REPORT_STATUSES } from '../core/report.js';
import type { ReportKeys } from './keys.js';
import { recordOf } from './redis-report-store.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';
import { byCreation, readFacts, type IndexedCode, type ReportReader } from './report-reader.js';

/** Commands per pipeline: bounded so one huge area does not make one reply of many megabytes. */
const BATCH = 2000;

/**
 * Reads reports straight from the Redis indexes the report store keeps (sorted sets scored by creation
 * time): one `ZRANGE … WITHSCORES` per index, records and histories in pipelines of `BATCH`, facts
 * from the records and histories of the codes asked for. Nothing is kept between calls: the admin
 * commands read this way (one command, one read). The desk, which asks again and again, keeps the
 * facts of every report in memory instead (redis-kept-reader.ts).
 */
export function redisReportReader(redis: Redis, keys: ReportKeys): ReportReader {
  const scored = async (key: string): Promise<IndexedCode[]> =>
    pairs(await redis.zrange(key, 0, -1, 'WITHSCORES'));
  const reader: ReportReader = {
    async area(area) {
      if (area !== '') return scored(keys.byArea(area));
      const lists = await Promise.all(REPORT_STATUSES.map((s) => scored(keys.byStatus(s))));
      return lists.flat().sort(byCreation);
    },
    status: (status) => scored(keys.byStatus(status)),
    records: (codes) => readRecords(redis, keys, codes),
    histories: (codes) => readHistories(redis, keys, codes),
    facts: (codes) => readFacts(reader, codes),
  };
  return reader;
}

/** The records of `codes`, in order (undefined where none), `BATCH` to a pipeline. */
export const readRecords = (
  redis: Redis,
  keys: ReportKeys,
  codes: readonly string[],
): Promise<(ReportRecord | undefined)[]> =>
  batched(
    redis,
    codes,
    (p, c) => p.hgetall(keys.report(c)),
    (c, h) => recordOf(c, h as Record<string, string>),
  );

/** The histories of `codes`, in order, each oldest first. */
export const readHistories = (
  redis: Redis,
  keys: ReportKeys,
  codes: readonly string[],
): Promise<HistoryEntry[][]> =>
  batched(
    redis,
    codes,
    (p, c) => p.lrange(keys.history(c), 0, -1),
    (_c, lines) => (lines as string[]).map((line) => JSON.parse(line) as HistoryEntry),
  );

/** One command per code, `BATCH` to a pipeline; a failed command throws (Redis outage). */
async function batched<T>(
  redis: Redis,
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

/** `[member, score, member, score, …]` → codes with scores. */
function pairs(flat: readonly string[]): IndexedCode[] {
  const out: IndexedCode[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    out.push({ code: flat[i] ?? '', createdMs: Number(flat[i + 1]) });
  return out;
}
