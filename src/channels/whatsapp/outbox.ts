import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MediaRef } from '../../core/message.js';
import type { Logger } from '../../core/ports.js';
import { jidOfAddress } from './address.js';
import type { OutboxKeys } from './keys.js';
import type { DefineScripts, ScriptFile } from './redis-parts.js';

/**
 * One message waiting to be sent: the chat to send it to and its text, or a received photo or voice
 * note (report evidence for an officer), by its media store reference — the bytes stay in the store.
 */
export type OutboxItem =
  { readonly to: string; readonly text: string } | { readonly to: string; readonly media: MediaRef };

type Stored = OutboxItem & { readonly id: string };

/** The outbox's scripts (src/channels/whatsapp/lua/): each change of the queues is atomic. */
const SCRIPTS: readonly ScriptFile[] = [
  { name: 'outboxEnqueue', file: new URL('./lua/outbox-enqueue.lua', import.meta.url) },
  { name: 'outboxAck', file: new URL('./lua/outbox-ack.lua', import.meta.url) },
  { name: 'outboxRotate', file: new URL('./lua/outbox-rotate.lua', import.meta.url) },
];

interface OutboxCommands {
  outboxEnqueue(
    queue: string,
    ready: string,
    pending: string,
    address: string,
    ...items: string[]
  ): Promise<number>;
  outboxAck(
    queue: string,
    ready: string,
    pending: string,
    dead: string,
    address: string,
    given: string,
  ): Promise<number>;
  outboxRotate(ready: string, address: string): Promise<number>;
}

export interface OutboxOptions {
  readonly redis: Redis;
  readonly keys: OutboxKeys;
  /** Defines the outbox's scripts on `redis` (the storage layer's loader, handed over by main). */
  readonly defineScripts: DefineScripts;
  /** Sends one message; throws when it was not sent. */
  readonly deliver: (item: OutboxItem) => Promise<void>;
  /** False while nothing can be sent (WhatsApp not connected): the queue waits. */
  readonly canDeliver: () => boolean;
  /** At least this long between two messages of this number… */
  readonly intervalMs: number;
  /** …plus a random part up to this long, so the rhythm is not machine-regular. */
  readonly jitterMs: number;
  readonly logger: Logger;
  /** A message that failed this often is moved to the dead list. */
  readonly maxAttempts?: number;
  /** How often an idle queue looks for messages queued by another process. */
  readonly idlePollMs?: number;
  readonly random?: () => number;
}

export interface Outbox {
  /** Queues messages for one address, in order; resolves once Redis has them (they survive a restart). */
  enqueue(address: string, items: readonly OutboxItem[]): Promise<void>;
  /** Starts sending; one process per number sends (the lease guarantees it). */
  start(): void;
  /** Looks for work at once (call it when the connection opens). */
  wake(): void;
  /** Stops after the message being sent; what is queued stays in Redis for the next start. */
  stop(): Promise<void>;
  /** Messages waiting, over all addresses. */
  size(): Promise<number>;
  /** "Delete my data": drops the given-up messages to this address from the dead list. */
  forget(address: string): Promise<void>;
}

/**
 * A durable, paced outbound queue in Redis. Every message of the number — replies, alerts to officers,
 * notices to reporters — goes through it, so the number never sends faster than about one message per
 * `intervalMs` (+ jitter), which keeps it from being flagged as a spammer.
 *
 * Each recipient has its own list (their messages go out in order); recipients with waiting messages
 * take turns, so a burst of alerts to one officer does not hold up replies to everyone else. A message is
 * removed only after it was sent: a crash between sending and removing sends it once more on restart
 * (at least once, never lost). A message that keeps failing while connected is moved to a dead list.
 */
export function createOutbox(opts: OutboxOptions): Outbox {
  const { redis, keys, logger } = opts;
  opts.defineScripts(redis, SCRIPTS);
  const scripts = redis as unknown as OutboxCommands;
  const random = opts.random ?? Math.random;
  const maxAttempts = opts.maxAttempts ?? 5;
  const idlePollMs = opts.idlePollMs ?? 1000;
  const attempts = new Map<string, number>();
  /** Sent, but the removal from Redis failed: removed without sending again. */
  let sentNotAcked: string | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let lastSentAt = -Infinity;
  let wakeUp: (() => void) | undefined;

  const wake = () => wakeUp?.();
  /** Waits `ms`, or less when woken (a message was queued, or stop). */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  /** Waits `ms` even if woken, unless stopping. */
  const sleep = async (ms: number) => {
    const until = Date.now() + ms;
    while (running && Date.now() < until) await pause(until - Date.now());
  };

  const ack = (address: string, dead = '') =>
    scripts.outboxAck(keys.queue(address), keys.ready, keys.pending, keys.dead, address, dead);

  async function peek(): Promise<{ address: string; raw: string } | undefined> {
    const address = await redis.lindex(keys.ready, 0);
    if (address === null) return undefined;
    const raw = await redis.lindex(keys.queue(address), 0);
    if (raw !== null) return { address, raw };
    await ack(address); // listed but empty (its queue was deleted by hand): unlist it
    return peek();
  }

  async function step(): Promise<void> {
    if (!opts.canDeliver()) return pause(idlePollMs);
    const head = await peek();
    if (!head) return pause(idlePollMs);
    let item: Stored;
    try {
      item = JSON.parse(head.raw) as Stored;
    } catch {
      logger.error({ channel: 'whatsapp' }, 'outbox: unreadable message moved to the dead list');
      await ack(head.address, head.raw);
      return;
    }
    if (sentNotAcked === item.id) {
      await ack(head.address);
      sentNotAcked = undefined;
      return;
    }
    await sleep(lastSentAt + opts.intervalMs + random() * opts.jitterMs - Date.now());
    if (!running || !opts.canDeliver()) return;
    lastSentAt = Date.now();
    try {
      await opts.deliver(
        'media' in item ? { to: item.to, media: item.media } : { to: item.to, text: item.text },
      );
    } catch (err) {
      const tries = (attempts.get(item.id) ?? 0) + 1;
      if (tries >= maxAttempts) {
        attempts.delete(item.id);
        logger.error({ err, channel: 'whatsapp', tries }, 'outbox: message given up, moved to the dead list');
        await ack(head.address, head.raw);
      } else {
        attempts.set(item.id, tries);
        logger.warn({ err, channel: 'whatsapp', tries }, 'outbox: send failed; will retry');
        await scripts.outboxRotate(keys.ready, head.address);
      }
      return;
    }
    attempts.delete(item.id);
    sentNotAcked = item.id;
    await ack(head.address);
    sentNotAcked = undefined;
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        await step();
        failures = 0;
      } catch (err) {
        // Redis unreachable: wait, longer each time (up to 30 s), and go on.
        failures++;
        logger.warn({ err, channel: 'whatsapp' }, 'outbox: Redis error; retrying');
        await sleep(Math.min(250 * 2 ** Math.min(failures, 7), 30_000));
      }
    }
  }

  return {
    async enqueue(address, items) {
      if (items.length === 0) return;
      const stored = items.map((i) => JSON.stringify({ id: randomUUID(), ...i }));
      await scripts.outboxEnqueue(keys.queue(address), keys.ready, keys.pending, address, ...stored);
      wake();
    },
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
      loop = undefined;
    },
    async size() {
      const addresses = await redis.smembers(keys.pending);
      const lengths = await Promise.all(addresses.map((a) => redis.llen(keys.queue(a))));
      return lengths.reduce((sum, n) => sum + n, 0);
    },
    async forget(address) {
      const jid = jidOfAddress(address);
      if (!jid) return;
      for (const raw of await redis.lrange(keys.dead, 0, -1)) {
        if (raw.includes(jid)) await redis.lrem(keys.dead, 0, raw);
      }
    },
  };
}
