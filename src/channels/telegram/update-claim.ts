/** The one Redis command this needs; an ioredis client has it (the channel needs no Redis library). */
export interface SetIfAbsent {
  set(key: string, value: string, px: 'PX', ttlMs: number, nx: 'NX'): Promise<'OK' | null>;
}

/**
 * How long a taken update is remembered. Telegram sends an update again only when its webhook call
 * failed or timed out, within minutes; an hour of markers costs about 100 bytes per update.
 */
export const UPDATE_CLAIM_TTL_MS = 3_600_000;

/** The key of a taken update (named with every other key in src/storage/keys.ts, passed in by main). */
export interface UpdateKeys {
  telegramUpdate(botId: number, updateId: number): string;
}

/** Takes an update for this process: false when a process of the same bot took it already. */
export type UpdateClaim = (botId: number, updateId: number) => Promise<boolean>;

/**
 * Update ids shared by every bot process on one Redis (webhooks behind a load balancer): one
 * `SET NX PX` per update, so a retried delivery that reaches another process is not answered twice.
 */
export function createRedisUpdateClaim(
  redis: SetIfAbsent,
  keys: UpdateKeys,
  ttlMs = UPDATE_CLAIM_TTL_MS,
): UpdateClaim {
  return async (botId, updateId) =>
    (await redis.set(keys.telegramUpdate(botId, updateId), '1', 'PX', ttlMs, 'NX')) === 'OK';
}
