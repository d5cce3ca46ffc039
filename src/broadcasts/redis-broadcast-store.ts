import type { Redis } from 'ioredis';
import type { BroadcastKeys } from '../storage/keys.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import type { Broadcast, BroadcastStatus, RecipientResult } from './broadcast.js';

const SCRIPTS = [readLuaScript(new URL('./lua/broadcast-mark.lua', import.meta.url), 'broadcastMark')];

interface Commands {
  broadcastMark(
    marks: string,
    broadcast: string,
    field: string,
    op: string,
    resent: string,
  ): Promise<string | number>;
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
    const h = await this.redis.hgetall(this.keys.broadcast(id));
    if (!h.def) return undefined;
    const b = JSON.parse(h.def) as Broadcast;
    const marked = await this.redis.hlen(this.keys.marks(id));
    const n = (v: string | undefined) => Number(v ?? 0);
    const done = n(h.sent) + n(h.blocked) + n(h.skipped) + n(h.deferred);
    return {
      id,
      createdAt: b.createdAt,
      by: b.by,
      audience: b.audience,
      ...(h.total === undefined ? {} : { total: n(h.total) }),
      sent: n(h.sent),
      blocked: n(h.blocked),
      skipped: n(h.skipped),
      deferred: n(h.deferred),
      resent: n(h.resent),
      sending: marked - done,
    };
  }

  /** The newest broadcast ids first. */
  recent(count: number): Promise<string[]> {
    return this.redis.zrevrange(this.keys.byTime(), 0, count - 1);
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
