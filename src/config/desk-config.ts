import type { z } from 'zod';
import { bool, int } from './env-values.js';

/** The desk's environment variables, part of the one schema in config.ts (`.env.example` documents them). */
export const DESK_ENV = {
  DESK_ENABLED: bool.default(false),
  DESK_SESSION_MINUTES: int(5, 1440).default(60),
  DESK_CODE_MINUTES: int(1, 60).default(10),
  DESK_SECURE_COOKIE: bool.default(false),
  DESK_TRUST_PROXY: bool.default(false),
};

/** The web desk for officers (issue 19): sign-in codes sent through the bot, sessions in Redis. */
export interface DeskConfig {
  /** A session ends after this long without a request (and 12 hours after sign-in in any case, `SESSION_MAX_MS`). */
  readonly sessionIdleMs: number;
  /** A sign-in code is valid this long. */
  readonly codeMs: number;
  /** Cookies marked Secure and named `__Host-…`: set it when the desk is served over HTTPS. */
  readonly secureCookie: boolean;
  /** The client's address is the last one in X-Forwarded-For (the desk sits behind one proxy). */
  readonly trustProxy: boolean;
}

type DeskEnv = { [K in keyof typeof DESK_ENV]: z.infer<(typeof DESK_ENV)[K]> };

/** The desk's settings when DESK_ENABLED is true; undefined otherwise. */
export function deskConfig(e: DeskEnv): DeskConfig | undefined {
  if (!e.DESK_ENABLED) return undefined;
  return {
    sessionIdleMs: e.DESK_SESSION_MINUTES * 60_000,
    codeMs: e.DESK_CODE_MINUTES * 60_000,
    secureCookie: e.DESK_SECURE_COOKIE,
    trustProxy: e.DESK_TRUST_PROXY,
  };
}
