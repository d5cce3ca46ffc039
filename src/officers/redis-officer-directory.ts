import type { Redis } from 'ioredis';
import type { AreaLevel } from '../core/report.js';
import type { Officer, OfficerDirectory } from './officer.js';

/** Every Redis key of officers, in one place. */
export function officerKeys(prefix: string) {
  return {
    officer: (id: string) => `${prefix}o:${id}`,
    all: () => `${prefix}oi:all`,
    area: (role: AreaLevel, area: string) => `${prefix}oi:${role}:${area}`,
    address: (address: string) => `${prefix}oi:addr:${address}`,
  };
}

export type OfficerKeys = ReturnType<typeof officerKeys>;

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
    const ids = await this.redis.smembers(this.keys.area(role, area));
    const found = await Promise.all(ids.sort().map((id) => this.get(id)));
    return found.filter((o): o is Officer => o !== undefined && o.active);
  }

  async save(officer: Officer): Promise<void> {
    const previous = await this.byAddress(officer.address);
    const multi = this.redis.multi();
    if (previous && previous.id !== officer.id) {
      multi.srem(this.keys.area(previous.role, previous.area), previous.id);
      multi.set(this.keys.officer(previous.id), JSON.stringify({ ...previous, active: false }));
    }
    multi.set(this.keys.officer(officer.id), JSON.stringify(officer));
    multi.sadd(this.keys.all(), officer.id);
    if (officer.active) {
      multi.sadd(this.keys.area(officer.role, officer.area), officer.id);
      multi.set(this.keys.address(officer.address), officer.id);
    } else {
      multi.srem(this.keys.area(officer.role, officer.area), officer.id);
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
