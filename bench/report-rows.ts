import { fmt, fmtRuns, type Row } from './report.js';
import type { ReportBenchResult } from './reports.js';

/** Issue 17: the report pipeline keeps at least half the throughput of bare BullMQ of its shape. */
export const REPORT_TARGET = { ratio: 0.5, p99Ms: 20 } as const;

/** What the floor is, printed under the table. */
export const FLOOR_NOTE =
  "Reports floor: bare BullMQ of the report pipeline's shape (issue 17), alternating runs, each on a fresh " +
  'redis-server (AOF always): a route job whose processor only adds an alert job, whose processor only ' +
  'marks it arrived; the same queue options as the bot (retries, back-off, completed jobs kept 7 days, ' +
  'stalls). The bot routes a report as it stores it when its first level has officers (no route job), ' +
  'so it runs one job per report where the floor runs two; the one-job row is bare BullMQ of that shape, ' +
  'for reference. What the bot adds on top: the report record, indexes and history (Lua), routing to ' +
  'the officers of the area, the alert read, rendered and recorded as sent.';

/** The report pipeline's rows of the bench table. */
export function reportRows(r: ReportBenchResult): Row[] {
  const commands = (c: ReportBenchResult['commands']['ours']) =>
    `${fmt(c.roundTrips, '', 1).trim()}: ${fmt(c.sent, '', 1).trim()} + ${fmt(c.inScripts, '', 1).trim()}`;
  return [
    {
      measure: 'Reports: bot pipeline (submit, routed as stored → alert at the sender)',
      result: fmt(r.ours.perSecond, 'reports/s'),
      runs: fmtRuns(r.runs.ours),
    },
    {
      measure: 'Reports: bare BullMQ route → alert (floor, same shape and queue options)',
      result: fmt(r.floor.perSecond, 'reports/s'),
      runs: fmtRuns(r.runs.floor),
    },
    {
      measure: 'Reports: bare BullMQ, one job per report (add → no-op; reference)',
      result: fmt(r.oneJob.perSecond, 'reports/s'),
    },
    {
      measure: 'Reports: ratio bot pipeline / one-job BullMQ (reference, median of paired runs)',
      result: fmt(r.oneJobRatio, 'x', 2),
    },
    {
      measure: 'Reports: ratio bot pipeline / floor (median of paired runs)',
      result: fmt(r.ratio, 'x', 2),
      runs: fmtRuns(r.runs.ratio, 2),
      target: `>= ${REPORT_TARGET.ratio}`,
      ok: r.ratio >= REPORT_TARGET.ratio,
    },
    {
      measure:
        'Reports: CPU ratio floor / bot per report, Node + Redis (steadier on a busy machine; median of pairs)',
      result: fmt(r.cpuRatio, 'x', 2),
      runs: fmtRuns(r.runs.cpuRatio, 2),
    },
    {
      measure:
        'Reports: load average (1 min) before / after the runs (p99 is "unloaded" only on an idle machine)',
      result: `${r.load.before.toFixed(2)} / ${r.load.after.toFixed(2)} on ${String(r.load.cores)} cores`,
    },
    {
      measure: 'Reports: CPU per report, this process + Redis (bot / floor)',
      result:
        `${fmt(r.ours.cpu.node, 'ms', 3)} + ${fmt(r.ours.cpu.redis, 'ms', 3)} / ` +
        `${fmt(r.floor.cpu.node, 'ms', 3)} + ${fmt(r.floor.cpu.redis, 'ms', 3)}`,
    },
    {
      measure: 'Reports: Redis round trips alone: commands sent + run in scripts, per report (bot / floor)',
      result: `${commands(r.commands.ours)} / ${commands(r.commands.floor)}`,
    },
    {
      measure: 'Reports: unloaded submit → alert p50 / p99 (bot)',
      result: `${fmt(r.ours.latency.p50, 'ms', 2)} / ${fmt(r.ours.latency.p99, 'ms', 2)}`,
      target: `p99 < ${REPORT_TARGET.p99Ms} ms`,
      ok: r.ours.latency.p99 < REPORT_TARGET.p99Ms,
    },
    {
      measure: 'Reports: unloaded add → alert job p50 / p99 (floor)',
      result: `${fmt(r.floor.latency.p50, 'ms', 2)} / ${fmt(r.floor.latency.p99, 'ms', 2)}`,
    },
  ];
}
