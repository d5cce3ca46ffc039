import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox, type OutboxItem, type OutboxOptions } from '../../../src/channels/whatsapp/outbox.js';
import { silentLogger } from '../../helpers/engine.js';
import { testRedis } from '../../helpers/redis.js';
import { createKeys } from '../../../src/storage/keys.js';
import { channelScripts } from '../../../src/main/channel-parts.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

/** The text of a queued message ('' for a medium). */
const textOf = (item: OutboxItem): string => ('text' in item ? item.text : '');

describe('WhatsApp outbox (durable, paced, in order per recipient)', () => {
  const ctx = testRedis();
  afterAll(() => ctx.cleanup());
  let n = 0;
  const fresh = () => createKeys(ctx.prefix).whatsapp(`acc${++n}`).outbox;

  const make = (
    keys: ReturnType<typeof fresh>,
    deliver: (item: OutboxItem) => Promise<void>,
    extra: Partial<OutboxOptions> = {},
  ) =>
    createOutbox({
      defineScripts: channelScripts,
      redis: ctx.redis,
      keys,
      deliver,
      canDeliver: () => true,
      intervalMs: 0,
      jitterMs: 1,
      logger: silentLogger,
      idlePollMs: 20,
      ...extra,
    });

  /** Per recipient, the numbers sent in order, with an immediate repeat (at-least-once) folded. */
  const perRecipient = (sent: readonly OutboxItem[]) => {
    const out = new Map<string, number[]>();
    for (const s of sent) {
      const list = out.get(s.to) ?? [];
      const k = Number(textOf(s));
      if (list.at(-1) !== k) list.push(k);
      out.set(s.to, list);
    }
    return out;
  };

  it('delivers a burst of 500 in order per recipient, none lost, across a restart mid-burst', async () => {
    const keys = fresh();
    const sent: OutboxItem[] = [];
    const recipients = Array.from({ length: 7 }, (_, i) => `62812000000${i}@s.whatsapp.net`);
    const first = make(keys, (item) => {
      sent.push(item);
      return Promise.resolve();
    });
    // Queued by several producers at once, before and while sending.
    const counters = new Map<string, number>();
    const burst = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const to = recipients[(i * 5) % recipients.length]!;
        const k = counters.get(to) ?? 0;
        counters.set(to, k + 1);
        await first.enqueue(`whatsapp:${to.split('@')[0]!}`, [{ to, text: String(k) }]);
      }
    };
    await burst(300);
    first.start();
    const more = burst(200);
    await until(() => sent.length >= 150);
    await first.stop();
    await more;
    const beforeRestart = sent.length;
    expect(beforeRestart).toBeLessThan(500);
    expect(await first.size()).toBe(500 - beforeRestart);

    const second = make(keys, (item) => {
      sent.push(item);
      return Promise.resolve();
    });
    second.start();
    await until(() => sent.length >= 500);
    await second.stop();

    expect(sent).toHaveLength(500);
    for (const [to, numbers] of perRecipient(sent)) {
      expect(numbers).toEqual(Array.from({ length: counters.get(to) ?? 0 }, (_, i) => i));
    }
    expect(await second.size()).toBe(0);
    expect(await ctx.redis.exists(keys.ready, keys.pending)).toBe(0);
  });

  it('loses nothing when the process dies after sending and before removing a message', async () => {
    const keys = fresh();
    const sent: OutboxItem[] = [];
    const to = '6281200000001@s.whatsapp.net';
    let crashed = false;
    // The client of the dying process stops answering right after the 20th send.
    const dying = ctx.redis.duplicate();
    const first = createOutbox({
      defineScripts: channelScripts,
      redis: dying,
      keys,
      deliver: (item) => {
        sent.push(item);
        if (sent.length === 20) {
          crashed = true;
          dying.disconnect();
        }
        return Promise.resolve();
      },
      canDeliver: () => !crashed,
      intervalMs: 0,
      jitterMs: 0,
      logger: silentLogger,
      idlePollMs: 10,
    });
    for (let i = 0; i < 50; i++) await first.enqueue('whatsapp:6281200000001', [{ to, text: String(i) }]);
    first.start();
    await until(() => crashed);
    await first.stop();

    const second = make(keys, (item) => {
      sent.push(item);
      return Promise.resolve();
    });
    second.start();
    await until(() => perRecipient(sent).get(to)?.length === 50);
    await second.stop();
    expect(perRecipient(sent).get(to)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // At least once: the one message sent but not removed goes out once more, nothing else repeats.
    expect(sent.length).toBeLessThanOrEqual(51);
  });

  it('paces sends at the configured interval plus jitter', async () => {
    const keys = fresh();
    const times: number[] = [];
    const outbox = make(
      keys,
      () => {
        times.push(performance.now());
        return Promise.resolve();
      },
      { intervalMs: 40, jitterMs: 20, random: () => 0.5 },
    );
    await outbox.enqueue(
      'whatsapp:1',
      [1, 2, 3, 4, 5, 6].map((i) => ({ to: 'a', text: String(i) })),
    );
    await outbox.enqueue(
      'whatsapp:2',
      [1, 2].map((i) => ({ to: 'b', text: String(i) })),
    );
    outbox.start();
    await until(() => times.length === 8);
    await outbox.stop();
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(48);
    expect(Math.min(...gaps)).toBeLessThan(100);
  });

  it('lets recipients take turns, so one long queue does not hold up another', async () => {
    const keys = fresh();
    const sent: OutboxItem[] = [];
    const outbox = make(keys, (item) => {
      sent.push(item);
      return Promise.resolve();
    });
    await outbox.enqueue(
      'whatsapp:1',
      Array.from({ length: 30 }, (_, i) => ({ to: 'officer', text: String(i) })),
    );
    await outbox.enqueue('whatsapp:2', [{ to: 'user', text: 'hi' }]);
    outbox.start();
    await until(() => sent.length === 31);
    await outbox.stop();
    expect(sent.findIndex((s) => s.to === 'user')).toBe(1);
  });

  it('waits while WhatsApp is not connected, retries a failed send, and moves one that keeps failing aside', async () => {
    const keys = fresh();
    let connected = false;
    const tried: string[] = [];
    const outbox = make(
      keys,
      (item) => {
        const text = textOf(item);
        tried.push(text);
        return text === 'bad' || (text === 'flaky' && tried.length < 3)
          ? Promise.reject(new Error('send failed'))
          : Promise.resolve();
      },
      { canDeliver: () => connected, maxAttempts: 3 },
    );
    await outbox.enqueue('whatsapp:1', [
      { to: 'a', text: 'bad' },
      { to: 'a', text: 'after-bad' },
    ]);
    await outbox.enqueue('whatsapp:2', [{ to: 'b', text: 'flaky' }]);
    outbox.start();
    await sleep(80);
    expect(tried).toEqual([]);
    connected = true;
    outbox.wake();
    await until(() => tried.includes('after-bad'));
    await outbox.stop();
    expect(tried.filter((t) => t === 'bad')).toHaveLength(3);
    expect(tried.filter((t) => t === 'flaky')).toHaveLength(2);
    expect(tried.indexOf('after-bad')).toBeGreaterThan(tried.lastIndexOf('bad'));
    const dead = await ctx.redis.lrange(keys.dead, 0, -1);
    expect(dead.map((d) => textOf(JSON.parse(d) as OutboxItem))).toEqual(['bad']);
    expect(await outbox.size()).toBe(0);
  });
});
