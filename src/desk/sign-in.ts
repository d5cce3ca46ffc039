import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import type { DeskKeys } from '../storage/keys.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import type { Attempts, Limit } from './attempts.js';

/** Digits in a sign-in code. */
export const CODE_DIGITS = 6;
/** Wrong tries of one waiting code before it is gone. */
export const TRIES_PER_CODE = 5;

/** Sign-in requests from one client address. */
export const SIGN_IN_PER_ADDRESS: Limit = { kind: 'ask-ip', max: 10, windowS: 900 };
/** Codes sent to one officer's chat (so the desk cannot be used to flood it). */
export const CODES_PER_OFFICER: Limit = { kind: 'sent', max: 5, windowS: 900 };
/** Wrong codes from one client address. */
export const WRONG_PER_ADDRESS: Limit = { kind: 'wrong-ip', max: 10, windowS: 900 };
/** Wrong codes for one officer, from anywhere: then no sign-in for them until the hour is over. */
export const WRONG_PER_OFFICER: Limit = { kind: 'wrong-officer', max: 10, windowS: 3600 };

export type Requested =
  | { readonly type: 'waiting'; readonly token: string }
  /** Too many sign-in requests from this client address. */
  | { readonly type: 'limited' };

export type Verified =
  | { readonly type: 'ok'; readonly officer: Officer }
  | { readonly type: 'wrong' }
  /** No code waiting for this browser (never asked, expired, used or too many tries). */
  | { readonly type: 'gone' }
  | { readonly type: 'limited' };

export interface SignInDeps {
  readonly redis: Redis;
  readonly keys: DeskKeys;
  readonly directory: OfficerDirectory;
  readonly attempts: Attempts;
  /** Sends the code to the officer's chat (the bot's channels, as alerts go). */
  readonly sendCode: (officer: Officer, code: string) => Promise<void>;
  readonly codeMs: number;
  readonly logger: Logger;
}

const CHECK = readLuaScript(new URL('./lua/code-check.lua', import.meta.url), 'deskCodeCheck');

interface CheckCommand {
  deskCodeCheck(key: string, codeHash: string, tries: number): Promise<[string, string]>;
}

/** The code as stored: salted with the browser's token, which Redis never holds. */
const codeHash = (token: string, code: string): string =>
  createHash('sha256').update(`demimas-desk-code\u0000${token}\u0000${code}`).digest('base64url');

/**
 * What an officer types to sign in: their officer id (from the admin), the WhatsApp number they
 * registered with (08…, 62…, +62…), their Telegram chat id, or a full chat address.
 */
export function addressesOf(typed: string): { id?: string; addresses: string[] } {
  const t = typed.trim();
  if (/^o[a-z0-9]{9}$/i.test(t)) return { id: t.toLowerCase(), addresses: [] };
  if (/^(telegram|whatsapp|console):\S+$/.test(t)) return { addresses: [t] };
  if (!/^\+?[\d\s().-]{5,24}$/.test(t)) return { addresses: [] };
  const digits = t.replace(/\D/g, '');
  const phone = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  return { addresses: [`whatsapp:${phone}`, `telegram:${digits}`] };
}

/**
 * Sign-in with a one-time code sent through the bot (no passwords). The browser holds a random token;
 * Redis holds the code's hash under the token's hash, for `codeMs`, for one use. The answer to a
 * request is the same whether or not the typed id is an officer's.
 */
export function createSignIn(deps: SignInDeps) {
  const { redis, keys, attempts } = deps;
  defineScripts(redis, [CHECK]);
  const scripts = redis as Redis & CheckCommand;

  async function findOfficer(typed: string): Promise<Officer | undefined> {
    const { id, addresses } = addressesOf(typed);
    if (id) {
      const o = await deps.directory.get(id);
      return o?.active ? o : undefined;
    }
    for (const a of addresses) {
      const o = await deps.directory.byAddress(a);
      if (o?.active) return o;
    }
    return undefined;
  }

  return {
    async request(typed: string, client: string): Promise<Requested> {
      if (!(await attempts.count(SIGN_IN_PER_ADDRESS, client))) return { type: 'limited' };
      const officer = await findOfficer(typed.slice(0, 100));
      const token = randomBytes(32).toString('base64url');
      const code = String(randomInt(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
      // Nobody by that id: a code nobody is told waits just the same, so the answers do not differ.
      await redis
        .multi()
        .hset(keys.challenge(token), { code: codeHash(token, code), officer: officer?.id ?? '', tries: 0 })
        .pexpire(keys.challenge(token), deps.codeMs)
        .exec();
      if (officer && (await attempts.count(CODES_PER_OFFICER, officer.id))) {
        await deps.sendCode(officer, code).catch((err: unknown) => {
          deps.logger.warn({ err, officer: officer.id }, 'desk sign-in code not sent');
        });
      }
      return { type: 'waiting', token };
    },

    async verify(token: string, typed: string, client: string): Promise<Verified> {
      if (await attempts.exceeded(WRONG_PER_ADDRESS, client)) return { type: 'limited' };
      const waitingFor = await redis.hget(keys.challenge(token), 'officer');
      if (waitingFor === null) return { type: 'gone' };
      if (waitingFor && (await attempts.exceeded(WRONG_PER_OFFICER, waitingFor))) return { type: 'limited' };
      const code = typed.replace(/\D/g, '').slice(0, CODE_DIGITS);
      const [result, id] = await scripts.deskCodeCheck(
        keys.challenge(token),
        codeHash(token, code),
        TRIES_PER_CODE,
      );
      if (result === 'gone') return { type: 'gone' };
      if (result === 'wrong' || !id) {
        await attempts.count(WRONG_PER_ADDRESS, client);
        if (id) await attempts.count(WRONG_PER_OFFICER, id);
        return { type: 'wrong' };
      }
      const officer = await deps.directory.get(id);
      return officer?.active ? { type: 'ok', officer } : { type: 'gone' };
    },

    /** Ends a waiting code (the browser signed in or asked again). */
    async drop(token: string): Promise<void> {
      await redis.del(keys.challenge(token));
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
