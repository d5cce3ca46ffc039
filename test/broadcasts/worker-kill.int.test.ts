import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BullBroadcastQueue } from '../../src/broadcasts/bull-broadcasts.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { t } from '../../src/core/message.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/redis-server.js';
import { testRedis } from '../helpers/redis.js';
import { jobsBroadcast } from './sample-broadcast.js';
import { until, workerProcess as worker, type WorkerProcess } from './worker-process.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
/** 400 by default; BROADCAST_KILL_SUBSCRIBERS=10000 for the measure (about 6 minutes at 30 a second). */
const OPTED_IN = Number(process.env.BROADCAST_KILL_SUBSCRIBERS ?? 400);
/** How long the whole broadcast takes at 30 a second, in ms. */
const AT_PACE_MS = (OPTED_IN / 30) * 1000;
const NOTICE = 'Pesan ini dikirim ulang karena ada gangguan';

const parts = testRedis();
let api: FakeBotApi | undefined;
const procs: WorkerProcess[] = [];
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await api?.close();
  await parts.cleanup();
});

describe('a broadcast survives its worker process killed with SIGKILL', () => {
  it(
    'finishes after a restart: every opted-in recipient got it, a second copy only with the notice, nobody else anything',
    async () => {
      const prefix = `${parts.prefix}k${randomUUID().slice(0, 4)}:`;
      const fake = await startFakeBotApi();
      api = fake;
      // Telegram answers each message after 100 ms, so some are in flight when the worker is killed.
      fake.delay('sendMessage', 100);
      const keys = createKeys(prefix);
      const subscribers = new RedisSubscriptionStore(parts.redis, keys.broadcasts);
      const desk = createSubscriptionDesk(
        subscribers,
        { now: () => new Date() },
        createTranslator('locales'),
      );
      const chat = (i: number) => 700_000 + i;
      // OPTED_IN (400) want jobs in Taiwan; 50 only Hong Kong; 30 wanted Taiwan and said STOP.
      for (let i = 0; i < OPTED_IN + 80; i++) {
        const countries = i < OPTED_IN || i >= OPTED_IN + 50 ? ['tw'] : ['hk'];
        await desk.subscribe(
          `telegram:${String(chat(i))}`,
          'id',
          { kind: 'jobs', countries, sectors: [] },
          t('subs.jobsConsent', { country: 'x', sector: 'y' }),
        );
        if (i >= OPTED_IN + 50) await desk.stopAll(`telegram:${String(chat(i))}`);
      }
      const broadcasts = new RedisBroadcastStore(parts.redis, keys.broadcasts);
      const b = jobsBroadcast('jobs-kill-test');
      await broadcasts.create(b);
      const queue = new BullBroadcastQueue(parts.redis, keys.bull, { attempts: 10, backoffMs: 100 });
      await queue.start(b.id);
      await queue.close();

      const env = async () => ({
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        HTTP_PORT: String(await freePort()),
        ALERTS_PER_SECOND_TELEGRAM: '30',
        REPORT_WORKER_CONCURRENCY: '10',
        // The killed worker's jobs run again after its lock ends (30 s by default).
        JOB_LOCK_MS: '2000',
      });
      const toChats = () => fake.sent().filter((c) => typeof c.payload.chat_id === 'number');
      const first = worker(await env());
      procs.push(first);
      await until(
        () => toChats().length >= OPTED_IN / 3,
        90_000 + AT_PACE_MS,
        'the first third of the messages',
      );
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe(null);
      const atKill = await broadcasts.status(b.id);
      const sentAtKill = toChats().length;

      const second = worker(await env());
      procs.push(second);
      await until(
        async () => {
          const s = await broadcasts.status(b.id);
          return s?.total !== undefined && s.sent + s.blocked + s.skipped === s.total && s.sending === 0;
        },
        150_000 + 2 * AT_PACE_MS,
        'the broadcast to finish after the restart',
      );
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.stderr()).toBe('');

      const status = await broadcasts.status(b.id);
      const got = new Map<number, string[]>();
      for (const c of toChats()) {
        const id = Number(c.payload.chat_id);
        got.set(id, [...(got.get(id) ?? []), String(c.payload.text)]);
      }
      const optedIn = Array.from({ length: OPTED_IN }, (_, i) => chat(i));
      // Every opted-in recipient got it; a second copy only ever with the notice, and at most one.
      const repeats = optedIn.filter((id) => (got.get(id) ?? []).length > 1);
      for (const id of optedIn) {
        const texts = got.get(id) ?? [];
        expect(texts.length, String(id)).toBeGreaterThanOrEqual(1);
        expect(texts.length, String(id)).toBeLessThanOrEqual(2);
        expect(texts.filter((x) => !x.includes(NOTICE)).length, String(id)).toBeLessThanOrEqual(1);
        expect(texts.every((x) => x.includes('Perawat lansia'))).toBe(true);
      }
      // Nobody outside the audience, nobody who said STOP.
      const inAudience = new Set(optedIn);
      expect([...got.keys()].filter((id) => !inAudience.has(id))).toEqual([]);
      expect(status).toMatchObject({ total: OPTED_IN, sent: OPTED_IN, sending: 0 });
      const announced = [...got.values()].filter((texts) => texts.some((x) => x.includes(NOTICE))).length;
      expect(status?.resent).toBe(announced);
      expect(announced).toBeGreaterThan(0);
      console.log(
        `worker killed after ${String(sentAtKill)} of ${String(OPTED_IN)} messages reached Telegram ` +
          `(${String(atKill?.sent ?? 0)} confirmed, ${String(atKill?.sending ?? 0)} in flight); after the restart ` +
          `${String(OPTED_IN)}/${String(OPTED_IN)} got it, ${String(announced)} sent again with the notice, ` +
          `${String(repeats.length)} of them a real second copy; 0 lost, 0 to anyone else`,
      );
    },
    300_000 + 4 * AT_PACE_MS,
  );
});
