import type { Redis } from 'ioredis';
import type { Clock, Logger } from '../core/ports.js';
import type { RegisterDesk } from '../core/register.js';
import type { VillageFinder } from '../core/report.js';
import type { OfficerDirectory } from '../officers/officer.js';
import { registerKeys } from '../storage/keys.js';
import { MemoryRegisterStore } from './memory-register-store.js';
import { RedisRegisterStore } from './redis-register-store.js';
import { ASSUMED_CONTRACT_MONTHS, createRegisterDesk } from './register-desk.js';
import type { RegisterStore } from './register-store.js';

export interface RegisterSideDeps {
  /** The bot's Redis; the register is kept in memory without one (console demo). */
  readonly redis?: Redis;
  readonly prefix: string;
  readonly officers: OfficerDirectory;
  readonly villages: VillageFinder;
  readonly areaName: (code: string) => string | undefined;
  /** REGISTER_RETENTION_MONTHS. */
  readonly retentionMonths: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The departure/return register: its store (Redis or memory) and the desk the flows use. */
export function createRegisterSide(deps: RegisterSideDeps): {
  readonly store: RegisterStore;
  readonly desk: RegisterDesk;
} {
  const store = deps.redis
    ? new RedisRegisterStore(deps.redis, registerKeys(deps.prefix))
    : new MemoryRegisterStore();
  const desk = createRegisterDesk({ ...deps, store, assumedContractMonths: ASSUMED_CONTRACT_MONTHS });
  return { store, desk };
}
