import type { Redis } from 'ioredis';
import type { Month } from '../core/register.js';
import type { RegisterKeys } from '../storage/keys.js';
import { areasOf, monthScore, type RegisterRecord, type RegisterStore } from './register-store.js';

/**
 * Register entries in Redis: one JSON string per entry and sorted-set/set indexes, all under the `{g}`
 * tag, so each change is one MULTI (atomic, and one slot under Cluster). No TTL: the retention command
 * deletes entries by the anchor index.
 */
export class RedisRegisterStore implements RegisterStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RegisterKeys,
  ) {}

  async save(r: RegisterRecord): Promise<void> {
    const k = this.keys;
    const created = Date.parse(r.createdAt);
    const tx = this.redis.multi().set(k.entry(r.id), JSON.stringify(r));
    for (const area of areasOf(r.village)) tx.zadd(k.byArea(area), created, r.id);
    tx.zadd(k.all(), created, r.id)
      .sadd(k.byRecorder(r.recorder), r.id)
      .zadd(k.anchor(), monthScore(r.anchor), r.id);
    await exec(tx);
  }

  async get(id: string): Promise<RegisterRecord | undefined> {
    const raw = await this.redis.get(this.keys.entry(id));
    return raw === null ? undefined : (JSON.parse(raw) as RegisterRecord);
  }

  idsByArea(area: string): Promise<string[]> {
    return this.redis.zrange(area === '' ? this.keys.all() : this.keys.byArea(area), 0, -1);
  }

  async idsByRecorder(recorder: string): Promise<string[]> {
    return (await this.redis.smembers(this.keys.byRecorder(recorder))).sort();
  }

  idsAnchoredBefore(month: Month): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.anchor(), '-inf', `(${String(monthScore(month))}`);
  }

  async delete(id: string): Promise<boolean> {
    const k = this.keys;
    const r = await this.get(id);
    if (!r) return false;
    const tx = this.redis.multi().del(k.entry(id));
    for (const area of areasOf(r.village)) tx.zrem(k.byArea(area), id);
    tx.zrem(k.all(), id).srem(k.byRecorder(r.recorder), id).zrem(k.anchor(), id);
    const results = await exec(tx);
    return results[0] === 1;
  }
}

/** Runs a MULTI; a command error inside it is thrown, not returned as a value. */
async function exec(tx: ReturnType<Redis['multi']>): Promise<unknown[]> {
  const results = (await tx.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  return results.map(([, value]) => value);
}
