import { availableParallelism, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { loadCatalog } from '../src/bootstrap.js';
import type { ContentParts } from '../src/bootstrap.js';
import { systemClock } from '../src/core/ports.js';
import { createKeys } from '../src/storage/keys.js';
import { MemorySessionStore } from '../src/storage/memory-session-store.js';
import { connectRedis, createRedis } from '../src/storage/redis-client.js';
import { RedisSessionStore } from '../src/storage/redis-session-store.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import {
  MESSAGE_CYCLE,
  checkCycle,
  createBenchEngine,
  measureEngineThroughput,
  switchUsers,
} from './engine-throughput.js';
import { createEchoBot, measureEchoThroughput } from './grammy-baseline.js';
import { measureIdleMemory } from './redis-memory.js';
import { measureJobs } from './jobs.js';
import { TARGET as LOAD_TARGET, loadOptionsFromEnv, measureLoad } from './load.js';
import { REPORT_BENCH, measureReportPipeline } from './reports.js';
import { DESK_BENCH, deskJson, deskRows, measureDesk } from './desk.js';
import { ROLES_BENCH, measureRoles, rolesRows } from './roles.js';
import { BROADCAST_BENCH, broadcastRows, measureBroadcasts } from './broadcasts.js';
import { measureVillages } from './villages.js';
import { fmt, fmtRuns, formatTable, type Row } from './report.js';
import { FLOOR_NOTE, reportRows } from './report-rows.js';
import { inProcessStartupMs, measureSpawnStartup } from './startup.js';
import { checkTelegramCycle, createTelegramBench, measureTelegramThroughput } from './telegram.js';
import {
  ROOT,
  cpuRatio,
  interleave,
  median,
  round,
  roundRatio,
  silentLogger,
  type RateResult,
} from './util.js';
import {
  FREE_TEXT_CYCLE,
  measureUnderstandingLatency,
  type Percentiles,
  type UnderstandingLatency,
} from './understanding.js';

const USERS = 200;
const IN_FLIGHT = 100;
const IDLE_TTL_MS = 30 * 86_400_000;
const CACHE_SIZE = 10_000;
const IDLE_USERS = 10_000;
const STARTUP_RUNS = 5;
/**
 * Passes of the whole cycle per user in one measured run: faster cases do more, so that every
 * measured run lasts about a second or more.
 */
const PASSES = {
  memory: 20,
  redisSeq: 10,
  redisInFlight: 10,
  throughSeq: 1,
  grammySeq: 2,
  grammyInFlight: 8,
  counterSeq: 1,
  telegramSeq: 4,
  telegramInFlight: 4,
} as const;

const TARGET = {
  ratio: 1,
  idleBytes: 250,
  startupMs: 1500,
  lookupP99Ms: 2,
  importMs: 5000,
  understandP99Ms: 0.5,
  freeTextRatio: 5,
  /** Issue 16: a regional locale is no slower per message than Indonesian (runs differ by a few %). */
  regionalRatio: 0.95,
} as const;

const log = (line: string) => console.log(line);

/**
 * Runs `fn` against the bench's own redis-server (never the shared one on 6379): `client()` opens a
 * default ioredis connection (used for the grammY baselines), `production()` one with the bot's own
 * settings (`createRedis`: fail fast, auto-pipelining). Afterwards every client is closed and the
 * server stopped, its data folder removed.
 */
async function withBenchRedis<T>(
  aof: boolean,
  fn: (client: () => Redis, production: () => Promise<Redis>) => Promise<T>,
): Promise<T> {
  const server = await startRedisServer({ aof });
  const clients: Redis[] = [];
  try {
    if (server.port === 6379) throw new Error('refusing to use port 6379 (the shared Redis)');
    const production = async () => {
      const redis = createRedis(server.url);
      await connectRedis(redis, server.url);
      clients.push(redis);
      return redis;
    };
    return await fn(() => {
      const redis = new Redis(server.url);
      clients.push(redis);
      return redis;
    }, production);
  } finally {
    await Promise.all(clients.map((c) => c.quit()));
    await server.stop();
  }
}

interface ProfileResult {
  readonly throughSeq: RateResult;
  readonly redisSeq: RateResult;
  readonly redisPar: RateResult;
  readonly grammySeq: RateResult;
  readonly grammyPar: RateResult;
  readonly counterSeq: RateResult;
  readonly telegramSeq: RateResult;
  readonly telegramPar: RateResult;
}

/** Redis set-ups compared: production durability (DESIGN §5), and no persistence (the machine's shared Redis). */
const PROFILES = [
  { name: 'AOF always', aof: true },
  { name: 'no persistence', aof: false },
] as const;

/** Engine on the Redis store against grammY bots on the same Redis, sequential and in flight. */
async function measureProfile(aof: boolean, content: ContentParts): Promise<ProfileResult> {
  return withBenchRedis(aof, async (client, production) => {
    const store = new RedisSessionStore({
      redis: await production(),
      keys: createKeys('bench:'),
      idleTtlMs: IDLE_TTL_MS,
      clock: systemClock,
      cacheSize: CACHE_SIZE,
      writeMode: 'behind',
      logger: silentLogger(),
    });
    const redisEngine = createBenchEngine(store, content);
    await checkCycle(redisEngine.engine, 'telegram:9999999998');
    // Timed runs end only when every session is in Redis, not just when the replies are out.
    const users = { users: USERS, concurrency: 1, settle: () => store.flush(60_000) };
    log('  engine, Redis store (write-behind), sequential...');
    const redisSeq = await measureEngineThroughput(redisEngine, { ...users, passes: PASSES.redisSeq });
    log(`  engine, Redis store (write-behind), ${IN_FLIGHT} in flight...`);
    const redisPar = await measureEngineThroughput(redisEngine, {
      ...users,
      concurrency: IN_FLIGHT,
      passes: PASSES.redisInFlight,
    });
    store.close();
    const through = new RedisSessionStore({
      redis: await production(),
      keys: createKeys('bench-through:'),
      idleTtlMs: IDLE_TTL_MS,
      clock: systemClock,
      cacheSize: CACHE_SIZE,
      writeMode: 'through',
      logger: silentLogger(),
    });
    log('  engine, Redis store (write-through), sequential...');
    const throughSeq = await measureEngineThroughput(createBenchEngine(through, content), {
      users: USERS,
      concurrency: 1,
      passes: PASSES.throughSeq,
    });
    const steps = (passes: number) => MESSAGE_CYCLE.length * passes;
    const echo = createEchoBot(client());
    log('  grammY echo bot, sequential...');
    const grammySeq = await measureEchoThroughput(echo, { ...users, steps: steps(PASSES.grammySeq) });
    log(`  grammY echo bot, ${IN_FLIGHT} in flight...`);
    const grammyPar = await measureEchoThroughput(echo, {
      ...users,
      concurrency: IN_FLIGHT,
      steps: steps(PASSES.grammyInFlight),
    });
    log('  grammY counter bot (writes its session), sequential...');
    const counter = createEchoBot(client(), { writeSession: true });
    const counterSeq = await measureEchoThroughput(counter, { ...users, steps: steps(PASSES.counterSeq) });

    // Our Telegram adapter on the same Redis: a grammY bot with the echo bot's token and bot info,
    // replies answered at the transport, the engine on its own write-behind store.
    const telegramStore = new RedisSessionStore({
      redis: await production(),
      keys: createKeys('bench-telegram:'),
      idleTtlMs: IDLE_TTL_MS,
      clock: systemClock,
      cacheSize: CACHE_SIZE,
      writeMode: 'behind',
      logger: silentLogger(),
    });
    const telegram = createTelegramBench(
      createBenchEngine(telegramStore, content),
      echo.bot.botInfo,
      echo.bot.token,
    );
    await checkTelegramCycle(telegram, 9_999_999_997);
    const telegramUsers = { users: USERS, concurrency: 1, settle: () => telegramStore.flush(60_000) };
    log('  Telegram adapter (handleUpdate → engine → reply), sequential...');
    const telegramSeq = await measureTelegramThroughput(telegram, {
      ...telegramUsers,
      passes: PASSES.telegramSeq,
    });
    log(`  Telegram adapter (handleUpdate → engine → reply), ${IN_FLIGHT} in flight...`);
    const telegramPar = await measureTelegramThroughput(telegram, {
      ...telegramUsers,
      concurrency: IN_FLIGHT,
      passes: PASSES.telegramInFlight,
    });
    telegramStore.close();
    return { throughSeq, redisSeq, redisPar, grammySeq, grammyPar, counterSeq, telegramSeq, telegramPar };
  });
}

/** The understanding pipeline's rows: what it adds per free-text message against issue 14's target. */
function understandingRows(u: UnderstandingLatency): Row[] {
  const pair = (p: Percentiles) => `${fmt(p.p50, 'ms', 3)} / ${fmt(p.p99, 'ms', 3)}`;
  return [
    {
      measure: `Understanding pipeline, added per free-text message p50 / p99 (${u.messages.toLocaleString('en-US')} timings)`,
      result: pair(u.added),
      target: `p99 <= ${TARGET.understandP99Ms} ms`,
      ok: u.added.p99 <= TARGET.understandP99Ms,
    },
    {
      measure: "  the same from each message's median over the passes (waits for a core mostly left out)",
      result: pair(u.addedPerMessage),
      target: `p99 <= ${TARGET.understandP99Ms} ms`,
      ok: u.addedPerMessage.p99 <= TARGET.understandP99Ms,
    },
    {
      measure: 'Understanding pipeline with the offer scan of long texts, p50 / p99',
      result: pair(u.withScan),
    },
  ];
}

/** The load average, for the numbers it goes with (other processes share this machine's cores). */
const loadLine = (): string =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} on ${availableParallelism()} cores`;

/**
 * `BENCH_ONLY=free-text npm run bench`: issue 14's numbers only — the engine on the memory store (the
 * menu cycle and the free-text cycle) against the grammY echo bot on Redis with AOF, sequentially, run
 * back to back in each round (BENCH_ROUNDS, default 5; a ratio is the median of the rounds' ratios),
 * and the understanding pipeline per message — a minute or two instead of the whole bench.
 */
async function freeTextOnly(content: ContentParts): Promise<void> {
  log(loadLine());
  const memory = createBenchEngine(new MemorySessionStore(IDLE_TTL_MS, systemClock), content);
  await checkCycle(memory.engine, 'telegram:9999999999');
  const opts = { users: USERS, concurrency: 1, passes: PASSES.memory };
  log(`${ROUNDS} rounds of the engine (menu cycle, free text) and the grammY echo bot, sequential...`);
  const [menuSeq, freeTextSeq, echoSeq] = await withBenchRedis(true, (client) => {
    const echo = createEchoBot(client());
    return interleave(ROUNDS, [
      (o) => measureEngineThroughput(memory, { ...opts, ...o }),
      (o) => measureEngineThroughput(memory, { ...opts, ...o, cycle: FREE_TEXT_CYCLE }),
      (o) =>
        measureEchoThroughput(echo, {
          ...o,
          users: USERS,
          concurrency: 1,
          steps: MESSAGE_CYCLE.length * PASSES.grammySeq,
        }),
    ]);
  });
  log('understanding pipeline per message (development corpus)...');
  const understanding = measureUnderstandingLatency(content);
  log(
    formatTable([
      rateRow('Engine, memory store, menu cycle, sequential', menuSeq!, 'msg/s'),
      rateRow('Engine, memory store, free text, sequential', freeTextSeq!, 'msg/s'),
      rateRow('grammY echo (reads session) [AOF always], sequential', echoSeq!, 'upd/s'),
      ratioRow(
        'ratio engine free text (memory) / grammY echo, sequential',
        roundRatio(freeTextSeq!, echoSeq!),
        TARGET.freeTextRatio,
      ),
      ratioRow("  the same from CPU µs per message (echo's / engine's)", cpuRatio(freeTextSeq!, echoSeq!)),
      ratioRow(
        'ratio engine menu cycle (memory) / grammY echo, sequential',
        roundRatio(menuSeq!, echoSeq!),
        TARGET.freeTextRatio,
      ),
      ratioRow("  the same from CPU µs per message (echo's / engine's)", cpuRatio(menuSeq!, echoSeq!)),
      ...understandingRows(understanding),
    ]),
  );
  log(loadLine());
}

/** Rounds of the interleaved comparisons of the BENCH_ONLY modes (BENCH_ROUNDS). */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

/** A write-behind Redis session store under `prefix`, as the bot runs it. */
const benchStore = (redis: Redis, prefix: string): RedisSessionStore =>
  new RedisSessionStore({
    redis,
    keys: createKeys(prefix),
    idleTtlMs: IDLE_TTL_MS,
    clock: systemClock,
    cacheSize: CACHE_SIZE,
    writeMode: 'behind',
    logger: silentLogger(),
  });

/** A rate row with its runs (one per round when interleaved) and this process's CPU µs per operation. */
const rateRow = (measure: string, r: RateResult, unit: string): Row => ({
  measure,
  result: `${fmt(r.median, unit)}${r.cpuUs === undefined ? '' : `, ${fmt(r.cpuUs, 'µs CPU', 1)}`}`,
  runs: fmtRuns(r.runs),
});

/** A ratio row: the median of the rounds' ratios, each round's, and whether it meets `target`. */
const ratioRow = (measure: string, r: RateResult, target?: number): Row => ({
  measure,
  result: fmt(r.median, 'x', 2),
  runs: fmtRuns(r.runs, 2),
  ...(target === undefined ? {} : { target: `>= ${target}`, ok: r.median >= target }),
});

/**
 * `BENCH_ONLY=telegram npm run bench`: issue 22's number — our Telegram adapter (handleUpdate → channel
 * → engine on the Redis write-behind store → reply at the transport) against the bare grammY echo bot
 * with its Redis session, on one private Redis with AOF always, sequentially and with 100 updates in
 * flight. The echo bot, the engine alone and the adapter run back to back in each round
 * (BENCH_ROUNDS, default 5); a ratio is the median of the rounds' ratios.
 */
async function telegramOnly(content: ContentParts): Promise<void> {
  log(loadLine());
  const rows = await withBenchRedis(true, async (client, production) => {
    const echo = createEchoBot(client());
    const engineStore = benchStore(await production(), 'bench:');
    const engine = createBenchEngine(engineStore, content);
    await checkCycle(engine.engine, 'telegram:9999999998');
    const telegramStore = benchStore(await production(), 'bench-telegram:');
    const telegram = createTelegramBench(
      createBenchEngine(telegramStore, content),
      echo.bot.botInfo,
      echo.bot.token,
    );
    await checkTelegramCycle(telegram, 9_999_999_997);
    const steps = (passes: number) => MESSAGE_CYCLE.length * passes;
    const out: Row[] = [];
    for (const concurrency of [1, IN_FLIGHT]) {
      const seq = concurrency === 1;
      const how = seq ? 'sequential' : `${IN_FLIGHT} in flight`;
      const load = { users: USERS, concurrency };
      log(`${ROUNDS} rounds of grammY echo, engine and Telegram adapter, ${how}...`);
      const [echoRate, engineRate, telegramRate] = await interleave(ROUNDS, [
        (o) =>
          measureEchoThroughput(echo, {
            ...o,
            ...load,
            steps: steps(seq ? PASSES.grammySeq : PASSES.grammyInFlight),
          }),
        (o) =>
          measureEngineThroughput(engine, {
            ...o,
            ...load,
            passes: seq ? PASSES.redisSeq : PASSES.redisInFlight,
            settle: () => engineStore.flush(60_000),
          }),
        (o) =>
          measureTelegramThroughput(telegram, {
            ...o,
            ...load,
            passes: seq ? PASSES.telegramSeq : PASSES.telegramInFlight,
            settle: () => telegramStore.flush(60_000),
          }),
      ]);
      out.push(
        rateRow(`grammY echo (reads session), ${how}`, echoRate!, 'upd/s'),
        rateRow(`Engine, Redis write-behind, ${how}`, engineRate!, 'msg/s'),
        rateRow(`Telegram adapter (handleUpdate → engine → reply), ${how}`, telegramRate!, 'upd/s'),
        ratioRow(`ratio Telegram adapter / grammY echo, ${how}`, roundRatio(telegramRate!, echoRate!), 1),
        ratioRow(
          `  the same from CPU µs per update (echo's / adapter's)`,
          cpuRatio(telegramRate!, echoRate!),
        ),
        ratioRow(`ratio Telegram adapter / engine alone, ${how}`, roundRatio(telegramRate!, engineRate!)),
      );
    }
    engineStore.close();
    telegramStore.close();
    return out;
  });
  log(formatTable(rows));
  log(loadLine());
}

/** `BENCH_ONLY=reports npm run bench`: only the report pipeline against its bare-BullMQ floor. */
async function reportsOnly(): Promise<void> {
  log(
    `report pipeline vs bare BullMQ (${REPORT_BENCH.reports} reports, ${REPORT_BENCH.inFlight} in flight, AOF always)...`,
  );
  const r = await measureReportPipeline();
  log(formatTable(reportRows(r)));
  log(FLOOR_NOTE);
  log(`BENCH_JSON ${JSON.stringify(r)}`);
}

/** `BENCH_ONLY=desk npm run bench`: only the district desk's pages with 10,000 reports (issue 19). */
async function deskOnly(): Promise<void> {
  const desk = await measureDesk(log);
  log(formatTable(deskRows(desk)));
  log(`BENCH_JSON ${JSON.stringify({ desk: deskJson(desk) })}`);
}

/**
 * `BENCH_ONLY=roles npm run bench`: two ROLE=bot processes and a ROLE=worker against one ROLE=all, real
 * processes on a private Redis (issue 22; the numbers behind the README's capacity model).
 */
async function rolesOnly(): Promise<void> {
  log(
    `roles: ${ROLES_BENCH.users} users, ${ROLES_BENCH.reports} reports, ${ROLES_BENCH.runs} runs of each setup (AOF always)...`,
  );
  const r = await measureRoles(log);
  log(formatTable(rolesRows(r)));
  log(`BENCH_JSON ${JSON.stringify({ roles: r })}`);
}

/** `BENCH_ONLY=broadcasts npm run bench`: only the broadcast fan-out against the channels' limits (issue 20). */
async function broadcastsOnly(): Promise<void> {
  log(
    `broadcasts: fan-out to ${BROADCAST_BENCH.subscribers.toLocaleString('en-US')} subscribers (AOF always)...`,
  );
  const r = await measureBroadcasts(log);
  log(formatTable(broadcastRows(r)));
  log(`BENCH_JSON ${JSON.stringify({ broadcasts: r })}`);
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  // First, while the process is cold: the start-up work as main.ts does it.
  const inProcessMs = inProcessStartupMs();
  const inProcessWarm = median([inProcessStartupMs(), inProcessStartupMs(), inProcessStartupMs()]);
  const content = loadCatalog('content', systemClock.now());
  if (process.env['BENCH_ONLY'] === 'free-text') return freeTextOnly(content);
  if (process.env['BENCH_ONLY'] === 'telegram') return telegramOnly(content);
  if (process.env['BENCH_ONLY'] === 'reports') return reportsOnly();
  if (process.env['BENCH_ONLY'] === 'desk') return deskOnly();
  if (process.env['BENCH_ONLY'] === 'roles') return rolesOnly();
  if (process.env['BENCH_ONLY'] === 'broadcasts') return broadcastsOnly();
  if (process.env['BENCH_ONLY'])
    throw new Error('BENCH_ONLY takes free-text, telegram, reports, desk, roles or broadcasts');

  log(`Message cycle (${MESSAGE_CYCLE.length} messages), replies for one user:`);
  const memory = createBenchEngine(new MemorySessionStore(IDLE_TTL_MS, systemClock), content);
  for (const line of await checkCycle(memory.engine, 'telegram:9999999999')) log(`  ${line}`);
  log('');

  log('engine, memory store, sequential...');
  const memorySeq = await measureEngineThroughput(memory, {
    users: USERS,
    concurrency: 1,
    passes: PASSES.memory,
  });

  log('engine, memory store, Javanese sessions, sequential...');
  const javanese = createBenchEngine(new MemorySessionStore(IDLE_TTL_MS, systemClock), content);
  await switchUsers(javanese, USERS, 'basa jawa');
  const javaneseSeq = await measureEngineThroughput(javanese, {
    users: USERS,
    concurrency: 1,
    passes: PASSES.memory,
  });

  log('engine, memory store, free text, sequential...');
  const freeTextSeq = await measureEngineThroughput(memory, {
    users: USERS,
    concurrency: 1,
    passes: PASSES.memory,
    cycle: FREE_TEXT_CYCLE,
  });
  log('understanding pipeline per message (development corpus)...');
  const understanding = measureUnderstandingLatency(content);

  const profiles: (ProfileResult & { name: string })[] = [];
  for (const profile of PROFILES) {
    log(`Redis with ${profile.name}:`);
    profiles.push({ name: profile.name, ...(await measureProfile(profile.aof, content)) });
  }
  log(`Redis memory of ${IDLE_USERS.toLocaleString('en-US')} idle users...`);
  const idle = await withBenchRedis(true, (client) => measureIdleMemory(client(), IDLE_USERS, IDLE_TTL_MS));

  log('jobs: search and agency check over 10,000 listings and 1,000 agencies, import of 10,000 rows...');
  const jobs = await measureJobs();
  log('village look-up over all villages...');
  const villages = await measureVillages();
  log(
    `report pipeline vs bare BullMQ (${REPORT_BENCH.reports} reports, ${REPORT_BENCH.inFlight} in flight, AOF always)...`,
  );
  const reportPipeline = await measureReportPipeline();

  const loadOptions = loadOptionsFromEnv();
  log(`desk: its pages with ${DESK_BENCH.reports.toLocaleString('en-US')} reports in Redis...`);
  const desk = await measureDesk(log);
  log('roles: two ROLE=bot processes and a ROLE=worker against one ROLE=all...');
  const roles = await measureRoles(log);
  log(`broadcasts: fan-out to ${BROADCAST_BENCH.subscribers.toLocaleString('en-US')} subscribers...`);
  const broadcasts = await measureBroadcasts(log);
  log(`load: ${loadOptions.users} users with think time for ${loadOptions.seconds} s (LOAD_SECONDS)...`);
  const load = await measureLoad(loadOptions);

  log(`start-up, spawn to menu x${STARTUP_RUNS}...`);
  const spawn = await measureSpawnStartup(STARTUP_RUNS);

  const rate = rateRow;
  const ratio = (a: RateResult, b: RateResult) => a.median / b.median;
  const echoSeq = profiles[0]?.grammySeq;
  const rows: Row[] = [
    rate('Engine, memory store, sequential', memorySeq, 'msg/s'),
    rate('Engine, memory store, Javanese sessions, sequential', javaneseSeq, 'msg/s'),
    {
      measure: 'ratio Javanese / Indonesian sessions, sequential (no slower per message)',
      result: fmt(ratio(javaneseSeq, memorySeq), 'x', 2),
      target: `>= ${TARGET.regionalRatio}`,
      ok: ratio(javaneseSeq, memorySeq) >= TARGET.regionalRatio,
    },
    rate(
      'Engine, memory store, free text (sentences, questions, a cry for help), sequential',
      freeTextSeq,
      'msg/s',
    ),
    ...(echoSeq
      ? [
          {
            measure: `ratio engine free text (memory) / grammY echo [${profiles[0]?.name ?? ''}], sequential`,
            result: fmt(ratio(freeTextSeq, echoSeq), 'x', 2),
            target: `>= ${TARGET.freeTextRatio}`,
            ok: ratio(freeTextSeq, echoSeq) >= TARGET.freeTextRatio,
          },
        ]
      : []),
    ...understandingRows(understanding),
    ...profiles.flatMap((p): Row[] => [
      rate(`[${p.name}] engine, Redis write-behind, sequential`, p.redisSeq, 'msg/s'),
      rate(`[${p.name}] engine, Redis write-behind, ${IN_FLIGHT} in flight`, p.redisPar, 'msg/s'),
      rate(`[${p.name}] engine, Redis write-through, sequential`, p.throughSeq, 'msg/s'),
      rate(`[${p.name}] grammY echo (reads session), sequential`, p.grammySeq, 'upd/s'),
      rate(`[${p.name}] grammY echo (reads session), ${IN_FLIGHT} in flight`, p.grammyPar, 'upd/s'),
      rate(`[${p.name}] grammY counter (writes session), sequential`, p.counterSeq, 'upd/s'),
      {
        measure: `[${p.name}] ratio engine/grammY echo, sequential`,
        result: fmt(ratio(p.redisSeq, p.grammySeq), 'x', 2),
        target: `>= ${TARGET.ratio}`,
        ok: ratio(p.redisSeq, p.grammySeq) >= TARGET.ratio,
      },
      {
        measure: `[${p.name}] ratio engine/grammY echo, ${IN_FLIGHT} in flight`,
        result: fmt(ratio(p.redisPar, p.grammyPar), 'x', 2),
        target: `>= ${TARGET.ratio}`,
        ok: ratio(p.redisPar, p.grammyPar) >= TARGET.ratio,
      },
      {
        measure: `[${p.name}] ratio engine/grammY counter, sequential`,
        result: fmt(ratio(p.redisSeq, p.counterSeq), 'x', 2),
      },
      rate(`[${p.name}] Telegram adapter, sequential`, p.telegramSeq, 'upd/s'),
      rate(`[${p.name}] Telegram adapter, ${IN_FLIGHT} in flight`, p.telegramPar, 'upd/s'),
      {
        measure: `[${p.name}] ratio Telegram adapter/grammY echo, sequential`,
        result: fmt(ratio(p.telegramSeq, p.grammySeq), 'x', 2),
        target: `>= ${TARGET.ratio}`,
        ok: ratio(p.telegramSeq, p.grammySeq) >= TARGET.ratio,
      },
      {
        measure: `[${p.name}] ratio Telegram adapter/grammY echo, ${IN_FLIGHT} in flight`,
        result: fmt(ratio(p.telegramPar, p.grammyPar), 'x', 2),
        target: `>= ${TARGET.ratio}`,
        ok: ratio(p.telegramPar, p.grammyPar) >= TARGET.ratio,
      },
    ]),
    {
      measure: `Job search p50 / p99 (${jobs.listings.toLocaleString('en-US')} listings)`,
      result: `${fmt(jobs.search.p50, 'ms', 3)} / ${fmt(jobs.search.p99, 'ms', 3)}`,
      target: `p99 < ${TARGET.lookupP99Ms} ms`,
      ok: jobs.search.p99 < TARGET.lookupP99Ms,
    },
    {
      measure: `Agency check p50 / p99 (${jobs.agencies.toLocaleString('en-US')} agencies)`,
      result: `${fmt(jobs.agencyCheck.p50, 'ms', 3)} / ${fmt(jobs.agencyCheck.p99, 'ms', 3)}`,
      target: `p99 < ${TARGET.lookupP99Ms} ms`,
      ok: jobs.agencyCheck.p99 < TARGET.lookupP99Ms,
    },
    {
      measure: `Import of ${jobs.listings.toLocaleString('en-US')} listing rows`,
      result: fmt(jobs.importMs, 'ms'),
      target: `< ${TARGET.importMs} ms`,
      ok: jobs.importMs < TARGET.importMs,
    },
    {
      measure: `Village look-up p50 / p99 (${villages.villages.toLocaleString('en-US')} villages)`,
      result: `${fmt(villages.lookup.p50, 'ms', 3)} / ${fmt(villages.lookup.p99, 'ms', 3)}`,
      target: `p99 < ${TARGET.lookupP99Ms} ms`,
      ok: villages.lookup.p99 < TARGET.lookupP99Ms,
    },
    { measure: 'Village directory load', result: fmt(villages.loadMs, 'ms') },
    ...reportRows(reportPipeline),
    ...deskRows(desk),
    ...rolesRows(roles),
    ...broadcastRows(broadcasts),
    {
      measure: `Load: ${load.users} users, ${fmt(load.perSecond, 'msg/s')}, errors`,
      result: String(load.errors),
      target: '0',
      ok: load.errors === 0,
    },
    {
      measure: 'Load: reply time p50 / p99',
      result: `${fmt(load.p50Ms, 'ms', 2)} / ${fmt(load.p99Ms, 'ms', 2)}`,
      target: `p99 < ${LOAD_TARGET.p99Ms} ms`,
      ok: load.p99Ms < LOAD_TARGET.p99Ms,
    },
    {
      measure: 'Load: resident memory after warm-up → end',
      result: `${fmt(load.rssWarmMb, 'MB')} → ${fmt(load.rssEndMb, 'MB')} (${fmt(load.rssGrowthPct, '%', 1)})`,
      target: `< ${LOAD_TARGET.rssGrowthPct} %`,
      ok: load.rssGrowthPct < LOAD_TARGET.rssGrowthPct,
    },
    {
      measure: 'Redis per idle user (used_memory delta)',
      result: fmt(idle.session.bytesPerKey, 'B', 1),
      target: `<= ${TARGET.idleBytes}`,
      ok: idle.session.bytesPerKey <= TARGET.idleBytes,
    },
    { measure: 'MEMORY USAGE of one session key', result: fmt(idle.session.memoryUsage, 'B') },
    {
      measure: 'Plain 300-byte JSON + TTL (used_memory delta)',
      result: fmt(idle.plainJson300.bytesPerKey, 'B', 1),
    },
    { measure: 'MEMORY USAGE of one 300-byte JSON key', result: fmt(idle.plainJson300.memoryUsage, 'B') },
    {
      measure: `Start-up, spawn to "Menu utama" (median of ${STARTUP_RUNS})`,
      result: fmt(spawn.medianMs, 'ms'),
      runs: fmtRuns(spawn.runsMs),
      target: `< ${TARGET.startupMs}`,
      ok: spawn.medianMs < TARGET.startupMs,
    },
    { measure: 'In process: loadCatalog + buildEngine, first call', result: fmt(inProcessMs, 'ms', 1) },
    {
      measure: 'In process: loadCatalog + buildEngine, warm (median of 3)',
      result: fmt(inProcessWarm, 'ms', 1),
    },
  ];

  log('');
  log(
    `${USERS} users; cycle of ${MESSAGE_CYCLE.length} messages; rates are the median of 3 runs after 1 warm-up`,
  );
  log(formatTable(rows));
  log(FLOOR_NOTE);
  const json = {
    users: USERS,
    inFlight: IN_FLIGHT,
    cycleLength: MESSAGE_CYCLE.length,
    engineMemorySeqMsgPerSec: round(memorySeq.median),
    redis: Object.fromEntries(
      profiles.map((p) => [
        p.name,
        {
          engineSeq: round(p.redisSeq.median),
          engineThroughSeq: round(p.throughSeq.median),
          engineInFlight: round(p.redisPar.median),
          grammyEchoSeq: round(p.grammySeq.median),
          grammyEchoInFlight: round(p.grammyPar.median),
          grammyCounterSeq: round(p.counterSeq.median),
          ratioSeq: round(ratio(p.redisSeq, p.grammySeq), 3),
          ratioInFlight: round(ratio(p.redisPar, p.grammyPar), 3),
          ratioCounterSeq: round(ratio(p.redisSeq, p.counterSeq), 3),
          telegramSeq: round(p.telegramSeq.median),
          telegramInFlight: round(p.telegramPar.median),
          ratioTelegramSeq: round(ratio(p.telegramSeq, p.grammySeq), 3),
          ratioTelegramInFlight: round(ratio(p.telegramPar, p.grammyPar), 3),
        },
      ]),
    ),
    idleUserBytes: round(idle.session.bytesPerKey, 1),
    idleUserMemoryUsage: idle.session.memoryUsage,
    plainJson300Bytes: round(idle.plainJson300.bytesPerKey, 1),
    plainJson300MemoryUsage: idle.plainJson300.memoryUsage,
    startupSpawnMedianMs: round(spawn.medianMs),
    startupSpawnRunsMs: spawn.runsMs.map((ms) => round(ms)),
    startupInProcessMs: round(inProcessMs, 1),
    startupInProcessWarmMs: round(inProcessWarm, 1),
    jobSearchMs: { p50: round(jobs.search.p50, 3), p99: round(jobs.search.p99, 3) },
    agencyCheckMs: { p50: round(jobs.agencyCheck.p50, 3), p99: round(jobs.agencyCheck.p99, 3) },
    importMs: round(jobs.importMs),
    villageLookupMs: { p50: round(villages.lookup.p50, 3), p99: round(villages.lookup.p99, 3) },
    villageLoadMs: round(villages.loadMs),
    reportPipeline: {
      oursPerSecond: round(reportPipeline.ours.perSecond),
      floorPerSecond: round(reportPipeline.floor.perSecond),
      ratio: round(reportPipeline.ratio, 3),
      ratioRuns: reportPipeline.runs.ratio.map((r) => round(r, 3)),
      commandsPerReport: reportPipeline.commands,
      oursCpuMsPerReport: {
        node: round(reportPipeline.ours.cpu.node, 3),
        redis: round(reportPipeline.ours.cpu.redis, 3),
      },
      floorCpuMsPerReport: {
        node: round(reportPipeline.floor.cpu.node, 3),
        redis: round(reportPipeline.floor.cpu.redis, 3),
      },
      oursLatencyMs: {
        p50: round(reportPipeline.ours.latency.p50, 2),
        p99: round(reportPipeline.ours.latency.p99, 2),
      },
      floorLatencyMs: {
        p50: round(reportPipeline.floor.latency.p50, 2),
        p99: round(reportPipeline.floor.latency.p99, 2),
      },
    },
    desk: deskJson(desk),
    broadcasts,
    load,
    passesPerRun: PASSES,
  };
  log(`BENCH_JSON ${JSON.stringify(json)}`);
}

await main();
