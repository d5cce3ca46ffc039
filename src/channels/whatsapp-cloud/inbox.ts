import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { ScriptFile } from '../../core/ports.js';
import type { WhatsAppCloudKeys } from './keys.js';
import type { CloudRedisParts } from './redis-parts.js';
import { SEEN_TTL_SECONDS, type HeldPayload } from './state.js';
import type { RawEvent } from './to-inbound.js';

/** The consumer group every bot process of the number reads the inbox in. */
const GROUP = 'bot';
/** Progress of an entry outlives any sane handling; it is deleted with the entry. */
const PROGRESS_TTL_SECONDS = 7 * 86_400;
const BATCH = 100;

const SCRIPTS: readonly ScriptFile[] = [
  { name: 'cloudInboxAdd', file: new URL('./lua/inbox-add.lua', import.meta.url) },
  { name: 'cloudInboxRenew', file: new URL('./lua/inbox-renew.lua', import.meta.url) },
];

interface InboxCommands {
  cloudInboxAdd(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<number>;
  cloudInboxRenew(stream: string, group: string, consumer: string, ...ids: string[]): Promise<number>;
}

/** One stored event: its stream id and the notification body holding it alone. */
export interface InboxEntry {
  readonly id: string;
  readonly body: unknown;
}

/** How far the handling of an entry got, so handling it again does not repeat a step. */
export interface Progress {
  /** The replies of the turn, rendered (the engine has answered; it is not asked again). */
  readonly replies?: readonly HeldPayload[];
  /** How many of the replies were sent. */
  readonly sent: number;
  /** How often the handling was started (this time included). */
  readonly tries: number;
}

export interface Inbox {
  /**
   * Stores events of a verified webhook body, each message once (by its id); resolves when Redis has
   * them, so the webhook may answer 200. Rejects when Redis cannot take them (the webhook answers 503
   * and Meta delivers the body again).
   */
  add(events: readonly RawEvent[]): Promise<number>;
  /**
   * Entries to handle now: those no process took yet, then those whose process went silent for the
   * claim time (it crashed, or its handling failed). They are this process's until `done`.
   */
  take(): Promise<InboxEntry[]>;
  /** Keeps the claim on entries in hand (call more often than the claim time). */
  renew(ids: readonly string[]): Promise<void>;
  /** Starts one handling of an entry: its progress so far, `tries` counted. */
  begin(id: string): Promise<Progress>;
  /**
   * The turn's replies are rendered: a new handling sends them and does not ask the engine again.
   * `consumed`: the first `count` items of a list (held messages the replies include) go with it.
   */
  answered(
    id: string,
    replies: readonly HeldPayload[],
    consumed?: { readonly key: string; readonly count: number },
  ): Promise<void>;
  /** The first `count` replies went out. */
  sent(id: string, count: number): Promise<void>;
  /** Handled (or given up): the entry and its progress are deleted. */
  done(id: string): Promise<void>;
  /** Entries stored and not done, over all processes. */
  size(): Promise<number>;
  /** Leaves the group when it holds nothing (a stopped process). */
  close(): Promise<void>;
}

/**
 * The durable inbox of one Cloud API number: a Redis stream read in a consumer group, so every
 * received event is in Redis before the webhook answers 200 and stays there until it was handled.
 * At least once: a process that dies holding entries leaves them pending, and after `claimMs`
 * without renewal any process of the number (the restarted one too) takes them over.
 */
export function createInbox(
  redis: Redis,
  keys: WhatsAppCloudKeys,
  claimMs: number,
  defineScripts: CloudRedisParts['defineScripts'],
): Inbox {
  defineScripts(redis, SCRIPTS);
  const scripts = redis as unknown as InboxCommands;
  const consumer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let grouped: Promise<void> | undefined;
  let cursor = '0-0';

  /** The group, made once (from the stream's start: nothing stored before it is skipped). */
  const ensureGroup = () =>
    (grouped ??= redis
      .xgroup('CREATE', keys.inbox, GROUP, '0', 'MKSTREAM')
      .then(() => undefined)
      .catch((err: unknown) => {
        if (err instanceof Error && err.message.includes('BUSYGROUP')) return;
        grouped = undefined;
        throw err;
      }));

  /** Runs a group command, making the group again when Redis lost it (NOGROUP). */
  async function inGroup<T>(run: () => Promise<T>): Promise<T> {
    await ensureGroup();
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof Error && err.message.includes('NOGROUP'))) throw err;
      grouped = undefined;
      await ensureGroup();
      return run();
    }
  }

  const entries = (rows: unknown): InboxEntry[] =>
    (Array.isArray(rows) ? rows : []).flatMap((row) => {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || !Array.isArray(row[1])) return [];
      const fields = row[1] as string[];
      const json = fields[fields.indexOf('e') + 1];
      if (json === undefined) return [];
      try {
        return [{ id: row[0], body: JSON.parse(json) as unknown }];
      } catch {
        return [{ id: row[0], body: undefined }];
      }
    });

  const progressKey = keys.inboxProgress;

  return {
    async add(events) {
      if (events.length === 0) return 0;
      const messages = events.filter((e) => e.messageId !== undefined);
      const statuses = events.filter((e) => e.messageId === undefined);
      const seen = messages.map((e) => keys.seen(e.messageId ?? ''));
      return scripts.cloudInboxAdd(
        1 + seen.length,
        keys.inbox,
        ...seen,
        SEEN_TTL_SECONDS,
        messages.length,
        ...[...messages, ...statuses].map((e) => e.json),
      );
    },
    async take() {
      const fresh = await inGroup(() =>
        redis.xreadgroup('GROUP', GROUP, consumer, 'COUNT', BATCH, 'STREAMS', keys.inbox, '>'),
      );
      const taken = entries((fresh as [string, unknown][] | null)?.[0]?.[1]);
      // Entries other processes (or this one, before a restart) took and did not renew.
      const [next, stale] = (await inGroup(() =>
        redis.xautoclaim(keys.inbox, GROUP, consumer, claimMs, cursor, 'COUNT', BATCH),
      )) as [string, unknown];
      cursor = next;
      return [...taken, ...entries(stale)];
    },
    async renew(ids) {
      if (ids.length > 0) await scripts.cloudInboxRenew(keys.inbox, GROUP, consumer, ...ids);
    },
    async begin(id) {
      const key = progressKey(id);
      const results = await redis
        .multi()
        .hincrby(key, 'tries', 1)
        .hmget(key, 'replies', 'sent')
        .expire(key, PROGRESS_TTL_SECONDS)
        .exec();
      const failed = results?.find(([err]) => err)?.[0];
      if (!results || failed) throw failed ?? new Error('inbox progress not read');
      const tries = Number(results[0]?.[1]);
      const [replies, sent] = results[1]?.[1] as (string | null)[];
      return {
        tries,
        sent: Number(sent ?? 0),
        ...(replies ? { replies: JSON.parse(replies) as HeldPayload[] } : {}),
      };
    },
    async answered(id, replies, consumed) {
      const multi = redis.multi().hset(progressKey(id), 'replies', JSON.stringify(replies), 'sent', 0);
      if (consumed && consumed.count > 0) multi.ltrim(consumed.key, consumed.count, -1);
      const failed = (await multi.exec())?.find(([err]) => err)?.[0];
      if (failed) throw failed;
    },
    async sent(id, count) {
      await redis.hset(progressKey(id), 'sent', count);
    },
    async done(id) {
      await redis.multi().xack(keys.inbox, GROUP, id).xdel(keys.inbox, id).del(progressKey(id)).exec();
    },
    size: () => redis.xlen(keys.inbox),
    async close() {
      const pending = (await redis
        .xpending(keys.inbox, GROUP, '-', '+', 1, consumer)
        .catch(() => [])) as unknown[];
      if (pending.length === 0)
        await redis.xgroup('DELCONSUMER', keys.inbox, GROUP, consumer).catch(() => undefined);
    },
  };
}
