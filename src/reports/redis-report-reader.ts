import type { Redis } from 'ioredis';
import { REPORT_STATUSES } from '../core/report.js';
import type { ReportKeys } from './keys.js';
import { recordOf } from './redis-report-store.js';
import type { HistoryEntry } from './report-record.js';
import { byCreation, type IndexedCode, type ReportReader } from './report-reader.js';

/** Commands per pipeline: bounded so one huge area does not make one reply of many megabytes. */
const BATCH = 2000;

/**
 * Reads reports straight from the Redis indexes the report store keeps (sorted sets scored by creation
 * time): one `ZRANGE … WITHSCORES` per index, records and histories in pipelines of `BATCH`.
 */
export function redisReportReader(redis: Redis, keys: ReportKeys): ReportReader {
  const scored = async (key: string): Promise<IndexedCode[]> =>
    pairs(await redis.zrange(key, 0, -1, 'WITHSCORES'));

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

  return {
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
  };
}

/** `[member, score, member, score, …]` → codes with creation times. */
function pairs(flat: readonly string[]): IndexedCode[] {
  const out: IndexedCode[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    out.push({ code: flat[i] ?? '', createdMs: Number(flat[i + 1]) });
  return out;
}
