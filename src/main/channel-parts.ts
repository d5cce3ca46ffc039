import type { Redis } from 'ioredis';
import type { CloudRedisParts } from '../channels/whatsapp-cloud/redis-parts.js';
import type { DefineScripts, WhatsAppRedisParts } from '../channels/whatsapp/redis-parts.js';
import type { Keys } from '../storage/keys.js';
import { acquireLeaseWaiting } from '../storage/lease.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import { deleteMatching } from '../storage/scan.js';

/** The storage layer's script loader, for a channel's script files (read once per client). */
export const channelScripts: DefineScripts = (redis, scripts) =>
  defineScripts(
    redis,
    scripts.filter((s) => !(s.name in redis)).map((s) => readLuaScript(s.file, s.name)),
  );

/** What the WhatsApp (Baileys) channel gets from storage/ for one account: keys, lease, scripts, scans. */
export function whatsAppRedisParts(redis: Redis, keys: Keys, account: string): WhatsAppRedisParts {
  const own = keys.whatsapp(account);
  return {
    keys: own,
    takeLease: (request) => acquireLeaseWaiting({ redis, key: own.lease, ...request }),
    defineScripts: channelScripts,
    deleteMatching,
  };
}

/** What the WhatsApp Cloud API channel gets from storage/ for one number: its keys and scripts. */
export function cloudRedisParts(keys: Keys, phoneNumberId: string): CloudRedisParts {
  return { keys: keys.whatsappCloud(phoneNumberId), defineScripts: channelScripts };
}
