import type { Redis } from 'ioredis';
import type { BroadcastKeys } from '../storage/keys.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import type { AnnouncedJob, Broadcast, BroadcastStatus, RecipientResult } from './broadcast.js';
import { digestDueAt } from './render.js';

/** Listings kept for a daily digest are dropped this long after it was due (it went out by then). */
const DIGEST_KEEP_S = 8 * 86_400;

const SCRIPTS = [
  readLuaScript(new URL('./lua/broadcast-mark.lua', import.meta.url), 'broadcastMark'),
  readLuaScript(new URL('./lua/broadcast-day-slot.lua', import.meta.url), 'broadcastDaySlot'),
];

interface Commands {
  broadcastMark(
    marks: string,
    broadcast: string,
    field: string,
    op: string,
    resent: string,
  ): Promise<string | number>;
  broadcastDaySlot(count: string, op: string, cap: string, keepS: string): Promise<number>;
}

/** What a recipient's claim found: claimed now, or a state left by an earlier run. */
export type Claim = 'ok' | 'sending' | RecipientResult;

/**
 * Broadcasts on Redis: the definition and counters in one hash, each recipient's mark in another
 * (field: the hashed address), the ids by time. Marks and counters change in one script.
 */
export class RedisBroadcastStore {
  private readonly scripts: Commands;

  constructor(
    private readonly redis: Redis,
    private readonly keys: BroadcastKeys,
  ) {
    defineScripts(redis, SCRIPTS);
    this.scripts = redis as unknown as Commands;
  }

  /** Stores a new broadcast; false when one with this id exists (it is left as it was). */
  async create(b: Broadcast): Promise<boolean> {
    const made = await this.redis.hsetnx(this.keys.broadcast(b.id), 'def', JSON.stringify(b));
    if (made === 1) await this.redis.zadd(this.keys.byTime(), Date.parse(b.createdAt), b.id);
    return made === 1;
  }

  async get(id: string): Promise<Broadcast | undefined> {
    const raw = await this.redis.hget(this.keys.broadcast(id), 'def');
    return raw === null ? undefined : (JSON.parse(raw) as Broadcast);
  }

  /** Records how many recipients the expansion found. */
  async expanded(id: string, total: number): Promise<void> {
    await this.redis.hset(this.keys.broadcast(id), 'total', total);
  }

  async claim(id: string, address: string): Promise<Claim> {
    return String(await this.mark(id, address, 'claim')) as Claim;
  }

  /** The channel refused the message (nothing went out): the claim is let go for a retry. */
  async release(id: string, address: string): Promise<void> {
    await this.mark(id, address, 'release');
  }

  /**
   * Records a final state; false when the recipient already had one (then nothing is counted).
   * `resent`: sent again after a claim left by a worker that died mid-send.
   */
  async finish(id: string, address: string, result: RecipientResult, resent = false): Promise<boolean> {
    return (await this.mark(id, address, result, resent)) === 1;
  }

  private mark(id: string, address: string, op: string, resent = false) {
    return this.scripts.broadcastMark(
      this.keys.marks(id),
      this.keys.broadcast(id),
      this.keys.markField(address),
      op,
      resent ? 'resent' : '',
    );
  }

  async status(id: string): Promise<BroadcastStatus | undefined> {
    return (await this.statuses([id]))[0]?.status;
  }

  /**
   * Broadcasts with where each stands, in the order of `ids`; an id with no broadcast is left out.
   * What `broadcasts status` prints and the desk's broadcasts page shows.
   */
  async statuses(ids: readonly string[]): Promise<{ broadcast: Broadcast; status: BroadcastStatus }[]> {
    const read = await Promise.all(
      ids.map((id) =>
        Promise.all([this.redis.hgetall(this.keys.broadcast(id)), this.redis.hlen(this.keys.marks(id))]),
      ),
    );
    return read.flatMap(([h, marked], i) => {
      const id = ids[i];
      if (!h.def || id === undefined) return [];
      const b = JSON.parse(h.def) as Broadcast;
      const n = (v: string | undefined) => Number(v ?? 0);
      const done = n(h.sent) + n(h.blocked) + n(h.skipped) + n(h.deferred) + n(h.failed);
      const status: BroadcastStatus = {
        id,
        createdAt: b.createdAt,
        by: b.by,
        audience: b.audience,
        ...(h.total === undefined ? {} : { total: n(h.total) }),
        sent: n(h.sent),
        blocked: n(h.blocked),
        skipped: n(h.skipped),
        deferred: n(h.deferred),
        failed: n(h.failed),
        resent: n(h.resent),
        sending: marked - done,
        ...(h.total === undefined ? {} : { pending: Math.max(0, n(h.total) - marked) }),
      };
      return [{ broadcast: b, status }];
    });
  }

  /** Broadcast ids by time, newest first: `count` of them, after skipping the `skip` newest. */
  recent(count: number, skip = 0): Promise<string[]> {
    return this.redis.zrevrange(this.keys.byTime(), skip, skip + count - 1);
  }

  /** Keeps listings for one subscriber's daily digest (a listing kept twice is kept once). */
  async defer(bucket: string, address: string, jobs: readonly AnnouncedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const k = this.keys;
    const expireAt = Math.ceil(digestDueAt(bucket) / 1000) + DIGEST_KEEP_S;
    const results = await this.redis
      .multi()
      .hset(k.digest(bucket, address), ...jobs.flatMap((j) => [j.id, JSON.stringify(j)]))
      .expireat(k.digest(bucket, address), expireAt)
      .sadd(k.digestWho(bucket), address)
      .expireat(k.digestWho(bucket), expireAt)
      .zadd(k.digestDue(), digestDueAt(bucket), bucket)
      .exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('digest write was discarded');
  }

  /** The addresses with listings kept for a digest. */
  digestAddresses(bucket: string): Promise<string[]> {
    return this.redis.smembers(this.keys.digestWho(bucket));
  }

  /** The listings kept for one subscriber's digest, by country and id. */
  async digestJobs(bucket: string, address: string): Promise<AnnouncedJob[]> {
    const raw = await this.redis.hvals(this.keys.digest(bucket, address));
    return raw
      .map((r) => JSON.parse(r) as AnnouncedJob)
      .sort((a, b) => a.country.localeCompare(b.country) || a.id.localeCompare(b.id));
  }

  /** "Delete my data": the address leaves every digest not yet started, with the listings kept for it. */
  async forget(address: string): Promise<void> {
    const k = this.keys;
    const buckets = await this.redis.zrange(k.digestDue(), 0, -1);
    if (buckets.length === 0) return;
    const m = this.redis.multi();
    for (const b of buckets) m.srem(k.digestWho(b), address).del(k.digest(b, address));
    await m.exec();
  }

  /** Digests due by `nowMs` and not yet started, oldest first. */
  dueDigests(nowMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.digestDue(), '-inf', nowMs);
  }

  /** A digest's broadcast is started: it is no longer waiting. */
  async digestStarted(bucket: string): Promise<void> {
    await this.redis.zrem(this.keys.digestDue(), bucket);
  }

  /**
   * Takes one of a channel's messages of the day (`YYYYMMDD`, UTC) under its cap; false when the
   * cap is reached. `give` returns one that was not used (nothing went out).
   */
  async daySlot(channel: string, day: string, cap: number, op: 'take' | 'give' = 'take'): Promise<boolean> {
    const kept = 2 * 86_400;
    return (
      (await this.scripts.broadcastDaySlot(
        this.keys.daySent(channel, day),
        op,
        String(cap),
        String(kept),
      )) === 1
    );
  }

  /** Of these job listing ids, the ones never announced; they are marked announced at once. */
  async unannounced(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const m = this.redis.multi();
    for (const id of ids) m.sadd(this.keys.announced(), id);
    const added = (await m.exec()) ?? [];
    return ids.filter((_, i) => added[i]?.[1] === 1);
  }
}
