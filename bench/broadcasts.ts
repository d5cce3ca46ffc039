import type { Redis } from 'ioredis';
import {
  BullBroadcastQueue,
  perSecond,
  startBroadcastWorkers,
  type Pace,
} from '../src/broadcasts/bull-broadcasts.js';
import type { Broadcast } from '../src/broadcasts/broadcast.js';
import { createFanOut } from '../src/broadcasts/fan-out.js';
import { RedisBroadcastStore } from '../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../src/broadcasts/redis-subscription-store.js';
import { createSubscriptionDesk } from '../src/broadcasts/subscription-desk.js';
import { t } from '../src/core/message.js';
import type { MessageSender } from '../src/core/ports.js';
import { createTranslator } from '../src/i18n/translator.js';
import { createKeys } from '../src/storage/keys.js';
import { connectRedis, createRedis, createWorkerRedis } from '../src/storage/redis-client.js';
import { TAIWAN_CARE_JOB } from '../test/broadcasts/sample-broadcast.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { fmt, fmtRuns, type Row } from './report.js';
import { ROOT, median, silentLogger } from './util.js';
import { join } from 'node:path';

/** Subscribers of the unpaced runs (70 % Telegram, 30 % WhatsApp), and of the paced Telegram run. */
const SUBSCRIBERS = 20_000;
const PACED = 450;
const RUNS = 3;
const CONCURRENCY = 50;
/**
 * The channels' limits the fan-out is held to. Telegram: "If you're sending bulk notifications to
 * multiple users, the API will not allow more than 30 messages per second or so" (Bot FAQ,
 * https://core.telegram.org/bots/faq, as quoted by grammY's flood-limits page); the bot's
 * ALERTS_PER_SECOND_TELEGRAM is at most 30. WhatsApp: the defaults of this bot, not published limits.
 */
export const CHANNEL_LIMITS = {
  telegramPerSecond: 30,
  /** ALERTS_PER_SECOND_TELEGRAM's default: the pace broadcasts to Telegram keep. */
  telegramPace: 20,
  cloudPerSecond: 1,
  baileysPerMinute: 6,
  baileysPerDay: 200,
} as const;

export const BROADCAST_BENCH = { subscribers: SUBSCRIBERS, runs: RUNS, paced: PACED } as const;

export interface BroadcastBenchResult {
  /** Messages a second through expansion, delivery jobs and marks, with channels that answer at once. */
  readonly unpaced: { readonly median: number; readonly runs: readonly number[] };
  /** CPU per message in the unpaced runs, ms: this process (workers) and Redis. */
  readonly cpu: { readonly node: number; readonly redis: number };
  /** Telegram paced at its limit: the most messages in any one second, and the whole run. */
  readonly pacedTelegram: {
    readonly maxInOneSecond: number;
    readonly messages: number;
    readonly seconds: number;
  };
}

/** The most timestamps (ms) that fall in any window of `ms`. */
function maxInWindow(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let i = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[from] ?? 0) >= ms) from++;
    best = Math.max(best, i - from + 1);
  }
  return best;
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** Subscriber i: the first PACED on Telegram (the paced run), then 70 % Telegram and 30 % WhatsApp. */
const address = (i: number) =>
  i < PACED || i % 10 < 7
    ? `telegram:${String(10_000_000 + i)}`
    : `whatsapp:62812${String(i).padStart(7, '0')}`;

/** A broadcast of one listing in Taiwan to its subscribers, or of a warning to a district. */
const broadcastOf = (id: string, warning: boolean): Broadcast => ({
  id,
  createdAt: new Date().toISOString(),
  by: 'bench',
  audience: warning ? { type: 'warnings', district: '35.07' } : { type: 'jobs', countries: ['tw'] },
  body: warning
    ? { kind: 'text', texts: { id: 'Hati-hati dengan tawaran kerja lewat grup.' }, from: 'Kabupaten Malang' }
    : { kind: 'jobs', jobs: [TAIWAN_CARE_JOB] },
});

/**
 * Fan-out messages per second on a private Redis with AOF always (production durability): a
 * broadcast to 20,000 subscribers through the real expansion, per-recipient BullMQ jobs and Lua marks,
 * with channels that answer at once (the ceiling of the fan-out itself), three runs; then a broadcast
 * to 450 Telegram subscribers at the default Telegram pace, and the most messages in any second.
 */
export async function measureBroadcasts(log: (line: string) => void): Promise<BroadcastBenchResult> {
  const server = await startRedisServer({ aof: true });
  const redis = createRedis(server.url);
  await connectRedis(redis, server.url);
  const connection = createWorkerRedis(server.url);
  const keys = createKeys('bench-bc:');
  const translator = createTranslator(join(ROOT, 'locales'));
  const subscribers = new RedisSubscriptionStore(redis, keys.broadcasts);
  const desk = createSubscriptionDesk(subscribers, { now: () => new Date() }, translator);
  const broadcasts = new RedisBroadcastStore(redis, keys.broadcasts);
  const queue = new BullBroadcastQueue(redis, keys.bull, { attempts: 3, backoffMs: 100 });
  let sent: number[] = [];
  const sender: MessageSender = {
    send() {
      sent.push(performance.now());
      return Promise.resolve();
    },
  };
  const fanOut = createFanOut({
    subscribers,
    broadcasts,
    senders: { telegram: sender, whatsapp: sender },
    translator,
    logger: silentLogger(),
  });
  const run = async (id: string, warning: boolean, pace: Partial<Record<'telegram' | 'whatsapp', Pace>>) => {
    const workers = startBroadcastWorkers(fanOut, queue, {
      connection,
      prefix: keys.bull,
      concurrency: CONCURRENCY,
      pace,
      logger: silentLogger(),
    });
    await broadcasts.create(broadcastOf(id, warning));
    sent = [];
    const start = performance.now();
    await queue.start(id);
    for (;;) {
      const s = await broadcasts.status(id);
      if (s?.total !== undefined && s.sent + s.skipped + s.blocked === s.total) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    await workers.close();
    return { rate: sent.length / seconds, times: sent };
  };
  try {
    log(`  ${SUBSCRIBERS.toLocaleString('en-US')} subscribers...`);
    for (let i = 0; i < SUBSCRIBERS; i += 500)
      await Promise.all(
        Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, k) =>
          desk.subscribe(
            address(i + k),
            'id',
            i + k < PACED
              ? { kind: 'warnings', district: '35.07', name: 'Kabupaten Malang' }
              : { kind: 'jobs', countries: [], sectors: [] },
            t('subs.jobsConsent', { country: 'x', sector: 'y' }),
          ),
        ),
      );
    await run('bench-warmup', false, {});
    const rates: number[] = [];
    const node: number[] = [];
    const cpuRedis: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const nodeBefore = process.cpuUsage();
      const redisBefore = await redisCpuSeconds(redis);
      rates.push((await run(`bench-${String(r)}`, false, {})).rate);
      const used = process.cpuUsage(nodeBefore);
      const messages = SUBSCRIBERS - PACED;
      node.push((used.user + used.system) / 1000 / messages);
      cpuRedis.push((((await redisCpuSeconds(redis)) - redisBefore) * 1000) / messages);
      log(`  run ${String(r + 1)}: ${rates.at(-1)?.toFixed(0) ?? ''} messages/s`);
    }
    log(`  ${String(PACED)} Telegram subscribers paced at ${String(CHANNEL_LIMITS.telegramPace)}/s...`);
    const paced = await run('bench-paced', true, { telegram: perSecond(CHANNEL_LIMITS.telegramPace) });
    const pacedTelegram = {
      maxInOneSecond: maxInWindow(paced.times, 1000),
      messages: paced.times.length,
      seconds: (Math.max(...paced.times) - Math.min(...paced.times)) / 1000,
    };
    return {
      unpaced: { median: median(rates), runs: rates },
      cpu: { node: median(node), redis: median(cpuRedis) },
      pacedTelegram,
    };
  } finally {
    await queue.close();
    connection.disconnect();
    await redis.quit();
    await server.stop();
  }
}

const duration = (seconds: number): string =>
  seconds < 3600
    ? `${(seconds / 60).toFixed(0)} min`
    : seconds < 86_400 * 2
      ? `${(seconds / 3600).toFixed(1)} h`
      : `${(seconds / 86_400).toFixed(0)} days`;

/** The bench's rows: the fan-out's own rate against the channels' limits, and what those limits mean. */
export function broadcastRows(r: BroadcastBenchResult): Row[] {
  const L = CHANNEL_LIMITS;
  const n = SUBSCRIBERS;
  const headroom = r.unpaced.median / L.telegramPerSecond;
  return [
    {
      measure: `Broadcasts: fan-out, unpaced (expansion, a job and a Lua mark per recipient; channels answer at once), ${n.toLocaleString('en-US')} recipients`,
      result: fmt(r.unpaced.median, 'msg/s'),
      runs: fmtRuns(r.unpaced.runs),
    },
    {
      measure: 'Broadcasts: CPU per message, this process + Redis',
      result: `${fmt(r.cpu.node, 'ms', 3)} + ${fmt(r.cpu.redis, 'ms', 3)}`,
    },
    {
      measure: `Broadcasts: fan-out over Telegram's bulk limit (${String(L.telegramPerSecond)}/s): the fan-out is never the bottleneck`,
      result: fmt(headroom, 'x', 1),
      target: '>= 1',
      ok: headroom >= 1,
    },
    {
      measure: `Broadcasts: Telegram at the default pace (ALERTS_PER_SECOND_TELEGRAM=${String(L.telegramPace)}): ${String(r.pacedTelegram.messages)} sent in ${r.pacedTelegram.seconds.toFixed(1)} s`,
      result: fmt((r.pacedTelegram.messages - 1) / r.pacedTelegram.seconds, 'msg/s', 1),
    },
    {
      measure: `Broadcasts: Telegram at the default pace, most messages in any 1 s (Telegram's bulk limit ${String(L.telegramPerSecond)}/s)`,
      result: fmt(r.pacedTelegram.maxInOneSecond, 'msg'),
      target: `<= ${String(L.telegramPerSecond)}`,
      ok: r.pacedTelegram.maxInOneSecond <= L.telegramPerSecond,
    },
    {
      measure: `Broadcasts: time to reach ${n.toLocaleString('en-US')} at the default paces — Telegram ${String(L.telegramPace)}/s; WhatsApp Cloud ${String(L.cloudPerSecond)}/s (ALERTS_PER_SECOND_WHATSAPP); Baileys ${String(L.baileysPerMinute)}/min, ${String(L.baileysPerDay)}/day`,
      result: `${duration(n / L.telegramPace)}; ${duration(n / L.cloudPerSecond)}; ${duration((n / L.baileysPerDay) * 86_400)}`,
    },
  ];
}
