import type { Redis } from 'ioredis';
import { REPORT_STATUSES } from '../core/report.js';
import type { ReportKeys } from './keys.js';
import { readHistories, readRecords } from './redis-report-reader.js';
import { byCreation, readFacts, type IndexedCode, type ReportReader } from './report-reader.js';
import type { ReportFacts } from './report-timing.js';

/** Every report's facts as of one value of the change counter, oldest first in `ordered`. */
interface Kept {
  readonly rev: number;
  readonly facts: ReadonlyMap<string, ReportFacts>;
  readonly ordered: readonly ReportFacts[];
  /** Area and status lists made from `ordered` when first asked for (`a:<area>`, `s:<status>`). */
  readonly lists: Map<string, readonly IndexedCode[]>;
}

/** The list `key` of `kept`: the reports `pick` takes, oldest first (a copy the caller may change). */
function listed(kept: Kept, key: string, pick: (f: ReportFacts) => boolean): IndexedCode[] {
  let list = kept.lists.get(key);
  if (!list) {
    list = kept.ordered.filter(pick).map(indexed);
    kept.lists.set(key, list);
  }
  return list.slice();
}

/** The index entry of a report's facts. */
const indexed = (f: ReportFacts): IndexedCode => ({ code: f.code, createdMs: f.createdMs });

/**
 * Whether a report sits in the area index `area` ('' = all): the indexes of its village, of the
 * village's district (`PP.KK`) and province (`PP`), as report-create.lua adds it (areaOf).
 */
function inIndex(area: string): (f: ReportFacts) => boolean {
  if (area === '') return () => true;
  // A district or a province holds the villages under it; any other code only itself.
  const parts = area.split('.').length;
  const under = parts <= 2 && !area.split('.').includes('') ? `${area}.` : undefined;
  return (f) => f.details.village === area || (under !== undefined && f.details.village.startsWith(under));
}

/**
 * A reader for a long-lived process (the desk): the facts (report-timing.ts) of every report kept in
 * memory and brought up to date on each call from the report side's change log. Every report script
 * increments the change counter (`revision`) and scores the report's code with it in `changed`
 * (src/reports/lua/), so a call sends one transaction — the counter and the codes changed since the
 * counter it last saw — and re-reads only those reports (records, and histories where needed). Nothing
 * changed: no report is read. The first call reads every report once (codes from the status indexes).
 *
 * The area and status lists come from the kept facts (a report's village gives its area indexes, its
 * facts its status), so filters and the overview read nothing else from Redis; `records` and
 * `histories` read Redis each time, for the reports a page shows or an export writes. A counter lower
 * than the one seen (Redis emptied or restored) reads everything again.
 *
 * About 800 bytes of memory per report (what was reported is part of the facts, for the word search):
 * 8 MB at 10,000 (measured), read in about 1.6 s on a busy machine.
 */
export function keptReportReader(redis: Redis, keys: ReportKeys): ReportReader & { sync(): Promise<void> } {
  let kept: Kept | undefined;
  // One sync at a time; a call that arrives during one syncs again after it (a GET when nothing changed).
  let queue: Promise<unknown> = Promise.resolve();

  const counter = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

  async function exec(tx: ReturnType<Redis['multi']>): Promise<unknown[]> {
    const replies = (await tx.exec()) ?? [];
    return replies.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  }

  /** Facts of `codes` read from Redis, in a map (reports gone are absent). */
  async function factsOf(codes: readonly string[]): Promise<Map<string, ReportFacts | undefined>> {
    const read = await readFacts(reader, codes);
    return new Map(codes.map((c, i) => [c, read[i]]));
  }

  async function loadAll(): Promise<Kept> {
    const tx = redis.multi().get(keys.revision());
    for (const s of REPORT_STATUSES) tx.zrange(keys.byStatus(s), 0, -1);
    const [rev, ...lists] = await exec(tx);
    const read = await factsOf((lists as string[][]).flat());
    const facts = new Map<string, ReportFacts>();
    for (const [code, f] of read) if (f) facts.set(code, f);
    return { rev: counter(rev), facts, ordered: [...facts.values()].sort(byCreation), lists: new Map() };
  }

  async function update(from: Kept): Promise<Kept> {
    const [rev, changed] = await exec(
      redis.multi().get(keys.revision()).zrangebyscore(keys.changed(), `(${from.rev}`, '+inf'),
    );
    const now = counter(rev);
    if (now < from.rev) return loadAll();
    const codes = changed as string[];
    if (codes.length === 0) return now === from.rev ? from : { ...from, rev: now };
    const facts = new Map(from.facts);
    let added = false;
    for (const [code, f] of await factsOf(codes)) {
      if (f) {
        added ||= !facts.has(code);
        facts.set(code, f);
      } else facts.delete(code);
    }
    // A report keeps its creation time: a change keeps its place; only new reports need sorting in.
    const ordered = added
      ? [...facts.values()].sort(byCreation)
      : from.ordered.flatMap((f) => facts.get(f.code) ?? []);
    return { rev: now, facts, ordered, lists: new Map() };
  }

  function sync(): Promise<Kept> {
    const next = queue.then(async () => {
      kept = kept ? await update(kept) : await loadAll();
      return kept;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  const reader: ReportReader & { sync(): Promise<void> } = {
    async sync() {
      await sync();
    },
    revision: async () => (await sync()).rev,
    area: async (area) => listed(await sync(), `a:${area}`, inIndex(area)),
    status: async (status) => listed(await sync(), `s:${status}`, (f) => f.status === status),
    records: (codes) => readRecords(redis, keys, codes),
    histories: (codes) => readHistories(redis, keys, codes),
    async facts(codes) {
      const { facts } = await sync();
      return codes.map((c) => facts.get(c));
    },
  };
  return reader;
}
