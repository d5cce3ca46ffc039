import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createVillageFinder } from '../src/content/village-finder.js';
import type { OutboundMessage } from '../src/core/message.js';
import type { MessageSender } from '../src/core/ports.js';
import type { ReportDetails } from '../src/core/report.js';
import { createTranslator } from '../src/i18n/translator.js';
import { createRedisReports } from '../src/reports/redis-reports.js';
import { BullJobQueue, WORKER_KEEPING, retryOf, startBullWorkers } from '../src/reports/bull-queues.js';
import { createKeys } from '../src/storage/keys.js';
import { connectRedis, createRedis, createWorkerRedis } from '../src/storage/redis-client.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import type { Percentiles } from './jobs.js';
import { ROOT, median, silentLogger } from './util.js';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

/** Reports submitted per throughput run, with this many in flight; sequential submits for latency. */
const REPORTS = 2000;
const IN_FLIGHT = 100;
const LATENCY_SAMPLES = 200;
/** Reports submitted in flight before each timed run, not timed. */
const WARMUP = 500;
const CONCURRENCY = 50;
/** Alternating runs of each pipeline; the results are medians (the machine is small and noisy). */
const RUNS = 3;
const VILLAGE = '35.07.12.2001';
/** Retries of every job, the bot's and the floor's. */
const RETRY = { attempts: 5, backoffMs: 100 } as const;

export const REPORT_BENCH = { reports: REPORTS, inFlight: IN_FLIGHT } as const;

/** Redis commands per report, counted with MONITOR in a run of its own (not timed). */
export interface CommandCount {
  /**
   * Round trips of one report alone (submitted when the one before arrived): the reads Redis made
   * from client sockets (INFO total_reads_processed), workers waiting for jobs included; commands
   * written together (a transaction) come in one.
   */
  readonly roundTrips: number;
  /** Commands the clients sent (each script call, each BullMQ command, MULTI and EXEC counted). */
  readonly sent: number;
  /** Commands the scripts ran inside Redis (BullMQ's and the bot's). */
  readonly inScripts: number;
}

export interface PipelineResult {
  readonly perSecond: number;
  readonly latency: Percentiles;
  /**
   * CPU per report in the throughput run, in ms: this process (submitters and workers) and Redis.
   * Steadier than reports per second on a busy machine, and what bounds throughput on a small one.
   */
  readonly cpu: { readonly node: number; readonly redis: number };
}

export interface ReportBenchResult {
  readonly ours: PipelineResult;
  readonly floor: PipelineResult;
  /**
   * Bare BullMQ with one job per report (add → a no-op processor): the shape the bot has now that it
   * routes as it stores, for reference next to the floor of the issue (route → alert).
   */
  readonly oneJob: PipelineResult;
  /** Median of the runs' ratios against the one-job reference (each bot run against its own). */
  readonly oneJobRatio: number;
  /** Median of the runs' ratios (each bot run against the floor run just before it). */
  readonly ratio: number;
  /**
   * Median of the runs' CPU ratios, floor / bot per report (this process + Redis): where both are
   * bound by CPU, the throughput ratio the machine allows, and far steadier than reports per second
   * while other processes take turns on the cores.
   */
  readonly cpuRatio: number;
  readonly runs: {
    readonly ours: number[];
    readonly floor: number[];
    readonly ratio: number[];
    readonly cpuRatio: number[];
  };
  /** The 1-minute load average before and after the runs, and the cores it is shared by. */
  readonly load: { readonly before: number; readonly after: number; readonly cores: number };
  readonly commands: { readonly ours: CommandCount; readonly floor: CommandCount };
}

/** One system under test: `submit(i)` starts report i; `arrived` resolves when its alert reached the sender. */
interface Pipeline {
  submit(i: number): Promise<void>;
  close(): Promise<void>;
}

/** Arrivals at the sender, by report index, with waiters. */
function arrivals() {
  const waiting = new Map<number, () => void>();
  const done = new Set<number>();
  return {
    arrive(i: number) {
      done.add(i);
      waiting.get(i)?.();
      waiting.delete(i);
    },
    wait(i: number): Promise<void> {
      if (done.has(i)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(i, resolve));
    },
  };
}

const details = (i: number): ReportDetails => ({
  recruiter: { name: `Perekrut ${i}`, phones: [`+62812${String(10_000_000 + i)}`], company: 'PT Contoh' },
  offer: { country: 'Malaysia', job: 'kebun', salary: '', fees: '15 juta', documents: '' },
  place: 'rumah saya',
  village: VILLAGE,
  notes: ['bukti'],
  media: [],
  bypassVillage: false,
});

/** The bot's path: desk (Lua record + route job) → route worker → alert worker → sender. */
export async function ourPipeline(
  url: string,
  prefix: string,
  arrive: (i: number) => void,
): Promise<Pipeline> {
  const redis = createRedis(url);
  await connectRedis(redis, url);
  const queue = new BullJobQueue(redis, createKeys(prefix).bull, RETRY);
  const byCode = new Map<string, number>();
  const sender: MessageSender = {
    send(_address: string, messages: readonly OutboundMessage[]) {
      const code = /R-[A-Z0-9]{6}/.exec(messages[0]?.title ?? '')?.[0] ?? '';
      const i = byCode.get(code);
      if (i !== undefined) arrive(i);
      return Promise.resolve();
    },
  };
  const villages = createVillageFinder();
  villages.warm();
  const reports = createRedisReports({
    redis,
    prefix,
    queue,
    senders: { console: sender },
    translator: createTranslator(join(ROOT, 'locales')),
    villages,
    clock: { now: () => new Date() },
    logger: silentLogger(),
    settings: { escalateAfterMs: 3_600_000, perDay: 10 },
    areaName: () => undefined,
  });
  await reports.officers.save({
    id: 'bench',
    role: 'village',
    area: VILLAGE,
    address: 'console:bench',
    name: 'Bench',
    locale: 'id',
    active: true,
    joinedAt: new Date().toISOString(),
  });
  const workerRedis = createWorkerRedis(url);
  const workers = startBullWorkers(reports.pipeline.processors, {
    connection: workerRedis,
    prefix: createKeys(prefix).bull,
    concurrency: CONCURRENCY,
    alertsPerSecond: {},
    logger: silentLogger(),
  });
  return {
    async submit(i) {
      const res = await reports.desk.submit({
        reporter: { address: `telegram:${1_000_000 + i}`, locale: 'id', contact: 'none', updates: false },
        draftKey: String(i),
        details: details(i),
      });
      if (res.type !== 'received') throw new Error(`report ${i} not received: ${res.type}`);
      byCode.set(res.code, i);
    },
    async close() {
      await workers.close();
      await queue.close();
      workerRedis.disconnect();
      await redis.quit();
    },
  };
}

type Make = (url: string, prefix: string, arrive: (i: number) => void) => Promise<Pipeline>;

/**
 * Bare BullMQ with the bot's queue options (retries, back-off, jobs kept, stalls): what the queue costs,
 * with nothing on top. An alert job whose processor only marks it arrived; `withRoute`: added by a
 * no-op route job, the floor of issue 17's shape (else added at submit, one job per report).
 */
function bareBullMq(withRoute: boolean): Make {
  return async (url, prefix, arrive) => {
    const redis: Redis = createRedis(url);
    await connectRedis(redis, url);
    const workerRedis = createWorkerRedis(url);
    const options = { connection: workerRedis, prefix, concurrency: CONCURRENCY, ...WORKER_KEEPING };
    const alertQ = new Queue('alert', { connection: redis, prefix });
    const addAlert = (i: number) =>
      alertQ.add('alert', { i }, { jobId: `alert-${String(i)}`, ...retryOf(RETRY) });
    const queues = [alertQ];
    const workers = [
      new Worker(
        'alert',
        (job) => {
          arrive((job.data as { i: number }).i);
          return Promise.resolve();
        },
        options,
      ),
    ];
    let submit = addAlert;
    if (withRoute) {
      const routeQ = new Queue('route', { connection: redis, prefix });
      queues.push(routeQ);
      workers.push(
        new Worker(
          'route',
          async (job) => {
            await addAlert((job.data as { i: number }).i);
          },
          options,
        ),
      );
      submit = (i) => routeQ.add('route', { i }, { jobId: `route-${String(i)}`, ...retryOf(RETRY) });
    }
    return {
      async submit(i) {
        await submit(i);
      },
      async close() {
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all(queues.map((q) => q.close()));
        workerRedis.disconnect();
        await redis.quit();
      },
    };
  };
}

/** The floor: a no-op route job that adds a no-op alert job. */
export const barePipeline = bareBullMq(true);

/** One job per report (the shape the bot has now that it routes as it stores), for reference. */
export const oneJobPipeline = bareBullMq(false);

/** CPU seconds Redis has used so far (user + system), from INFO. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** Submits `count` reports, IN_FLIGHT at a time, and waits until every alert arrived. */
async function submitAll(p: Pipeline, a: ReturnType<typeof arrivals>, from: number, count: number) {
  let next = from;
  const lane = async () => {
    while (next < from + count) {
      const i = next++;
      await p.submit(i);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  await Promise.all(Array.from({ length: count }, (_, k) => a.wait(from + k)));
}

/** Reports counted with MONITOR (slows Redis down, so apart from the timed runs), then one at a time. */
const COUNTED = 500;
const COUNTED_ALONE = 100;

/**
 * Redis commands per report under the throughput run's load: every command Redis receives from a
 * client (MONITOR's source is an address) and every command a script runs (source `lua`); then the
 * round trips of a report alone.
 */
export async function countCommands(make: Make, url: string, prefix: string): Promise<CommandCount> {
  const a = arrivals();
  const p = await make(url, prefix, (i) => a.arrive(i));
  const watcher = createRedis(url);
  await connectRedis(watcher, url);
  const counts = { sent: 0, inScripts: 0 };
  const reads = async () =>
    Number(/^total_reads_processed:(\d+)/m.exec(await watcher.info('stats'))?.[1] ?? Number.NaN);
  try {
    await submitAll(p, a, -20, 20);
    const monitor = await watcher.monitor();
    monitor.on('monitor', (_time: string, _args: unknown[], source: string) => {
      if (source === 'lua') counts.inScripts++;
      else counts.sent++;
    });
    await submitAll(p, a, 0, COUNTED);
    // Let the last jobs finish (their completion is part of each report's cost).
    await new Promise((resolve) => setTimeout(resolve, 300));
    monitor.disconnect();
    const readsBefore = await reads();
    for (let i = COUNTED; i < COUNTED + COUNTED_ALONE; i++) await submitAll(p, a, i, 1);
    // Less the second INFO call of this count.
    const roundTrips = ((await reads()) - readsBefore - 1) / COUNTED_ALONE;
    return { roundTrips, sent: counts.sent / COUNTED, inScripts: counts.inScripts / COUNTED };
  } finally {
    watcher.disconnect();
    await p.close();
  }
}

/** Throughput with IN_FLIGHT submits at a time (until every alert arrived), then unloaded latency. */
export async function measure(make: Make, url: string, prefix: string): Promise<PipelineResult> {
  const a = arrivals();
  const p = await make(url, prefix, (i) => a.arrive(i));
  const probe = createRedis(url);
  await connectRedis(probe, url);
  try {
    // Warm-up: scripts loaded, connections open, village directory built; then a run in flight, not
    // timed, so the timed one measures code the JIT has compiled (the first timed run of each side was
    // 30-40 % slower without it).
    for (let i = 0; i < 20; i++) {
      await p.submit(-1 - i);
      await a.wait(-1 - i);
    }
    await submitAll(p, a, -WARMUP - 20, WARMUP);
    const start = performance.now();
    const nodeBefore = process.cpuUsage();
    const redisBefore = await redisCpuSeconds(probe);
    await submitAll(p, a, 0, REPORTS);
    const perSecond = REPORTS / ((performance.now() - start) / 1000);
    const node = process.cpuUsage(nodeBefore);
    const cpu = {
      node: (node.user + node.system) / 1000 / REPORTS,
      redis: (((await redisCpuSeconds(probe)) - redisBefore) * 1000) / REPORTS,
    };
    const times: number[] = [];
    for (let k = 0; k < LATENCY_SAMPLES; k++) {
      const i = REPORTS + k;
      const t0 = performance.now();
      await p.submit(i);
      await a.wait(i);
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    return { perSecond, latency: { p50: at(0.5), p99: at(0.99), samples: times.length }, cpu };
  } finally {
    probe.disconnect();
    await p.close();
  }
}

/**
 * Runs `f` on a redis-server of its own (AOF `always`), stopped after. Each timed run starts empty: on
 * one server for all runs, the append-only file of the runs before reached Redis's rewrite threshold
 * (64 MB) during the bot's third run every time, and the rewrite's fork, whose cost grows with what
 * the earlier runs stored and not with the report being timed, took 10-20 % off that run alone.
 */
async function onFreshServer<T>(f: (url: string) => Promise<T>): Promise<T> {
  const server = await startRedisServer({ aof: true });
  try {
    return await f(server.url);
  } finally {
    await server.stop();
  }
}

/**
 * Reports per second and submit → alert latency through the bot's pipeline, against bare BullMQ of
 * the same shape, alternating runs, each on a fresh private Redis (AOF `always`).
 */
export async function measureReportPipeline(): Promise<ReportBenchResult> {
  const server = await startRedisServer({ aof: true });
  const loadBefore = loadavg()[0] ?? Number.NaN;
  try {
    const ours: PipelineResult[] = [];
    const floor: PipelineResult[] = [];
    const oneJob: PipelineResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      floor.push(await onFreshServer((url) => measure(barePipeline, url, `floor${String(run)}`)));
      ours.push(await onFreshServer((url) => measure(ourPipeline, url, `ours${String(run)}:`)));
      oneJob.push(await onFreshServer((url) => measure(oneJobPipeline, url, `one${String(run)}`)));
    }
    const pick = (list: PipelineResult[]): PipelineResult => ({
      perSecond: median(list.map((r) => r.perSecond)),
      latency: {
        p50: median(list.map((r) => r.latency.p50)),
        p99: median(list.map((r) => r.latency.p99)),
        samples: list.reduce((n, r) => n + r.latency.samples, 0),
      },
      cpu: { node: median(list.map((r) => r.cpu.node)), redis: median(list.map((r) => r.cpu.redis)) },
    });
    const ratios = ours.map((r, i) => r.perSecond / (floor[i]?.perSecond ?? Number.NaN));
    const oneJobRatios = ours.map((r, i) => r.perSecond / (oneJob[i]?.perSecond ?? Number.NaN));
    const cpuOf = (r: PipelineResult | undefined) => (r ? r.cpu.node + r.cpu.redis : Number.NaN);
    const cpuRatios = ours.map((r, i) => cpuOf(floor[i]) / cpuOf(r));
    const commands = {
      floor: await countCommands(barePipeline, server.url, 'floorcount'),
      ours: await countCommands(ourPipeline, server.url, 'ourscount:'),
    };
    return {
      commands,
      ours: pick(ours),
      floor: pick(floor),
      oneJob: pick(oneJob),
      oneJobRatio: median(oneJobRatios),
      ratio: median(ratios),
      cpuRatio: median(cpuRatios),
      runs: {
        ours: ours.map((r) => r.perSecond),
        floor: floor.map((r) => r.perSecond),
        ratio: ratios,
        cpuRatio: cpuRatios,
      },
      load: { before: loadBefore, after: loadavg()[0] ?? Number.NaN, cores: availableParallelism() },
    };
  } finally {
    await server.stop();
  }
}

// `npx tsx bench/reports.ts` runs this bench alone.
if (process.argv[1]?.endsWith('/bench/reports.ts')) {
  const r = await measureReportPipeline();
  console.log(JSON.stringify(r, null, 2));
  console.log(`ratio ${r.ratio.toFixed(2)} (runs ${r.runs.ratio.map((x) => x.toFixed(2)).join(', ')})`);
  console.log(`against one job per report ${r.oneJobRatio.toFixed(2)}`);
  console.log(
    `CPU ratio ${r.cpuRatio.toFixed(2)} (runs ${r.runs.cpuRatio.map((x) => x.toFixed(2)).join(', ')})`,
  );
}
