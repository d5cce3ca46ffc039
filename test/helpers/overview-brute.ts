import type { Redis } from 'ioredis';
import type { OverviewNumbers } from './overview-numbers.js';

/**
 * The numbers of an area overview counted the slow, obvious way, for checking the desk and
 * `reports stats` against: every report found by a scan of Redis keys (not the indexes either of them
 * reads), its hash and history parsed here, each number computed from the definitions in the README
 * ("District desk") with no code of src/reports. Test-only.
 */

interface RawReport {
  readonly status: string;
  readonly village: string;
  readonly bypassVillage: boolean;
  readonly createdMs: number;
  readonly history: readonly { readonly at: string; readonly type: string }[];
}

const DAY = 86_400_000;
/** Not taken by anyone yet: the escalation clock runs. */
const NOT_TAKEN = ['submitted', 'unrouted', 'routed', 'notified', 'escalated'];
const FINISHED = ['resolved', 'failed'];

/** Every report under `prefix`, by a scan of the report hashes' keys. */
export async function scanReports(redis: Redis, prefix: string): Promise<RawReport[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}{r}:r:*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys.filter((k) => /\{r\}:r:[^:]+$/.test(k)));
  } while (cursor !== '0');
  const out: RawReport[] = [];
  for (const key of found) {
    const h = await redis.hgetall(key);
    const doc = JSON.parse(h.doc ?? '{}') as { village: string; bypassVillage: boolean };
    const log = await redis.lrange(`${key}:log`, 0, -1);
    out.push({
      status: h.status ?? '',
      village: doc.village,
      bypassVillage: doc.bypassVillage,
      createdMs: Date.parse(h.createdAt ?? ''),
      history: log.map((l) => JSON.parse(l) as { at: string; type: string }),
    });
  }
  return out;
}

export interface BruteNumbers extends Omit<OverviewNumbers, 'acknowledge' | 'resolve'> {
  /** Medians in ms (undefined: none). */
  readonly acknowledgeMs: number | undefined;
  readonly resolveMs: number | undefined;
}

function middle(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 ? values[m] : ((values[m - 1] ?? 0) + (values[m] ?? 0)) / 2;
}

/**
 * The overview of `area` ('' = all) at `nowMs` as `role` sees it: a village officer never counts a
 * report sent past the village.
 */
export function bruteOverview(
  all: readonly RawReport[],
  area: string,
  role: string,
  nowMs: number,
  escalateAfterMs: number,
): BruteNumbers {
  const mine = all.filter(
    (r) =>
      (area === '' || r.village === area || r.village.startsWith(`${area}.`)) &&
      !(role === 'village' && r.bypassVillage),
  );
  const at = (r: RawReport, type: string) => r.history.find((h) => h.type === type)?.at;
  const reached = (r: RawReport) => {
    const last = r.history.filter((h) => h.type === 'routed' || h.type === 'escalated').at(-1);
    return last ? Date.parse(last.at) : r.createdMs;
  };
  const late = (r: RawReport) => NOT_TAKEN.includes(r.status) && nowMs - reached(r) > escalateAfterMs;
  const open = (r: RawReport) => !FINISHED.includes(r.status);
  const acks: number[] = [];
  const resolves: number[] = [];
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const days = new Map<string, [number, number]>();
  for (let i = 29; i >= 0; i--)
    days.set(new Date(Date.parse(today) - i * DAY).toISOString().slice(0, 10), [0, 0]);
  const areas = new Map<string, [number, number, number]>();
  for (const r of mine) {
    const ack = at(r, 'acknowledged');
    if (ack) acks.push(Date.parse(ack) - r.createdMs);
    const resolved = r.status === 'resolved' ? at(r, 'resolved') : undefined;
    if (resolved) resolves.push(Date.parse(resolved) - r.createdMs);
    const created = days.get(new Date(r.createdMs).toISOString().slice(0, 10));
    if (created) created[0] += 1;
    const done = resolved ? days.get(resolved.slice(0, 10)) : undefined;
    if (done) done[1] += 1;
    for (const code of [r.village.slice(0, 5), r.village.slice(0, 8), r.village]) {
      const row = areas.get(code) ?? [0, 0, 0];
      row[0] += 1;
      if (open(r)) row[1] += 1;
      if (late(r)) row[2] += 1;
      areas.set(code, row);
    }
  }
  return {
    total: mine.length,
    open: mine.filter(open).length,
    overdue: mine.filter(late).length,
    acknowledgeMs: middle(acks),
    resolveMs: middle(resolves),
    days,
    areas,
  };
}

/**
 * Where numbers as shown differ from the brute count. A median is shown rounded (minutes, tenths of
 * hours, tenths of days): it must lie within half of the last shown digit. `allAreas`: the shown rows
 * must be every area (the CLI); else each shown row must be right (the page shows the busiest).
 */
export function bruteDifferences(shown: OverviewNumbers, brute: BruteNumbers, allAreas: boolean): string[] {
  const out: string[] = [];
  for (const k of ['total', 'open', 'overdue'] as const)
    if (shown[k] !== brute[k]) out.push(`${k}: shown ${shown[k]}, counted ${brute[k]}`);
  const medians = [
    ['acknowledge', shown.acknowledge, brute.acknowledgeMs],
    ['resolve', shown.resolve, brute.resolveMs],
  ] as const;
  for (const [name, minutes, ms] of medians) {
    const exact = ms === undefined ? undefined : ms / 60_000;
    const half = exact === undefined ? 0 : exact < 60 ? 0.5 : exact < 48 * 60 ? 3 : 72;
    const ok =
      exact === undefined
        ? minutes === undefined
        : minutes !== undefined && Math.abs(minutes - exact) <= half + 1e-6;
    if (!ok) out.push(`${name}: shown ${String(minutes)} min, counted ${String(exact)} min`);
  }
  if (shown.days.size !== 30) out.push(`days shown: ${shown.days.size}`);
  for (const [day, n] of brute.days)
    if (shown.days.get(day)?.join() !== n.join())
      out.push(`${day}: shown ${String(shown.days.get(day))}, counted ${n.join()}`);
  if (shown.areas.size === 0) out.push('no area rows shown');
  for (const [code, n] of shown.areas)
    if (brute.areas.get(code)?.join() !== n.join())
      out.push(`${code}: shown ${n.join()}, counted ${String(brute.areas.get(code))}`);
  if (allAreas)
    for (const code of brute.areas.keys())
      if (!shown.areas.has(code)) out.push(`${code}: counted, not shown`);
  return out;
}
