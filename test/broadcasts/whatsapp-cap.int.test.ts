import { afterAll, describe, expect, it } from 'vitest';
import {
  BullBroadcastQueue,
  perMinute,
  startBroadcastWorkers,
} from '../../src/broadcasts/bull-broadcasts.js';
import type { Broadcast } from '../../src/broadcasts/broadcast.js';
import { createFanOut } from '../../src/broadcasts/fan-out.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { t } from '../../src/core/message.js';
import type { MessageSender } from '../../src/core/ports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { createWorkerRedis } from '../../src/storage/redis-client.js';
import { silentLogger } from '../helpers/engine.js';
import { testRedis, testTarget } from '../helpers/redis.js';

const parts = testRedis();
afterAll(() => parts.cleanup());

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WhatsApp on Baileys: broadcasts paced and capped per day', () => {
  it('one message per pace interval on WhatsApp, at most the cap a day, the rest the next day; Telegram unaffected', async () => {
    const keys = createKeys(`${parts.prefix}cap:`);
    // The test's clock starts 8 s before midnight UTC and runs at the real pace.
    const offset = Date.parse('2026-11-29T23:59:52Z') - Date.now();
    const clock = { now: () => new Date(Date.now() + offset) };
    const translator = createTranslator('locales');
    const subscribers = new RedisSubscriptionStore(parts.redis, keys.broadcasts);
    const desk = createSubscriptionDesk(subscribers, clock, translator);
    const wa = Array.from({ length: 20 }, (_, i) => `whatsapp:6281200000${String(100 + i)}`);
    const tg = Array.from({ length: 10 }, (_, i) => `telegram:${String(5000 + i)}`);
    for (const a of [...wa, ...tg])
      await desk.subscribe(
        a,
        'id',
        { kind: 'warnings', district: '35.07', name: 'Malang' },
        t('subs.warnConsent'),
      );
    const sends: { address: string; at: number }[] = [];
    const sender: MessageSender = {
      send(address) {
        sends.push({ address, at: clock.now().getTime() });
        return Promise.resolve();
      },
    };
    const broadcasts = new RedisBroadcastStore(parts.redis, keys.broadcasts);
    const fanOut = createFanOut({
      subscribers,
      broadcasts,
      senders: { whatsapp: sender, telegram: sender },
      translator,
      logger: silentLogger,
      dailyCap: { whatsapp: 12 },
      clock,
    });
    const b: Broadcast = {
      id: 'warn-cap-test',
      createdAt: clock.now().toISOString(),
      by: 'o1',
      audience: { type: 'warnings', district: '35.07' },
      body: {
        kind: 'text',
        texts: { id: 'Hati-hati dengan tawaran kerja lewat grup.' },
        from: 'Kabupaten Malang',
      },
    };
    await broadcasts.create(b);
    const queue = new BullBroadcastQueue(parts.redis, keys.bull, { attempts: 3, backoffMs: 50 });
    const connection = createWorkerRedis(testTarget());
    // WhatsApp at 300 a minute (one every 200 ms) for the test; Telegram unpaced.
    const workers = startBroadcastWorkers(fanOut, queue, {
      connection,
      prefix: keys.bull,
      concurrency: 10,
      pace: { whatsapp: perMinute(300) },
      logger: silentLogger,
    });
    try {
      await queue.start(b.id);
      await until(async () => (await broadcasts.status(b.id))?.sent === 30, 40_000);
      const midnight = Date.parse('2026-11-30T00:00:00Z');
      const waTimes = sends
        .filter((s) => s.address.startsWith('whatsapp:'))
        .map((s) => s.at)
        .sort((x, y) => x - y);
      // Each WhatsApp subscriber once; 12 before midnight, the other 8 after.
      expect(new Set(sends.map((s) => s.address)).size).toBe(30);
      expect(waTimes.filter((at) => at < midnight)).toHaveLength(12);
      expect(waTimes.filter((at) => at >= midnight)).toHaveLength(8);
      // Spread out at the pace (one per 200 ms). The limiter counts starts per 200 ms window, so one
      // message started late in its window may be followed closely by the next window's; what it holds
      // is the rate: any six messages in a row span at least four windows (800 ms, less timer jitter).
      const gaps = waTimes.slice(1).map((at, i) => at - (waTimes[i] ?? at));
      const spans = waTimes.slice(5).map((at, i) => at - (waTimes[i] ?? at));
      expect(Math.min(...spans)).toBeGreaterThanOrEqual(600);
      // Telegram went at once, before midnight, untouched by WhatsApp's cap.
      expect(sends.filter((s) => s.address.startsWith('telegram:') && s.at < midnight)).toHaveLength(10);
      expect(await parts.redis.get(keys.broadcasts.daySent('whatsapp', '20261129'))).toBe('12');
      expect(await parts.redis.get(keys.broadcasts.daySent('whatsapp', '20261130'))).toBe('8');
      console.log(
        `WhatsApp cap: 12 sent on the first day, held ${((Math.min(...waTimes.filter((at) => at >= midnight)) - Math.max(...waTimes.filter((at) => at < midnight))) / 1000).toFixed(1)} s to midnight, 8 after; min gap ${String(Math.min(...gaps))} ms, six in a row over ${String(Math.min(...spans))} ms at least`,
      );
    } finally {
      await workers.close();
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);
});
