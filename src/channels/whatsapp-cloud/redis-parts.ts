import type { Redis } from 'ioredis';
import type { ScriptFile } from '../../core/ports.js';
import type { WhatsAppCloudKeys } from './keys.js';

/**
 * What the composition root gives the Cloud API channel from the storage layer, which a channel never
 * imports (DESIGN §2): the number's key names, and the loader of its scripts (its `lua/` files).
 */
export interface CloudRedisParts {
  readonly keys: WhatsAppCloudKeys;
  readonly defineScripts: (redis: Redis, scripts: readonly ScriptFile[]) => void;
}
