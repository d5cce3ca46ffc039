import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { Redis } from 'ioredis';
import type { AuthStateKeys } from './keys.js';
import type { DeleteMatching } from './redis-parts.js';

export interface RedisAuthState {
  readonly state: AuthenticationState;
  /**
   * Writes the current credentials; call it on every `creds.update`. Writes are chained so they land
   * in order; a failed write is retried with the latest credentials by the next call.
   */
  saveCreds(): Promise<void>;
  /** Deletes the credentials and every signal key (after a logout: the next start pairs again). */
  clear(): Promise<void>;
}

const encode = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
const decode = (text: string): unknown => JSON.parse(text, BufferJSON.reviver) as unknown;

/**
 * Baileys' authentication state (credentials and signal keys) in Redis instead of files, saved on every
 * change. Buffers are kept with Baileys' own BufferJSON replacer and reviver, as its file store does.
 * Creating it reads the credentials, or starts new ones (a QR code or pairing code follows).
 */
export async function loadRedisAuthState(
  redis: Redis,
  keys: AuthStateKeys,
  deleteMatching: DeleteMatching,
): Promise<RedisAuthState> {
  const stored = await redis.get(keys.creds);
  const creds: AuthenticationCreds =
    stored === null ? initAuthCreds() : (decode(stored) as AuthenticationCreds);
  const hashOf = (type: keyof SignalDataTypeMap) => `${keys.keysPrefix}${type}`;

  const store: SignalKeyStore = {
    async get(type, ids) {
      const out: { [id: string]: SignalDataTypeMap[typeof type] } = {};
      if (ids.length === 0) return out;
      const values = await redis.hmget(hashOf(type), ...ids);
      ids.forEach((id, i) => {
        const raw = values[i];
        if (raw === null || raw === undefined) return;
        let value = decode(raw);
        if (type === 'app-state-sync-key' && value) {
          value = proto.Message.AppStateSyncKeyData.fromObject(value);
        }
        out[id] = value as SignalDataTypeMap[typeof type];
      });
      return out;
    },
    async set(data: SignalDataSet) {
      const multi = redis.multi();
      for (const [type, entries] of Object.entries(data)) {
        const hash = hashOf(type as keyof SignalDataTypeMap);
        for (const [id, value] of Object.entries(entries)) {
          if (value === null || value === undefined) multi.hdel(hash, id);
          else multi.hset(hash, id, encode(value));
        }
      }
      const results = (await multi.exec()) ?? [];
      const failed = results.find(([err]) => err !== null);
      if (failed?.[0]) throw failed[0];
    },
    clear: async () => {
      await deleteMatching(redis, `${keys.keysPrefix}*`);
    },
  };

  let writing: Promise<void> = Promise.resolve();
  return {
    state: { creds, keys: store },
    saveCreds() {
      // Each write sends the credentials as they are when it runs: the newest always wins.
      const next = writing
        .catch(() => undefined)
        .then(async () => {
          await redis.set(keys.creds, encode(creds));
        });
      writing = next;
      return next;
    },
    async clear() {
      await writing.catch(() => undefined);
      await redis.del(keys.creds);
      await deleteMatching(redis, `${keys.keysPrefix}*`, 200);
    },
  };
}
