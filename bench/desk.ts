import type { Redis } from 'ioredis';
import { reportStats } from '../src/cli/reports-commands.js';
import { createVillageFinder } from '../src/content/village-finder.js';
import { createDesk } from '../src/desk/desk.js';
import { createTranslator } from '../src/i18n/translator.js';
import { startHttpServer } from '../src/observability/http-server.js';
import type { Officer } from '../src/officers/officer.js';
import { loadAgencyChecker } from '../src/cli/report-repeats.js';
import type { JobQueue } from '../src/reports/jobs.js';
import { reportKeys } from '../src/reports/keys.js';
import { RedisRegisterStore } from '../src/reports/redis-register-store.js';
import { keptReportReader } from '../src/reports/redis-kept-reader.js';
import { redisReportReader } from '../src/reports/redis-report-reader.js';
import { createRedisReports } from '../src/reports/redis-reports.js';
import { registerKeys } from '../src/storage/keys.js';
import { connectRedis, createRedis } from '../src/storage/redis-client.js';
import { browser, type Browser } from '../test/helpers/desk-server.js';
import { cliNumbers, deskNumbers, overviewDifferences } from '../test/helpers/overview-numbers.js';
import { populateReports } from '../test/helpers/report-population.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { fmt, type Row } from './report.js';
import { silentLogger } from './util.js';

/** Issue 19: the desk's pages with 10,000 reports in Redis. */
export const DESK_BENCH = { reports: 10_000, samples: 40, targetP95Ms: 300, maxPageBytes: 200_000 } as const;

const ESCALATE_AFTER_MS = 8 * 3_600_000;
const PREFIX = 'bench-desk:';

export interface DeskTiming {
  readonly name: string;
  readonly path: string;
  readonly ms: { readonly p50: number; readonly p95: number; readonly p99: number };
  /**
   * CPU of this process (the desk and the client) per request, mean: unlike wall time, it does not
   * grow when other work shares the machine.
   */
  readonly cpuMs: number;
  /** Bytes of the response body (the last one). */
  readonly bytes: number;
  /** Rows or reports the response holds, where it says. */
  readonly detail: string;
}

export interface DeskBenchResult {
  readonly reports: number;
  readonly seedMs: number;
  readonly timings: readonly DeskTiming[];
  /** Where the district overview's numbers differ from `reports stats --area 35.07` (empty: none). */
  readonly differences: readonly string[];
  readonly numbersCompared: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Report jobs are not run here: the desk's reading is what is measured. */
const noQueue: JobQueue = { add: () => Promise.resolve() };

/**
 * The desk on its own redis-server (AOF always, as production) with `DESK_BENCH.reports` generated
 * reports: p50/p95/p99 of the overview, the filtered table, a report's page and an export, signed in as
 * a district officer (about 9,000 of the reports) and a province officer (all of them); and every
 * number of the district overview compared with `reports stats --area` on the same data.
 */
export async function measureDesk(log: (line: string) => void = () => undefined): Promise<DeskBenchResult> {
  const server = await startRedisServer({ aof: true });
  const redis: Redis = createRedis(server.url);
  try {
    await connectRedis(redis, server.url);
    const villages = createVillageFinder();
    const translator = createTranslator('locales');
    const clock = { now: () => new Date() };
    const reports = createRedisReports({
      redis,
      prefix: PREFIX,
      queue: noQueue,
      senders: {},
      translator,
      villages,
      clock,
      logger: silentLogger(),
      settings: { escalateAfterMs: ESCALATE_AFTER_MS, perDay: 100 },
      areaName: () => undefined,
    });
    const agencies = loadAgencyChecker('content');
    if ('problems' in agencies) throw new Error(agencies.problems.join('\n'));
    const codes = new Map<string, string>();
    const desk = createDesk({
      redis,
      prefix: PREFIX,
      config: { sessionIdleMs: 3_600_000, codeMs: 600_000, secureCookie: false, trustProxy: true },
      directory: reports.officers,
      officerDesk: reports.officerDesk,
      store: reports.store,
      reader: keptReportReader(redis, reportKeys(PREFIX)),
      register: new RedisRegisterStore(redis, registerKeys(PREFIX)),
      villages,
      escalateAfterMs: ESCALATE_AFTER_MS,
      agencies,
      translator,
      deliver: (address, messages) => {
        for (const m of messages) codes.set(address, /\b(\d{6})\b/.exec(m.body)?.[1] ?? '');
        return Promise.resolve();
      },
      clock,
      logger: silentLogger(),
    });
    const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger() });
    http.mount('/desk', (req, res) => desk.handle(req, res));
    try {
      log(`  desk: filing ${DESK_BENCH.reports.toLocaleString('en-US')} reports with their histories...`);
      const t0 = performance.now();
      const population = await populateReports(reports.store, villages, {
        count: DESK_BENCH.reports,
        now: clock.now(),
      });
      const seedMs = performance.now() - t0;
      const base = `http://127.0.0.1:${http.port}`;
      const district = await signedIn(base, officer('obenchdist', 'district', '35.07', 1), reports, codes);
      const province = await signedIn(base, officer('obenchprov', 'province', '35', 2), reports, codes);
      const someCode = (i: number) => population.codes[(i * 7919) % population.codes.length] ?? '';
      const subDistrict = population.villages[0]?.split('.').slice(0, 3).join('.') ?? '35.07.01';
      // A report changed before each request (a note, as an officer adds one): nothing the desk keeps
      // holds, so the request reads the change and computes its numbers again.
      const changeOne = async (i: number) => {
        const at = new Date().toISOString();
        await reports.store.update(
          someCode(i + 1000),
          {},
          { at, type: 'note', officers: ['obench'], note: 'bench' },
        );
      };
      const cases: [string, Browser, (i: number) => string, (text: string) => string, Before?][] = [
        ['overview, district (35.07)', district, () => '/desk', () => ''],
        ['overview, district, a report changed before each', district, () => '/desk', () => '', changeOne],
        ['overview, province (35, every report)', province, () => '/desk', () => ''],
        [
          'reports table, status open',
          district,
          (i) => `/desk/reports?status=open&page=${1 + (i % 5)}`,
          total,
        ],
        [
          'reports table, words + status + age',
          district,
          () => '/desk/reports?q=joko&status=open&age=week',
          total,
        ],
        [
          'reports table, overdue in a sub-district',
          district,
          () => `/desk/reports?area=${subDistrict}&overdue=1`,
          total,
        ],
        [
          'reports table, overdue in a sub-district, a report changed before each',
          district,
          () => `/desk/reports?area=${subDistrict}&overdue=1`,
          total,
          changeOne,
        ],
        ['report page', province, (i) => `/desk/reports/${someCode(i)}`, () => ''],
        ['repeat recruiters, district', district, (i) => `/desk/recruiters?page=${1 + (i % 3)}`, () => ''],
        [
          'export CSV, open in a sub-district',
          district,
          () => `/desk/export/csv?area=${subDistrict}&status=open`,
          rows,
        ],
        [
          'export HTCDS, open in a sub-district',
          district,
          () => `/desk/export/htcds?area=${subDistrict}&status=open`,
          rows,
        ],
      ];
      const timings: DeskTiming[] = [];
      for (const [name, b, path, detail, before] of cases) {
        log(`  desk: ${name}...`);
        timings.push(await timePath(name, b, path, detail, before));
      }
      log('  desk: overview numbers against reports stats...');
      const shown = deskNumbers((await district.get('/desk')).text);
      const out: string[] = [];
      await reportStats(
        {
          store: reports.store,
          reader: redisReportReader(redis, reportKeys(PREFIX)),
          villages,
          escalateAfterMs: ESCALATE_AFTER_MS,
        },
        { write: (chunk: string) => out.push(chunk) },
        clock.now(),
        { area: '35.07' },
      );
      const cli = cliNumbers(out.join(''));
      return {
        reports: population.count,
        seedMs,
        timings,
        differences: overviewDifferences(shown, cli),
        numbersCompared: 5 + shown.days.size * 2 + shown.areas.size * 3,
      };
    } finally {
      await http.close();
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
    await server.stop();
  }
}

const total = (html: string): string =>
  /(\d[\d.,]*) laporan · halaman/.exec(html)?.[1]?.concat(' reports') ?? '';
/** Rows of a CSV export: lines starting with a report's code (a cell may hold line breaks). */
const rows = (text: string): string => `${text.match(/^R-[0-9A-Z]{6},/gm)?.length ?? 0} rows`;

function officer(id: string, role: Officer['role'], area: string, n: number): Officer {
  return {
    id,
    role,
    area,
    address: `whatsapp:62812000900${n}`,
    name: `Petugas ${id}`,
    locale: 'id',
    active: true,
    joinedAt: new Date().toISOString(),
  };
}

/** Signs an officer in through the pages, with the code the bot "sent" to their chat. */
async function signedIn(
  base: string,
  o: Officer,
  reports: { officers: { save(o: Officer): Promise<void> } },
  codes: ReadonlyMap<string, string>,
): Promise<Browser> {
  await reports.officers.save(o);
  const b = browser(base, `198.51.100.${o.address.slice(-1)}`);
  const form = await b.get('/desk/sign-in');
  await b.post('/desk/sign-in', { who: o.id, _csrf: b.csrfIn(form.text) });
  const page = await b.get('/desk/code');
  const done = await b.post('/desk/code', { code: codes.get(o.address) ?? '', _csrf: b.csrfIn(page.text) });
  if (done.location !== '/desk') throw new Error(`desk bench: sign-in of ${o.id} failed (${done.status})`);
  return b;
}

/** Done before a request, not timed (its CPU is not counted either). */
type Before = (i: number) => Promise<void>;

/** Two warm-up requests, then `DESK_BENCH.samples` one after another (each after `before`). */
async function timePath(
  name: string,
  b: Browser,
  path: (i: number) => string,
  detail: (text: string) => string,
  before?: Before,
): Promise<DeskTiming> {
  for (let i = 0; i < 2; i++) await b.get(path(i));
  const ms: number[] = [];
  let last = { status: 0, text: '' };
  let cpuMicros = 0;
  for (let i = 0; i < DESK_BENCH.samples; i++) {
    await before?.(i);
    const cpu = process.cpuUsage();
    const t = performance.now();
    last = await b.get(path(i));
    ms.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    if (last.status !== 200) throw new Error(`desk bench: ${path(i)} answered ${last.status}`);
  }
  ms.sort((a, c) => a - c);
  return {
    cpuMs: cpuMicros / 1000 / DESK_BENCH.samples,
    name,
    path: path(0),
    ms: { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) },
    bytes: Buffer.byteLength(last.text),
    detail: detail(last.text),
  };
}

/** The bench table's rows: each page's p50 / p95 / p99 against the target, its size, and the equality check. */
export function deskRows(r: DeskBenchResult): Row[] {
  return [
    ...r.timings.map((t): Row => ({
      measure: `Desk (${r.reports.toLocaleString('en-US')} reports): ${t.name}${t.detail ? `, ${t.detail}` : ''}; p50 / p95 / p99, CPU per request, size`,
      result:
        `${fmt(t.ms.p50, 'ms', 1)} / ${fmt(t.ms.p95, 'ms', 1)} / ${fmt(t.ms.p99, 'ms', 1)}, ` +
        `CPU ${fmt(t.cpuMs, 'ms', 1)}, ${fmt(t.bytes / 1000, 'KB', 1)}`,
      target: `p95 < ${DESK_BENCH.targetP95Ms} ms${t.path.includes('/export/') ? '' : `, < ${DESK_BENCH.maxPageBytes / 1000} KB`}`,
      ok:
        t.ms.p95 < DESK_BENCH.targetP95Ms &&
        (t.path.includes('/export/') || t.bytes < DESK_BENCH.maxPageBytes),
    })),
    {
      measure: `Desk overview (35.07) numbers equal to reports stats --area 35.07 (${r.numbersCompared} numbers)`,
      result: r.differences.length === 0 ? 'all equal' : r.differences.slice(0, 3).join('; '),
      target: 'all equal',
      ok: r.differences.length === 0,
    },
    {
      measure: `Desk: filing ${r.reports.toLocaleString('en-US')} reports with histories (set-up)`,
      result: fmt(r.seedMs / 1000, 's', 1),
    },
  ];
}

/** The desk's numbers for `BENCH_JSON`. */
export function deskJson(r: DeskBenchResult) {
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    reports: r.reports,
    pages: r.timings.map((t) => ({
      name: t.name,
      path: t.path,
      p50Ms: round(t.ms.p50),
      p95Ms: round(t.ms.p95),
      p99Ms: round(t.ms.p99),
      cpuMs: round(t.cpuMs),
      bytes: t.bytes,
    })),
    overviewEqualsStats: r.differences.length === 0,
    numbersCompared: r.numbersCompared,
  };
}
