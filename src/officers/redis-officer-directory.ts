import type { Redis } from 'ioredis';
import type { AreaLevel } from '../core/report.js';
import type { OfficerKeys } from '../storage/keys.js';
import type { Officer, OfficerDirectory } from './officer.js';

/** Officer keys are named with every other Redis key in src/storage/keys.ts. */
export { officerKeys, type OfficerKeys } from '../storage/keys.js';

export class RedisOfficerDirectory implements OfficerDirectory {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OfficerKeys,
  ) {}

  async get(id: string): Promise<Officer | undefined> {
    const raw = await this.redis.get(this.keys.officer(id));
    return raw ? (JSON.parse(raw) as Officer) : undefined;
  }

  async byAddress(address: string): Promise<Officer | undefined> {
    const id = await this.redis.get(this.keys.address(address));
    return id ? this.get(id) : undefined;
  }

  async forArea(role: AreaLevel, area: string): Promise<Officer[]> {
    const byId = await this.redis.hgetall(this.keys.area(role, area));
    return Object.keys(byId)
      .sort()
      .map((id) => JSON.parse(byId[id] ?? '{}') as Officer)
      .filter((o) => o.active);
  }

  async save(officer: Officer): Promise<void> {
    const previous = await this.byAddress(officer.address);
    const multi = this.redis.multi();
    if (previous && previous.id !== officer.id) {
      multi.hdel(this.keys.area(previous.role, previous.area), previous.id);
      multi.set(this.keys.officer(previous.id), JSON.stringify({ ...previous, active: false }));
    }
    const json = JSON.stringify(officer);
    multi.set(this.keys.officer(officer.id), json);
    multi.sadd(this.keys.all(), officer.id);
    if (officer.active) {
      multi.hset(this.keys.area(officer.role, officer.area), officer.id, json);
      multi.set(this.keys.address(officer.address), officer.id);
    } else {
      multi.hdel(this.keys.area(officer.role, officer.area), officer.id);
      multi.del(this.keys.address(officer.address));
    }
    await multi.exec();
  }

  async list(): Promise<Officer[]> {
    const ids = await this.redis.smembers(this.keys.all());
    const found = await Promise.all(ids.sort().map((id) => this.get(id)));
    return found.filter((o): o is Officer => o !== undefined);
  }
}
