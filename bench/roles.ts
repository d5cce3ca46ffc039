import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { RedisOfficerDirectory } from '../src/officers/redis-officer-directory.js';
import { createKeys } from '../src/storage/keys.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../test/helpers/fake-bot-api.js';
import { startMainProcess, untilReady, type MainProcess } from '../test/helpers/main-process.js';
import { freePort, startRedisServer, type RedisServer } from '../test/helpers/redis-server.js';
import { TERNYANG, officer, reportLines } from '../test/helpers/report-script.js';
import { MESSAGE_CYCLE } from './engine-throughput.js';
import type { Row } from './report.js';
import { ROOT, median } from './util.js';

/*
 * Roles (DESIGN §10): the real service (src/main.ts, Telegram in webhook mode against a fake Bot API) as
 * one ROLE=all process, against two ROLE=bot processes behind a round-robin "balancer" (each message to
 * the next process, so one user's messages alternate) and one ROLE=worker, on a private Redis with AOF
 * `appendfsync always`. Per setup: messages per second (users going through menus), reports per second
 * (users filing a report through the chat, up to "received"), CPU time per message and per report of
 * each process (from /proc) and of Redis (INFO cpu), and Redis commands per message and per report
 * (INFO commandstats, the commands inside scripts included). Setups alternate; medians are reported.
 */

const TOKEN = '123456:BENCH-token-for-the-fake-bot-api-00';
const SECRET = 'bench-roles-secret-0123456789';
const HOOK = 'https://bot.example.org/tg/hook';
const OFFICER_CHAT = 5005;
const WARM_REPORTS = 20;
const TICK_MS = 1000 / 100; // /proc times are in clock ticks of 10 ms (USER_HZ 100 on Linux)

export const ROLES_BENCH = {
  /** Users at once; each sends its messages one after the other. */
  users: Number(process.env.ROLES_USERS ?? 100),
  /** Passes of the menu cycle per user in the messages phase. */
  passes: Number(process.env.ROLES_PASSES ?? 4),
  /** Reports filed (one per user) in the reports phase. */
  reports: Number(process.env.ROLES_REPORTS ?? 200),
  /** Runs of each setup, alternating. */
  runs: Number(process.env.ROLES_RUNS ?? 2),
} as const;

type Setup = 'all' | 'split';

interface Proc extends MainProcess {
  readonly role: 'all' | 'bot' | 'worker';
  readonly port: number;
}

/** CPU time (ms) a process has used so far. */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function redisCounters(redis: Redis): Promise<{ commands: number; cpuMs: number }> {
  const stats = await redis.info('commandstats');
  const commands = [...stats.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
  const cpu = await redis.info('cpu');
  const sec = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
  return { commands, cpuMs: (sec('used_cpu_sys') + sec('used_cpu_user')) * 1000 };
}

function startProc(role: Proc['role'], port: number, env: Record<string, string>): Proc {
  return { role, port, ...startMainProcess({ ROLE: role, HTTP_PORT: String(port), ...env }, ROOT) };
}

const ready = (p: Proc) => untilReady(p, p.port, 150_000);

const stopProc = (p: Proc) =>
  new Promise<void>((resolve) => {
    if (p.child.exitCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill('SIGTERM');
  });

export interface PhaseResult {
  /** Messages (or reports) per second. */
  readonly rate: number;
  readonly count: number;
  readonly seconds: number;
  /** Redis commands per message (or per report, its chat messages included). */
  readonly commands: number;
  /** CPU ms per message (or report): bot processes, worker, Redis. */
  readonly botCpuMs: number;
  readonly workerCpuMs: number;
  readonly redisCpuMs: number;
}

export interface SetupRun {
  readonly setup: Setup;
  readonly messages: PhaseResult;
  readonly reports: PhaseResult;
  /** Commands per second while idle (BullMQ's timers), subtracted above. */
  readonly idleCommandsPerSecond: number;
  readonly badReplies: number;
  /** Chat messages one report takes, from the menu to "received". */
  readonly messagesPerReport: number;
}

export interface RolesResult {
  readonly runs: readonly SetupRun[];
  readonly users: number;
  readonly passes: number;
  readonly reports: number;
  readonly messagesPerReport: number;
  /** Median over the runs of a setup. */
  readonly all: { readonly messages: PhaseResult; readonly reports: PhaseResult };
  readonly split: { readonly messages: PhaseResult; readonly reports: PhaseResult };
  /** split ÷ all, per run pair (split run after the all run before it), and the median. */
  readonly messageRatios: readonly number[];
  readonly reportRatios: readonly number[];
}

const BAD_REPLIES = ['sistem sedang gangguan', 'Nomor itu tidak ada', 'banyak pesan dalam waktu singkat'];

/** One run of a setup on a fresh Redis and fresh processes. */
async function runSetup(setup: Setup): Promise<SetupRun> {
  const server: RedisServer = await startRedisServer({ aof: true, appendfsync: 'always' });
  if (server.port === 6379) throw new Error('refusing to use port 6379 (the shared Redis)');
  const api: FakeBotApi = await startFakeBotApi();
  const prefix = 'bench:';
  const redis = new Redis(server.url);
  const procs: Proc[] = [];
  try {
    await new RedisOfficerDirectory(redis, createKeys(prefix).officers).save(
      officer('desa', 'village', TERNYANG, `telegram:${OFFICER_CHAT}`),
    );
    const env = {
      REDIS_URL: server.url,
      REDIS_KEY_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: HOOK,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      // Simulated users type far faster than people.
      USER_MESSAGES_PER_MINUTE: '10000',
      LANGUAGE_LIST_FIRST: 'false',
      ALERTS_PER_SECOND_TELEGRAM: '30',
    };
    const roles: Proc['role'][] = setup === 'all' ? ['all'] : ['bot', 'bot', 'worker'];
    for (const role of roles) procs.push(startProc(role, await freePort(), env));
    await Promise.all(procs.map(ready));
    const bots = procs.filter((p) => p.role !== 'worker');
    const worker = procs.find((p) => p.role !== 'bot');
    let next = 0;
    let failed = 0;
    /** One message, to the next bot process (round robin), answered when the POST returns. */
    const send = async (chat: number, text: string) => {
      const target = bots[next++ % bots.length];
      const res = await fetch(`http://127.0.0.1:${target?.port ?? 0}/tg/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(textUpdate(chat, text)),
      });
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
    };
    const snapshot = async () => ({
      at: performance.now(),
      bot: bots.reduce((a, p) => a + cpuMs(p.child.pid), 0),
      worker: setup === 'split' ? cpuMs(worker?.child.pid) : 0,
      ...(await redisCounters(redis)),
    });

    const lines = (i: number) => [
      ...reportLines({ name: `Perekrut ${i}`, phones: `08123${String(400000 + i)}` }),
      '1',
    ];
    const alerts = () => api.sent().filter((c) => c.payload.chat_id === OFFICER_CHAT).length;
    const alertsOut = async (n: number) => {
      for (let i = 0; i < 6000 && alerts() < n; i++) await new Promise((r) => setTimeout(r, 20));
    };
    // Warm-up: some reports to the last alert, and every user once through the cycle (sessions exist,
    // every process has run its code paths).
    const warm = Array.from({ length: WARM_REPORTS }, (_, i) => 8_900_000 + i);
    await Promise.all(
      warm.map(async (chat, i) => {
        for (const t of lines(100_000 + i)) await send(chat, t);
      }),
    );
    await alertsOut(WARM_REPORTS);
    const users = Array.from({ length: ROLES_BENCH.users }, (_, u) => 8_000_000 + u);
    await Promise.all(
      users.map(async (chat) => {
        for (const t of MESSAGE_CYCLE) await send(chat, t);
      }),
    );
    // Idle: what BullMQ's timers cost in commands per second, taken off the phases below.
    const idle0 = await snapshot();
    await new Promise((r) => setTimeout(r, 3000));
    const idle1 = await snapshot();
    const idleRate = ((idle1.commands - idle0.commands) * 1000) / (idle1.at - idle0.at);

    const phase = async (run: () => Promise<number>) => {
      const a = await snapshot();
      const count = await run();
      const b = await snapshot();
      const seconds = (b.at - a.at) / 1000;
      // Per item: commands (BullMQ's idle timers taken off) and CPU ms of the bots, the worker and Redis.
      return {
        count,
        seconds,
        commands: (b.commands - a.commands - idleRate * seconds) / count,
        botCpuMs: (b.bot - a.bot) / count,
        workerCpuMs: (b.worker - a.worker) / count,
        redisCpuMs: (b.cpuMs - a.cpuMs) / count,
      };
    };

    // Messages: every user through the menu cycle `passes` times.
    const msgs = await phase(async () => {
      await Promise.all(
        users.map(async (chat) => {
          for (let p = 0; p < ROLES_BENCH.passes; p++) for (const t of MESSAGE_CYCLE) await send(chat, t);
        }),
      );
      return users.length * ROLES_BENCH.passes * MESSAGE_CYCLE.length;
    });

    // Reports: each reporter files one through the chat, `users` at a time, up to "received"; the worker's
    // jobs (route, alert, notice) are counted until the last alert is out.
    const reporters = Array.from({ length: ROLES_BENCH.reports }, (_, i) => 9_000_000 + i);
    const reportMessages = reporters.length * lines(0).length;
    let intakeSeconds = 0;
    const reps = await phase(async () => {
      const t0 = performance.now();
      let at = 0;
      const take = async () => {
        while (at < reporters.length) {
          const i = at++;
          for (const t of lines(i)) await send(reporters[i] ?? 0, t);
        }
      };
      await Promise.all(Array.from({ length: ROLES_BENCH.users }, take));
      intakeSeconds = (performance.now() - t0) / 1000;
      // Every alert out: the worker's part of each report is in the counts too.
      await alertsOut(WARM_REPORTS + reporters.length);
      return reporters.length;
    });
    const texts = api.sent().map((c) => String(c.payload.text));
    const received = new Set(
      api
        .sent()
        .filter((c) => Number(c.payload.chat_id) >= 9_000_000)
        .flatMap((c) => /R-[A-Z0-9]{6}/.exec(String(c.payload.text))?.[0] ?? []),
    );
    if (received.size < reporters.length)
      throw new Error(`${setup}: ${received.size} of ${reporters.length} reports received`);
    if (failed > 0) throw new Error(`${setup}: ${failed} webhook calls failed`);
    return {
      setup,
      idleCommandsPerSecond: idleRate,
      badReplies: texts.filter((t) => BAD_REPLIES.some((b) => t.includes(b))).length,
      messages: { ...msgs, rate: msgs.count / msgs.seconds },
      // The intake rate (filed up to "received"); commands and CPU until the last alert, the report's
      // chat messages included.
      reports: { ...reps, rate: reporters.length / intakeSeconds, seconds: intakeSeconds },
      messagesPerReport: reportMessages / reporters.length,
    };
  } finally {
    await Promise.all(procs.map(stopProc));
    redis.disconnect();
    await api.close();
    await server.stop();
  }
}

const medianOf = (runs: readonly SetupRun[], pick: (r: SetupRun) => PhaseResult): PhaseResult => {
  const list = runs.map(pick);
  const m = (f: (p: PhaseResult) => number) => median(list.map(f));
  return {
    rate: m((p) => p.rate),
    count: m((p) => p.count),
    seconds: m((p) => p.seconds),
    commands: m((p) => p.commands),
    botCpuMs: m((p) => p.botCpuMs),
    workerCpuMs: m((p) => p.workerCpuMs),
    redisCpuMs: m((p) => p.redisCpuMs),
  };
};

/** Alternating runs: all, split, all, split, … */
export async function measureRoles(log: (line: string) => void = () => undefined): Promise<RolesResult> {
  const runs: SetupRun[] = [];
  for (let i = 0; i < ROLES_BENCH.runs; i++)
    for (const setup of ['all', 'split'] as const) {
      log(
        `  ${setup === 'all' ? 'one ROLE=all process' : 'two ROLE=bot + one ROLE=worker'}, run ${i + 1}...`,
      );
      runs.push(await runSetup(setup));
    }
  const of = (s: Setup) => runs.filter((r) => r.setup === s);
  const pairs = of('all').map((a, i) => [a, of('split')[i]] as const);
  const ratios = (pick: (r: SetupRun) => PhaseResult) =>
    pairs.flatMap(([a, s]) => (s ? [pick(s).rate / pick(a).rate] : []));
  return {
    runs,
    users: ROLES_BENCH.users,
    passes: ROLES_BENCH.passes,
    reports: ROLES_BENCH.reports,
    messagesPerReport: runs[0]?.messagesPerReport ?? 0,
    all: { messages: medianOf(of('all'), (r) => r.messages), reports: medianOf(of('all'), (r) => r.reports) },
    split: {
      messages: medianOf(of('split'), (r) => r.messages),
      reports: medianOf(of('split'), (r) => r.reports),
    },
    messageRatios: ratios((r) => r.messages),
    reportRatios: ratios((r) => r.reports),
  };
}

const perSecond = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const ms = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const cmds = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** The bench table's rows. */
export function rolesRows(r: RolesResult): Row[] {
  const ratio = (list: readonly number[]) => ({
    result: `${median(list).toFixed(2)} x`,
    runs: list.map((x) => x.toFixed(2)).join(', '),
  });
  const cpu = (p: PhaseResult) =>
    `${ms(p.botCpuMs)} bot + ${ms(p.workerCpuMs)} worker + ${ms(p.redisCpuMs)} Redis ms`;
  const setups = [
    ['one ROLE=all', r.all],
    ['2 bots + 1 worker', r.split],
  ] as const;
  return [
    ...setups.flatMap(([name, s]): Row[] => [
      {
        measure: `Roles, ${name}: messages (${r.users} users at once, menus), reports filed (up to "received")`,
        result: `${perSecond(s.messages.rate)} msg/s, ${perSecond(s.reports.rate)} reports/s`,
      },
      {
        measure: `Roles, ${name}: Redis commands per message / per report (its chat included)`,
        result: `${cmds(s.messages.commands)} / ${cmds(s.reports.commands)}`,
      },
      { measure: `Roles, ${name}: CPU per message`, result: cpu(s.messages) },
      { measure: `Roles, ${name}: CPU per report (its chat included, to the alert)`, result: cpu(s.reports) },
    ]),
    { measure: 'Roles: ratio 2 bots + 1 worker / one ROLE=all, messages', ...ratio(r.messageRatios) },
    { measure: 'Roles: ratio 2 bots + 1 worker / one ROLE=all, reports', ...ratio(r.reportRatios) },
  ];
}
