import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildEngine, loadCatalog } from '../src/bootstrap.js';
import { createVillageFinder } from '../src/content/village-finder.js';
import { systemClock, type MessageSender } from '../src/core/ports.js';
import { createTranslator } from '../src/i18n/translator.js';
import { createRedisReports } from '../src/reports/redis-reports.js';
import { BullJobQueue, startBullWorkers } from '../src/reports/bull-queues.js';
import { createKeys } from '../src/storage/keys.js';
import { connectRedis, createRedis, createWorkerRedis } from '../src/storage/redis-client.js';
import { RedisSessionStore } from '../src/storage/redis-session-store.js';
import { OFFERS } from '../test/fixtures/offers.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { TERNYANG, reportLines } from '../test/helpers/report-script.js';
import { ROOT, silentLogger } from './util.js';

/**
 * Load: many simulated users, each typing with a think time between messages, through the engine on
 * the Redis session store (write-behind, as production runs) and the real report side (Lua store,
 * BullMQ queues and workers in this process), on a private redis-server with AOF `appendfsync always`.
 */

export interface LoadOptions {
  readonly users: number;
  readonly seconds: number;
  /** Think time between two messages of one user, uniform in [min, max] ms. */
  readonly thinkMs: readonly [number, number];
  /** Replies before this point are not measured, and the first memory reading is taken then. */
  readonly warmupSeconds: number;
}

export interface LoadResult {
  readonly users: number;
  readonly seconds: number;
  readonly thinkMs: readonly [number, number];
  readonly messages: number;
  readonly measured: number;
  readonly perSecond: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly scripts: Readonly<Record<ScriptName, number>>;
  readonly reportsReceived: number;
  readonly reportsStored: number;
  readonly routeJobsMissing: number;
  readonly alertsDelivered: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly rssWarmMb: number;
  readonly rssEndMb: number;
  readonly rssGrowthPct: number;
  readonly heapWarmMb: number;
  readonly heapEndMb: number;
}

export const TARGET = { p99Ms: 50, rssGrowthPct: 10 } as const;

type ScriptName = 'guide' | 'offerQuestions' | 'pastedOffer' | 'report';

/** What a villager does in one visit; every script starts and ends at the main menu. */
const WEIGHTS: readonly (readonly [ScriptName, number])[] = [
  ['guide', 0.4],
  ['offerQuestions', 0.2],
  ['pastedOffer', 0.2],
  ['report', 0.2],
];

/** Replies that mean something went wrong: an infrastructure failure, or the script out of step. */
const BAD = ['sistem sedang gangguan', 'Nomor itu tidak ada', 'BELUM terkirim'];

/**
 * Menus and guide pages: a scheme's pages, the readiness check (age, country, job, five documents),
 * the numbers in Indonesia and a country note.
 */
// prettier-ignore
const GUIDE: readonly string[] = [
  '1', '1', '2', 'lanjut', 'lanjut', '0',
  '2', '25', '2', '4', 'ya', 'ya', 'ya', 'tidak', 'ya', 'ya', '0',
  '10', '2', '0',
  '1', '5', '1', '0',
];

const MB = 1024 * 1024;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** `global.gc` without starting node with --expose-gc, so memory readings are taken after a full GC. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** LOAD_TRANSCRIPTS=1: a report script that goes wrong prints what its user typed and was answered. */
const TRANSCRIPTS = process.env.LOAD_TRANSCRIPTS === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureLoad(opts: LoadOptions): Promise<LoadResult> {
  const gc = gcFunction();
  const server = await startRedisServer({ aof: true });
  const redis = createRedis(server.url);
  const workerRedis = createWorkerRedis(server.url);
  const prefix = 'load:';
  const keys = createKeys(prefix);
  const logger = silentLogger();
  try {
    if (server.port === 6379) throw new Error('refusing to use port 6379 (the shared Redis)');
    await connectRedis(redis, server.url);
    const content = loadCatalog(join(ROOT, 'content'), systemClock.now());
    const translator = createTranslator(join(ROOT, 'locales'));
    const villages = createVillageFinder();
    villages.warm();
    const store = new RedisSessionStore({
      redis,
      keys,
      idleTtlMs: 30 * 86_400_000,
      clock: systemClock,
      cacheSize: 10_000,
      writeMode: 'behind',
      logger,
    });
    const queue = new BullJobQueue(redis, keys.bull, { attempts: 5, backoffMs: 200 });
    let alertsDelivered = 0;
    // Counts only: keeping what was sent would grow memory and spoil the reading.
    const sender: MessageSender = {
      send() {
        alertsDelivered++;
        return Promise.resolve();
      },
    };
    const reports = createRedisReports({
      redis,
      prefix,
      queue,
      senders: { console: sender, telegram: sender, whatsapp: sender },
      translator,
      villages,
      clock: systemClock,
      logger,
      settings: { escalateAfterMs: 3_600_000, perDay: 1000 },
      areaName: (code) => villages.byCode(code)?.name,
    });
    await reports.officers.save({
      id: 'load-desa',
      role: 'village',
      area: TERNYANG,
      address: 'console:load-desa',
      name: 'Petugas Desa',
      locale: 'id',
      active: true,
      joinedAt: new Date().toISOString(),
    });
    const workers = startBullWorkers(reports.pipeline.processors, {
      connection: workerRedis,
      prefix: keys.bull,
      concurrency: 20,
      alertsPerSecond: {},
      logger,
    });
    const engine = buildEngine({
      // Simulated users type far faster than people: the per-user limit would answer most of them.
      userMessagesPerMinute: 1_000_000,
      contentDir: join(ROOT, 'content'),
      localesDir: join(ROOT, 'locales'),
      store,
      reports: reports.desk,
      officers: reports.officerDesk,
      villages,
      translator,
      clock: systemClock,
      logger,
      defaultLocale: 'id',
      content,
    });

    /** Sessions written, and every report routed, alerted and noticed (escalations stay delayed). */
    const drained = async () => {
      await store.flush(60_000);
      for (let i = 0; i < 300; i++) {
        const depths = await queue.depths();
        if (Object.entries(depths).every(([name, n]) => n === 0 || name === 'escalate')) return;
        await sleep(100);
      }
    };
    const offerQuestions = content.catalog.signsFor('offer').length;
    let reportSerial = 0;
    const script = (name: ScriptName): string[] => {
      switch (name) {
        case 'guide':
          return [...GUIDE];
        case 'offerQuestions':
          return ['5', '2', ...Array.from({ length: offerQuestions }, () => 'tidak'), '0'];
        case 'pastedOffer':
          return [OFFERS[reportSerial++ % OFFERS.length]?.text ?? 'kerja di kamboja gaji besar', '0'];
        case 'report': {
          // A new recruiter phone each time: a repeat within a day would be linked, not a new report.
          const n = 10_000_000 + reportSerial++;
          return [...reportLines({ phones: `0813${n}` }), '1', '0'];
        }
      }
    };
    const pick = (): ScriptName => {
      let r = Math.random();
      for (const [name, w] of WEIGHTS) if ((r -= w) < 0) return name;
      return 'guide';
    };

    const latencies = new Float64Array(4_000_000);
    let measured = 0;
    let messages = 0;
    let errors = 0;
    const errorSamples: string[] = [];
    const scripts: Record<ScriptName, number> = { guide: 0, offerQuestions: 0, pastedOffer: 0, report: 0 };
    let reportsReceived = 0;
    const codes: string[] = [];
    const fail = (what: string) => {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(what);
    };

    // Every path once at full speed (guide, offer checks, a report through route, alert and notice),
    // so code, caches and pools are warm before the timed run.
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const userKey = `telegram:${1_299_000_000 + i}`;
        for (const name of ['guide', 'offerQuestions', 'pastedOffer', 'report'] as const) {
          for (const text of script(name)) {
            const result = await engine.handle({
              channel: 'telegram',
              userKey,
              text,
              receivedAt: new Date(),
            });
            const reply = result.messages.map((m) => `${m.title ?? ''}\n${m.body}`).join('\n');
            const bad = BAD.find((b) => reply.includes(b));
            if (bad) fail(`warm-up ${name} ("${text.slice(0, 20)}"): ${bad}`);
          }
        }
      }),
    );
    await drained();

    const started = performance.now();
    const warmEnd = started + opts.warmupSeconds * 1000;
    const end = started + opts.seconds * 1000;
    const think = () => opts.thinkMs[0] + Math.random() * (opts.thinkMs[1] - opts.thinkMs[0]);

    const user = async (i: number) => {
      const userKey = `telegram:${1_300_000_000 + i}`;
      await sleep(Math.random() * opts.thinkMs[1]);
      while (performance.now() < end) {
        const name = pick();
        scripts[name]++;
        const lines = script(name);
        const transcript: string[] = [];
        for (let step = 0; step < lines.length && performance.now() < end; step++) {
          const t0 = performance.now();
          const result = await engine.handle({
            channel: 'telegram',
            userKey,
            text: lines[step] ?? '',
            receivedAt: new Date(),
          });
          const t1 = performance.now();
          messages++;
          if (t0 >= warmEnd && measured < latencies.length) latencies[measured++] = t1 - t0;
          const text = result.messages.map((m) => `${m.title ?? ''}\n${m.body}`).join('\n');
          if (TRANSCRIPTS)
            transcript.push(`> ${lines[step] ?? ''}  [${t0.toFixed(0)} ms]\n${text.slice(0, 160)}`);
          const bad = BAD.find((b) => text.includes(b));
          if (bad) fail(`${name} step ${step} ("${lines[step]?.slice(0, 20) ?? ''}"): ${bad}`);
          if (name === 'report' && step === lines.length - 2) {
            const code = /R-[A-Z0-9]{6}/.exec(text)?.[0];
            if (text.includes('Laporan diterima') && code) {
              reportsReceived++;
              codes.push(code);
            } else {
              fail(`report not received: ${text.slice(0, 80)}`);
              if (TRANSCRIPTS) console.log(`--- ${userKey}\n${transcript.join('\n')}`);
            }
          }
          await sleep(Math.max(0, Math.min(think(), end - performance.now())));
        }
        // A user who left mid-script starts from the menu next time, as the bot would show it.
        if (performance.now() < end)
          await engine.handle({ channel: 'telegram', userKey, text: '0', receivedAt: new Date() });
      }
    };

    let rssWarm = 0;
    let heapWarm = 0;
    const warmReading = (async () => {
      await sleep(opts.warmupSeconds * 1000);
      gc();
      rssWarm = process.memoryUsage().rss;
      heapWarm = process.memoryUsage().heapUsed;
    })();
    await Promise.all([...Array.from({ length: opts.users }, (_, i) => user(i)), warmReading]);
    const elapsedS = (performance.now() - started) / 1000;

    // Every session written, every report routed and alerted before the process is read and closed.
    await drained();
    gc();
    const rssEnd = process.memoryUsage().rss;
    const heapEnd = process.memoryUsage().heapUsed;

    let reportsStored = 0;
    let routeJobsMissing = 0;
    for (const code of codes) {
      if ((await redis.exists(keys.reports.report(code))) === 1) reportsStored++;
      if ((await redis.exists(`${keys.bull}:route:route-${code}`)) !== 1) routeJobsMissing++;
    }
    errors += logger.errors.length;
    for (const e of logger.errors.slice(0, 3))
      errorSamples.push(`logged: ${JSON.stringify(e).slice(0, 120)}`);

    await workers.close();
    await queue.close();
    store.close();
    const sorted = latencies.slice(0, measured).sort();
    return {
      users: opts.users,
      seconds: elapsedS,
      thinkMs: opts.thinkMs,
      messages,
      measured,
      perSecond: messages / elapsedS,
      errors,
      errorSamples,
      scripts,
      reportsReceived,
      reportsStored,
      routeJobsMissing,
      alertsDelivered,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? 0,
      rssWarmMb: rssWarm / MB,
      rssEndMb: rssEnd / MB,
      rssGrowthPct: ((rssEnd - rssWarm) / rssWarm) * 100,
      heapWarmMb: heapWarm / MB,
      heapEndMb: heapEnd / MB,
    };
  } finally {
    workerRedis.disconnect();
    await redis.quit().catch(() => undefined);
    await server.stop();
  }
}

/** LOAD_USERS, LOAD_SECONDS (default 60) and LOAD_WARMUP_SECONDS from the environment. */
export function loadOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const num = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const seconds = num('LOAD_SECONDS', 60);
  return {
    users: num('LOAD_USERS', 1000),
    seconds,
    thinkMs: [1000, 3000],
    warmupSeconds: num('LOAD_WARMUP_SECONDS', Math.min(10, seconds / 4)),
  };
}

export function describeLoad(r: LoadResult): string[] {
  const f = (n: number, d = 1) => n.toFixed(d);
  return [
    `${r.users} users for ${f(r.seconds)} s, think time ${r.thinkMs[0] / 1000}-${r.thinkMs[1] / 1000} s: ` +
      `${r.messages} messages (${f(r.perSecond)} msg/s), ${r.errors} errors`,
    `visits: ${Object.entries(r.scripts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; reports received ${r.reportsReceived}, stored ${r.reportsStored}, ` +
      `route jobs missing ${r.routeJobsMissing}, alerts and notices delivered ${r.alertsDelivered}`,
    `reply time after warm-up (${r.measured} replies): p50 ${f(r.p50Ms, 2)} ms, p99 ${f(r.p99Ms, 2)} ms, max ${f(r.maxMs, 1)} ms`,
    `resident memory after warm-up ${f(r.rssWarmMb)} MB, at the end ${f(r.rssEndMb)} MB (${f(r.rssGrowthPct)} %); ` +
      `heap ${f(r.heapWarmMb)} → ${f(r.heapEndMb)} MB`,
    ...r.errorSamples.map((e) => `  error: ${e}`),
  ];
}

// `npx tsx bench/load.ts` runs this bench alone (LOAD_SECONDS=10 for a short run).
if (process.argv[1]?.endsWith('load.ts')) {
  const r = await measureLoad(loadOptionsFromEnv());
  for (const line of describeLoad(r)) console.log(line);
  console.log(`LOAD_JSON ${JSON.stringify(r)}`);
  process.exitCode = r.errors === 0 && r.p99Ms < TARGET.p99Ms && r.rssGrowthPct < TARGET.rssGrowthPct ? 0 : 1;
}
