import type { Redis } from 'ioredis';
import type { Lease, LeaseResult } from '../core/ports.js';
import { defineScripts, readLuaScript } from './lua-scripts.js';

export type { Lease } from '../core/ports.js';

/*
 * A lease is one Redis key holding the owner's id with an expiry. Taking it is `SET NX PX`; renewing
 * and releasing are compare-and-act Lua scripts, so a process never extends or deletes a lease that
 * expired and was taken by another one meanwhile.
 */

/** Renew and release only while this owner holds the lease (src/storage/lua/). */
const SCRIPTS = [
  readLuaScript(new URL('./lua/lease-renew.lua', import.meta.url), 'leaseRenew'),
  readLuaScript(new URL('./lua/lease-release.lua', import.meta.url), 'leaseRelease'),
];

interface LeaseCommands {
  leaseRenew(key: string, owner: string, ttlMs: number): Promise<number>;
  leaseRelease(key: string, owner: string): Promise<number>;
}

export interface LeaseOptions {
  readonly redis: Redis;
  readonly key: string;
  /** Unique per process (host, pid and a random part): shown to a second process that is refused. */
  readonly owner: string;
  /** The lease expires this long after the last renewal; it is renewed every third of it. */
  readonly ttlMs: number;
  /**
   * Called once when the lease is no longer this process's: another owner holds it, or it could not be
   * renewed (Redis unreachable) for longer than its time to live. The holder must stop at once.
   */
  readonly onLost: (reason: 'taken' | 'expired') => void;
  /** A renewal failed for a reason other than another owner (Redis unreachable); retried. */
  readonly onRenewError?: (err: unknown) => void;
  readonly now?: () => number;
}

export type AcquireResult = LeaseResult;

/**
 * Takes the lease if nobody holds it and keeps renewing it until released. One process owns one
 * WhatsApp number this way (DESIGN §7, §10); a second process is told who holds it.
 */
export async function acquireLease(opts: LeaseOptions): Promise<AcquireResult> {
  const set = await opts.redis.set(opts.key, opts.owner, 'PX', opts.ttlMs, 'NX');
  if (set !== 'OK') {
    const [owner, ttl] = await Promise.all([opts.redis.get(opts.key), opts.redis.pttl(opts.key)]);
    // It expired between the two calls: try once more.
    if (owner === null) return acquireLease(opts);
    return { type: 'held', owner, ttlMs: Math.max(ttl, 0) };
  }
  return { type: 'acquired', lease: holdLease(opts) };
}

/**
 * Tries to take the lease until `waitMs` has passed (a process that died leaves a lease that expires
 * within its time to live), polling every `pollMs`.
 */
export async function acquireLeaseWaiting(
  opts: LeaseOptions & { readonly waitMs: number; readonly pollMs?: number; readonly signal?: AbortSignal },
): Promise<AcquireResult> {
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.waitMs;
  for (;;) {
    const result = await acquireLease(opts);
    if (result.type === 'acquired' || now() >= deadline || opts.signal?.aborted) return result;
    const wait = Math.min(opts.pollMs ?? 1000, Math.max(deadline - now(), 0));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function holdLease(opts: LeaseOptions): Lease {
  defineScripts(opts.redis, SCRIPTS);
  const scripts = opts.redis as unknown as LeaseCommands;
  const now = opts.now ?? Date.now;
  let held = true;
  let lastRenewed = now();
  let renewing: Promise<void> = Promise.resolve();

  const lose = (reason: 'taken' | 'expired') => {
    if (!held) return;
    held = false;
    clearInterval(timer);
    opts.onLost(reason);
  };

  const renew = async () => {
    try {
      const ok = await scripts.leaseRenew(opts.key, opts.owner, opts.ttlMs);
      if (!held) return;
      if (ok === 1) lastRenewed = now();
      else lose('taken');
    } catch (err) {
      if (!held) return;
      opts.onRenewError?.(err);
      if (now() - lastRenewed >= opts.ttlMs) lose('expired');
    }
  };

  const timer = setInterval(
    () => {
      renewing = renewing.then(renew);
    },
    Math.max(Math.floor(opts.ttlMs / 3), 10),
  );
  timer.unref();

  return {
    key: opts.key,
    owner: opts.owner,
    held: () => held,
    async release() {
      if (!held) return;
      held = false;
      clearInterval(timer);
      await renewing;
      await scripts.leaseRelease(opts.key, opts.owner);
    },
  };
}
