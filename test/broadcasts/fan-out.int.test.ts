import { afterAll, describe, expect, it } from 'vitest';
import { BullBroadcastQueue } from '../../src/broadcasts/bull-broadcasts.js';
import { createFanOut, type Delivery } from '../../src/broadcasts/fan-out.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { t, type OutboundMessage } from '../../src/core/message.js';
import { RecipientUnreachable, type MessageSender } from '../../src/core/ports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { testRedis } from '../helpers/redis.js';
import { statusLine } from '../../src/cli/broadcasts-commands.js';
import { TAIWAN_CARE_JOB, jobsBroadcast } from './sample-broadcast.js';
import { testWorkers } from './test-workers.js';

const parts = testRedis();
afterAll(() => parts.cleanup());
const translator = createTranslator('locales');
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const clock = { now: () => new Date('2026-11-10T08:00:00Z') };

/** A channel that records every message per address; some addresses have blocked the bot. */
function fakeChannel(blocked: ReadonlySet<string>) {
  const got = new Map<string, OutboundMessage[]>();
  const sender: MessageSender = {
    send(address, messages) {
      if (blocked.has(address)) return Promise.reject(new RecipientUnreachable(address, 'blocked the bot'));
      got.set(address, [...(got.get(address) ?? []), ...messages]);
      return Promise.resolve();
    },
  };
  return { got, sender };
}

const address = (i: number) =>
  i % 10 < 7 ? `telegram:${1000 + i}` : `whatsapp:62812${String(i).padStart(7, '0')}`;

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('broadcast fan-out on real Redis', () => {
  it(
    '10,000 subscribers: every opted-in recipient once (one cut off mid-send again, with a notice), a repeat sends 0, others and STOPped get nothing',
    { timeout: 120_000 },
    async () => {
      const keys = createKeys(parts.prefix);
      const subscribers = new RedisSubscriptionStore(parts.redis, keys.broadcasts);
      const desk = createSubscriptionDesk(subscribers, clock, translator);
      const broadcasts = new RedisBroadcastStore(parts.redis, keys.broadcasts);
      // 10,000 subscribers: 8,000 want jobs in Taiwan (or any country), 2,000 only Hong Kong.
      const wantsTw = (i: number) => i % 5 !== 0;
      for (let i = 0; i < 10_000; i += 500) {
        await Promise.all(
          Array.from({ length: 500 }, (_, k) => i + k).map((j) =>
            desk.subscribe(
              address(j),
              j % 3 === 0 ? 'en' : 'id',
              { kind: 'jobs', countries: wantsTw(j) ? (j % 2 === 0 ? [] : ['tw']) : ['hk'], sectors: [] },
              t('subs.jobsConsent', { country: 'x', sector: 'y' }),
            ),
          ),
        );
      }
      // 100 of the Taiwan subscribers said STOP; 50 blocked the bot.
      const stopped = Array.from({ length: 100 }, (_, k) => address(k * 7 + 1)).filter((_, k) =>
        wantsTw(k * 7 + 1),
      );
      for (const a of stopped) expect(await desk.stopAll(a)).toBe(1);
      const blocked = new Set(
        Array.from({ length: 50 }, (_, k) => address(k * 13 + 3)).filter(
          (a, k) => wantsTw(k * 13 + 3) && !stopped.includes(a),
        ),
      );
      const channel = fakeChannel(blocked);
      const counts = new Map<Delivery, number>();
      const fanOut = createFanOut({
        subscribers,
        broadcasts,
        senders: { telegram: channel.sender, whatsapp: channel.sender },
        translator,
        logger: silent,
        counted: (d) => counts.set(d, (counts.get(d) ?? 0) + 1),
      });
      // Announced to Taiwan's subscribers only: the Hong Kong listing reaches those who chose any country.
      const b = {
        ...jobsBroadcast(
          'jobs-20261110',
          [
            TAIWAN_CARE_JOB,
            {
              ...TAIWAN_CARE_JOB,
              id: 'j2',
              country: 'hk',
              sector: 'domestic',
              title: { id: 'PRT' },
              place: 'Hong Kong',
              pay: '5100 HKD',
            },
          ],
          clock.now().toISOString(),
        ),
        audience: { type: 'jobs', countries: ['tw'] },
      } as const;
      expect(await broadcasts.create(b)).toBe(true);
      expect(await broadcasts.create(b)).toBe(false);
      // A worker that died mid-send left a claim: the message may have gone out, so it is sent again
      // with a notice saying so (the one repeat allowed, and announced).
      const interrupted = address(2);
      expect(await broadcasts.claim(b.id, interrupted)).toBe('ok');

      const queue = new BullBroadcastQueue(parts.redis, keys.bull, { attempts: 3, backoffMs: 50 });
      const workers = testWorkers(fanOut, queue, keys.bull, { concurrency: 100 });
      const started = Date.now();
      await queue.start(b.id);
      await queue.start(b.id); // started twice: one expansion
      const optedIn = Array.from({ length: 10_000 }, (_, i) => i)
        .filter(wantsTw)
        .map(address);
      const expected = optedIn.filter((a) => !stopped.includes(a));
      await until(async () => {
        const s = await broadcasts.status(b.id);
        return s?.total !== undefined && s.sent + s.blocked + s.skipped + s.sending === s.total;
      }, 100_000);
      const seconds = (Date.now() - started) / 1000;
      const status = await broadcasts.status(b.id);
      expect(status?.total).toBe(expected.length);
      expect(status?.blocked).toBe(blocked.size);
      expect(status?.sending).toBe(0);
      expect(status?.sent).toBe(expected.length - blocked.size);
      expect(status?.resent).toBe(1);
      // Every opted-in recipient got exactly one message; nobody else got anything.
      for (const a of expected) {
        if (blocked.has(a)) expect(channel.got.get(a)).toBeUndefined();
        else expect(channel.got.get(a)?.length, a).toBe(1);
      }
      expect(channel.got.get(interrupted)?.[0]?.body).toMatch(/^Pesan ini dikirim ulang karena ada gangguan/);
      expect(channel.got.get(address(11))?.[0]?.body).not.toContain('dikirim ulang');
      expect(channel.got.size).toBe(expected.length - blocked.size);
      for (const a of stopped) expect(channel.got.has(a)).toBe(false);
      // One message per user, their jobs only, in their language, with the STOP line.
      const sample = channel.got.get(address(11))?.[0];
      expect(sample?.body).toContain('Perawat lansia');
      expect(sample?.body).not.toContain('PRT');
      expect(sample?.body).toContain('STOP');
      // address(6) chose English and any country: both jobs in one message.
      expect(channel.got.get(address(6))?.[0]?.title).toBe('New checked job listings (2)');
      // Blocked recipients are marked and leave the audience.
      const [oneBlocked] = blocked;
      expect((await subscribers.get(oneBlocked ?? ''))?.blockedAt).toBeDefined();
      expect(await subscribers.audience({ type: 'jobs', countries: ['tw'] })).not.toContain(oneBlocked);

      // A repeat run (BullMQ's dedup aside) sends nothing: every mark is there.
      const before = channel.got.size;
      const again = await Promise.all(
        expected.slice(0, 2000).map((a) => fanOut.deliver({ broadcast: b.id, address: a })),
      );
      expect(again.filter((d) => d === 'sent')).toEqual([]);
      expect([...channel.got.values()].reduce((n, m) => n + m.length, 0)).toBe(before);
      await workers.close();
      await queue.close();
      console.log(
        `fan-out: ${status?.sent ?? 0} messages in ${seconds.toFixed(1)} s (${((status?.sent ?? 0) / seconds).toFixed(0)}/s, no pace limit)`,
      );
    },
  );

  it('a delivery whose last try fails is counted failed (not left pending); progress says so', async () => {
    const keys = createKeys(`${parts.prefix}f:`);
    const subscribers = new RedisSubscriptionStore(parts.redis, keys.broadcasts);
    const desk = createSubscriptionDesk(subscribers, clock, translator);
    const broadcasts = new RedisBroadcastStore(parts.redis, keys.broadcasts);
    for (let i = 0; i < 6; i++)
      await desk.subscribe(
        `telegram:${String(5000 + i)}`,
        'id',
        { kind: 'jobs', countries: ['tw'], sectors: [] },
        t('subs.jobsConsent', { country: 'x', sector: 'y' }),
      );
    // Telegram refuses every message to two of them (not a block: the channel is failing).
    const refused = new Set(['telegram:5001', 'telegram:5004']);
    const channel = fakeChannel(new Set());
    const sender: MessageSender = {
      send: (a, m) =>
        refused.has(a) ? Promise.reject(new Error('502 Bad Gateway')) : channel.sender.send(a, m),
    };
    const fanOut = createFanOut({
      subscribers,
      broadcasts,
      senders: { telegram: sender },
      translator,
      logger: silent,
    });
    const b = jobsBroadcast('jobs-failing', [TAIWAN_CARE_JOB], clock.now().toISOString());
    await broadcasts.create(b);
    const queue = new BullBroadcastQueue(parts.redis, keys.bull, { attempts: 2, backoffMs: 20 });
    const workers = testWorkers(fanOut, queue, keys.bull);
    await queue.start(b.id);
    await until(
      async () =>
        (await broadcasts.status(b.id))?.pending === 0 && (await queue.depths())['broadcast-telegram'] === 0,
      20_000,
    );
    const status = await broadcasts.status(b.id);
    expect(status).toMatchObject({ total: 6, sent: 4, failed: 2, sending: 0, pending: 0 });
    expect(statusLine(status!)).toContain('failed 2, being sent 0, not tried yet 0');
    expect(channel.got.size).toBe(4);
    await workers.close();
    await queue.close();
  });
});
