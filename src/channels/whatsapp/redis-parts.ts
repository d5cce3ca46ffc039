import type { Redis } from 'ioredis';
import type { ScriptFile, TakeLease } from '../../core/ports.js';
import type { WhatsAppKeys } from './keys.js';

export type { ScriptFile } from '../../core/ports.js';

/** Defines the channel's scripts (its `lua/` files) as commands on a client (once per client). */
export type DefineScripts = (redis: Redis, scripts: readonly ScriptFile[]) => void;

/** Deletes every key matching `pattern` (on every primary of a Cluster), `count` per scan; how many went. */
export type DeleteMatching = (redis: Redis, pattern: string, count?: number) => Promise<number>;

/**
 * What the composition root gives the WhatsApp channel from the storage layer, which a channel never
 * imports (DESIGN §2): the number's key names, its lease, script loading and key scans.
 */
export interface WhatsAppRedisParts {
  readonly keys: WhatsAppKeys;
  /** The lease on the number (the key is its `keys.lease`). */
  readonly takeLease: TakeLease;
  readonly defineScripts: DefineScripts;
  readonly deleteMatching: DeleteMatching;
}
