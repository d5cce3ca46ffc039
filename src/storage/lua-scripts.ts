import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/**
 * A Lua script kept as a `.lua` file next to the code that runs it (as BullMQ keeps `commands/*.lua`).
 * Its header comment names every key (`KEYS[1]`…, or `KEYS[n..]` when their number varies), every
 * argument and the output; test/storage/lua-scripts.test.ts checks the header against the body.
 */
export interface LuaScript {
  /** The command's name on the client. */
  readonly name: string;
  readonly lua: string;
  /** From the header; undefined when the number of keys varies (then the call passes it first). */
  readonly numberOfKeys?: number;
}

/** The header comment (`--[[ … ]]`) of a script. */
export const headerOf = (lua: string): string => /^--\[\[([\s\S]*?)\]\]/.exec(lua)?.[1] ?? '';

/** Reads a script file; its header must name the keys, the arguments it uses and the output. */
export function readLuaScript(file: URL, name: string): LuaScript {
  const lua = readFileSync(file, 'utf8');
  const header = headerOf(lua);
  if (!/Input:/.test(header) || !/Output:/.test(header)) {
    throw new Error(`${file.pathname}: the script's header must have Input: and Output:`);
  }
  const keys = [...header.matchAll(/KEYS\[(\d+)(\.\.)?\]/g)];
  const varies = keys.some((k) => k[2] !== undefined);
  return varies ? { name, lua } : { name, lua, numberOfKeys: keys.length };
}

/**
 * Defines scripts as commands on a client, once per client: ioredis runs them by EVALSHA and loads a
 * script when the server does not have it (after a restart or a failover).
 */
export function defineScripts(redis: Redis, scripts: readonly LuaScript[]): void {
  for (const s of scripts) {
    if (s.name in redis) continue;
    redis.defineCommand(s.name, {
      lua: s.lua,
      ...(s.numberOfKeys === undefined ? {} : { numberOfKeys: s.numberOfKeys }),
    });
  }
}
