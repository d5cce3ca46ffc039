import type { Redis } from 'ioredis';
import type { Subscriber } from '../core/subscriptions.js';
import type { BroadcastKeys } from '../storage/keys.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import {
  indexEntries,
  warningDistricts,
  type Audience,
  type SubscriptionStore,
} from './subscription-store.js';

const SCRIPTS = [readLuaScript(new URL('./lua/subscriber-put.lua', import.meta.url), 'subscriberPut')];

interface Commands {
  subscriberPut(
    record: string,
    all: string,
    jobsPrefix: string,
    warningsPrefix: string,
    address: string,
    doc: string,
    idx: string,
  ): Promise<number>;
}

/**
 * Subscribers on Redis: one hash per hashed address (the record, and the index entries it is listed
 * under) and sets of addresses per jobs country (`*` for any) and per warnings district. A record and
 * its index entries change in one script, all under the `{bc}` tag.
 */
export class RedisSubscriptionStore implements SubscriptionStore {
  private readonly scripts: Commands;

  constructor(
    private readonly redis: Redis,
    private readonly keys: BroadcastKeys,
  ) {
    defineScripts(redis, SCRIPTS);
    this.scripts = redis as unknown as Commands;
  }

  async get(address: string): Promise<Subscriber | undefined> {
    const raw = await this.redis.hget(this.keys.subscriber(address), 'doc');
    return raw === null ? undefined : (JSON.parse(raw) as Subscriber);
  }

  async put(subscriber: Subscriber): Promise<void> {
    await this.write(subscriber.address, JSON.stringify(subscriber), indexEntries(subscriber));
  }

  async delete(address: string): Promise<void> {
    await this.write(address, '', indexEntries(undefined));
  }

  private write(address: string, doc: string, idx: ReturnType<typeof indexEntries>) {
    return this.scripts.subscriberPut(
      this.keys.subscriber(address),
      this.keys.all(),
      this.keys.jobs(''),
      this.keys.warnings(''),
      address,
      doc,
      JSON.stringify(idx),
    );
  }

  /** The index sets an audience is the union of. */
  private sets(audience: Audience): string[] {
    if (audience.type === 'warnings') return warningDistricts(audience).map((d) => this.keys.warnings(d));
    return [this.keys.jobs('*'), ...audience.countries.map((c) => this.keys.jobs(c))];
  }

  audience(audience: Audience): Promise<string[]> {
    const [one, ...more] = this.sets(audience);
    if (!one) return Promise.resolve([]);
    return more.length === 0 ? this.redis.smembers(one) : this.redis.sunion(one, ...more);
  }

  async audienceSize(audience: Audience): Promise<number> {
    const [one, ...more] = this.sets(audience);
    if (!one) return 0;
    return more.length === 0 ? this.redis.scard(one) : (await this.redis.sunion(one, ...more)).length;
  }

  count(): Promise<number> {
    return this.redis.scard(this.keys.all());
  }
}
