/**
 * Every Redis key name of the bot, under one prefix (default `dm:`). Tests pass a unique prefix so
 * they never touch each other's data or a shared server's.
 */
export interface Keys {
  /** Session of one user: `<prefix>s:<userKey>`. */
  session(userKey: string): string;
  /** Pattern matching every session key, for scans. */
  readonly sessionPattern: string;
}

export function createKeys(prefix: string): Keys {
  return {
    session: (userKey) => `${prefix}s:${userKey}`,
    sessionPattern: `${prefix}s:*`,
  };
}
