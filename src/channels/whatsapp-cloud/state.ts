import type { Redis } from 'ioredis';
import type { WhatsAppCloudKeys } from './keys.js';
import type { MediaPayload } from './graph-api.js';
import type { CloudPayload } from './render.js';
import type { CloudStatus } from './to-inbound.js';

/** The customer-service window: free-form messages only this long after the user last wrote. */
export const WINDOW_MS = 24 * 3_600_000;
/** Meta re-delivers an unacknowledged notification for up to 7 days (the inbox keeps seen ids as long). */
export const SEEN_TTL_SECONDS = 7 * 86_400;
export const STATUS_TTL_SECONDS = 7 * 86_400;
const CONTACTABLE_MAX_AGE_MS = 365 * 86_400_000;

/** What the Cloud channel remembers in Redis, per number. */
export interface CloudState {
  /** The user wrote at `at`: opens (or keeps open) the 24-hour window, and they are reachable again. */
  wrote(address: string, at: Date): Promise<void>;
  /** True while less than 24 hours have passed since the user last wrote. */
  windowOpen(address: string, now: Date): Promise<boolean>;
  /** Registered officers (and anyone who wrote) may get templates outside the window. */
  markContactable(address: string, at: Date): Promise<void>;
  isContactable(address: string, now: Date): Promise<boolean>;
  markUnreachable(address: string): Promise<void>;
  isUnreachable(address: string): Promise<boolean>;
  /** Keeps the last status of a sent message. */
  recordStatus(status: CloudStatus): Promise<void>;
  lastStatus(messageId: string): Promise<{ status: string; at: number; errorCode?: number } | undefined>;
  /** Keeps messages for an address that got only a template: they go out in full when it writes. */
  hold(address: string, payloads: readonly HeldPayload[]): Promise<void>;
  /** The messages held for an address (not removed: the inbox drops them with the turn's record). */
  held(address: string): Promise<{ key: string; payloads: HeldPayload[] }>;
  forget(address: string): Promise<void>;
}

/** A held message: rendered text, buttons or a list, or evidence uploaded before (by media id). */
export type HeldPayload = CloudPayload | MediaPayload;

/** Held messages wait this long for the user to write (an alert escalates long before). */
export const HELD_TTL_MS = 7 * 86_400_000;

export function createCloudState(redis: Redis, keys: WhatsAppCloudKeys): CloudState {
  return {
    async wrote(address, at) {
      const key = keys.lastInbound(address);
      // Only ever later: a re-delivered old message must not move the window back.
      const previous = Number((await redis.get(key)) ?? 0);
      const ms = Math.max(previous, at.getTime());
      await redis
        .multi()
        .set(key, String(ms), 'PX', WINDOW_MS + 3_600_000)
        .srem(keys.unreachable, keys.addressId(address))
        .zadd(keys.contactable, at.getTime(), keys.addressId(address))
        .exec();
    },
    async windowOpen(address, now) {
      const last = Number((await redis.get(keys.lastInbound(address))) ?? NaN);
      return Number.isFinite(last) && now.getTime() - last < WINDOW_MS;
    },
    async markContactable(address, at) {
      await redis.zadd(keys.contactable, at.getTime(), keys.addressId(address));
    },
    async isContactable(address, now) {
      const score = await redis.zscore(keys.contactable, keys.addressId(address));
      return score !== null && now.getTime() - Number(score) < CONTACTABLE_MAX_AGE_MS;
    },
    async markUnreachable(address) {
      await redis.sadd(keys.unreachable, keys.addressId(address));
    },
    async isUnreachable(address) {
      return (await redis.sismember(keys.unreachable, keys.addressId(address))) === 1;
    },
    async recordStatus(s) {
      const value = JSON.stringify({
        status: s.status,
        at: s.at.getTime(),
        ...(s.errorCode !== undefined ? { errorCode: s.errorCode } : {}),
      });
      await redis.set(keys.status(s.messageId), value, 'EX', STATUS_TTL_SECONDS);
    },
    async lastStatus(messageId) {
      const raw = await redis.get(keys.status(messageId));
      return raw ? (JSON.parse(raw) as { status: string; at: number; errorCode?: number }) : undefined;
    },
    async hold(address, payloads) {
      if (payloads.length === 0) return;
      const key = keys.held(address);
      await redis
        .multi()
        .rpush(key, ...payloads.map((p) => JSON.stringify(p)))
        .pexpire(key, HELD_TTL_MS)
        .exec();
    },
    async held(address) {
      const key = keys.held(address);
      const raw = await redis.lrange(key, 0, -1);
      return { key, payloads: raw.map((r) => JSON.parse(r) as HeldPayload) };
    },
    async forget(address) {
      await redis
        .multi()
        .del(keys.held(address))
        .del(keys.lastInbound(address))
        .srem(keys.unreachable, keys.addressId(address))
        .zrem(keys.contactable, keys.addressId(address))
        .exec();
    },
  };
}
