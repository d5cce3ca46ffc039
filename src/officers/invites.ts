import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REPORT_CODE_ALPHABET, type AreaLevel } from '../core/report.js';
import type { InviteKeys } from '../storage/keys.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';

/** What an invite grants, as stored (under the code's hash, never the code). */
export interface Invite {
  readonly role: AreaLevel;
  readonly area: string;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export type RedeemResult =
  | { readonly type: 'ok'; readonly invite: Invite }
  | { readonly type: 'invalid' | 'expired' | 'used' | 'limited' };

export interface InviteStore {
  /** Stores the invite under the hash of `code`. */
  add(code: string, invite: Invite): Promise<void>;
  /**
   * Uses the invite once. Wrong codes count against the address: after `maxFailures` in an hour it
   * is refused without looking (guessing codes is pointless).
   */
  redeem(code: string, address: string, now: Date): Promise<RedeemResult>;
}

/** Invite codes: 8 characters without look-alikes, shown as `K7QM-4XTA`. */
const CODE_LENGTH = 8;
export const MAX_JOIN_FAILURES = 5;
const FAILURE_WINDOW_S = 3600;
/** Used and expired invites are kept a while, so "used" and "expired" can be told apart from "wrong". */
const KEEP_AFTER_EXPIRY_S = 30 * 86_400;

export function newInviteCode(randomIndex: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++)
    code += REPORT_CODE_ALPHABET.charAt(randomIndex(REPORT_CODE_ALPHABET.length));
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** "k7qm 4xta", "K7QM-4XTA" → "K7QM4XTA". */
export const normalizeInviteCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const inviteHash = (code: string): string =>
  createHash('sha256')
    .update(`demimas-invite\u0000${normalizeInviteCode(code)}`)
    .digest('base64url');

/** Invite keys are named with every other Redis key in src/storage/keys.ts. */
export { inviteKeys, type InviteKeys } from '../storage/keys.js';

const REDEEM = readLuaScript(new URL('./lua/invite-redeem.lua', import.meta.url), 'inviteRedeem');

interface InviteCommands {
  inviteRedeem(...args: (string | number)[]): Promise<[string, string]>;
}

export class RedisInviteStore implements InviteStore {
  private readonly redis: Redis & InviteCommands;

  constructor(
    redis: Redis,
    private readonly keys: InviteKeys,
  ) {
    defineScripts(redis, [REDEEM]);
    this.redis = redis as Redis & InviteCommands;
  }

  async add(code: string, invite: Invite): Promise<void> {
    const ttl = Math.ceil((Date.parse(invite.expiresAt) - Date.now()) / 1000) + KEEP_AFTER_EXPIRY_S;
    await this.redis.set(this.keys.invite(inviteHash(code)), JSON.stringify(invite), 'EX', Math.max(ttl, 60));
  }

  async redeem(code: string, address: string, now: Date): Promise<RedeemResult> {
    const [type, raw] = await this.redis.inviteRedeem(
      this.keys.invite(inviteHash(code)),
      this.keys.failures(address),
      now.toISOString(),
      MAX_JOIN_FAILURES,
      FAILURE_WINDOW_S,
    );
    if (type === 'ok') return { type, invite: JSON.parse(raw) as Invite };
    return { type: type as 'invalid' | 'expired' | 'used' | 'limited' };
  }
}

/** Invites in memory (console demo). */
export class MemoryInviteStore implements InviteStore {
  private readonly invites = new Map<string, Invite & { usedAt?: string }>();
  private readonly failures = new Map<string, { n: number; until: number }>();

  add(code: string, invite: Invite): Promise<void> {
    this.invites.set(inviteHash(code), invite);
    return Promise.resolve();
  }

  redeem(code: string, address: string, now: Date): Promise<RedeemResult> {
    const f = this.failures.get(address);
    const fails = f && f.until > now.getTime() ? f.n : 0;
    if (fails >= MAX_JOIN_FAILURES) return Promise.resolve({ type: 'limited' });
    const invite = this.invites.get(inviteHash(code));
    if (!invite) {
      const until = fails > 0 && f ? f.until : now.getTime() + FAILURE_WINDOW_S * 1000;
      this.failures.set(address, { n: fails + 1, until });
      return Promise.resolve({ type: 'invalid' });
    }
    if (invite.usedAt) return Promise.resolve({ type: 'used' });
    if (invite.expiresAt < now.toISOString()) return Promise.resolve({ type: 'expired' });
    this.invites.set(inviteHash(code), { ...invite, usedAt: now.toISOString() });
    return Promise.resolve({ type: 'ok', invite });
  }
}
