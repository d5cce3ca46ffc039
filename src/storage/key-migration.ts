import type { Redis } from 'ioredis';
import { KEY_LAYOUT_VERSION, createKeys, officerKeys, reportKeys, whatsAppKeys } from './keys.js';
import { defineScripts, readLuaScript } from './lua-scripts.js';
import { scanKeys } from './scan.js';

/*
 * Layout 1 → 2. Before layout 2 (src/storage/keys.ts) keys had no hash tags and three families spelled
 * out a chat address: `P s:<user key>` (sessions), `P oi:addr:<address>` (officer by chat) and
 * `P wa:<account>:out:q:<address>` (WhatsApp outbox), and `P rp:<reporter id>:<phone>` a recruiter's
 * phone. Layout 1, as read here:
 *
 *   P s:<channel>:<id>                      → P s:<hash>
 *   P r:… ri:… rd:… rl:… ra:… o:… oinv:… ojf:…  → P{r}:<same>
 *   P oi:addr:<address>                     → P{r}:oi:addr:<hash>;  other P oi:… → P{r}:oi:…
 *   P rp:<reporter id>:<phone>              → P{r}:rp:<reporter id>:<hash>
 *   P wa:<account>:out:q:<address>          → P{wa:<account>}:out:q:<hash>
 *   P wa:<account>:<rest>                   → P{wa:<account>}:<rest>, except media: and media-by:
 *                                             (their names are kept: reports store them)
 *   P bull:<queue>:…                        → P{bull}:<queue>:…
 *
 * The migration renames each key (RENAMENX keeps the value and the time to live), so officers,
 * reports, pairings, queued messages and jobs, and conversations in progress carry over. It is
 * idempotent: a key already renamed is not found again, a second run (or a second process starting at
 * the same time) renames nothing. Run it with no process of the older version writing to this Redis.
 */

/** The layout-2 name of a layout-1 key under `prefix`, or undefined when the key is not a layout-1 key. */
export function migratedName(prefix: string, key: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  const colon = rest.indexOf(':');
  if (colon < 1 || rest.startsWith('{')) return undefined;
  const family = rest.slice(0, colon);
  const tail = rest.slice(colon + 1);
  switch (family) {
    case 's':
      // Layout-1 user keys are `<channel>:<id>`; a layout-2 session name is a hash without ':'.
      return tail.includes(':') ? createKeys(prefix).session(tail) : undefined;
    case 'r':
    case 'ri':
    case 'rd':
    case 'rl':
    case 'ra':
    case 'o':
    case 'oinv':
    case 'ojf':
      return `${prefix}{r}:${rest}`;
    case 'oi':
      return tail.startsWith('addr:')
        ? officerKeys(prefix).address(tail.slice('addr:'.length))
        : `${prefix}{r}:${rest}`;
    case 'rp': {
      const at = tail.indexOf(':');
      return at < 1 ? undefined : reportKeys(prefix).phoneLink(tail.slice(0, at), tail.slice(at + 1));
    }
    case 'wa': {
      const at = tail.indexOf(':');
      if (at < 1) return undefined;
      const account = tail.slice(0, at);
      const sub = tail.slice(at + 1);
      if (sub.startsWith('media:') || sub.startsWith('media-by:')) return undefined;
      if (sub.startsWith('out:q:'))
        return whatsAppKeys(prefix, account).outbox.queue(sub.slice('out:q:'.length));
      return `${prefix}{wa:${account}}:${sub}`;
    }
    case 'bull':
      return `${prefix}{bull}:${tail}`;
    default:
      return undefined;
  }
}

export interface MigrationResult {
  /** The layout was already current: nothing was scanned. */
  readonly current: boolean;
  /** Keys renamed to their layout-2 names. */
  readonly renamed: number;
  /** Layout-1 sessions dropped because the user already has a layout-2 session (it is newer). */
  readonly droppedSessions: number;
  /** Layout-1 keys left in place because their layout-2 name is taken (see the log; run again after a look). */
  readonly conflicts: number;
  /** Officers' sessions from which a stored copy of a report view was removed. */
  readonly scrubbedViews: number;
}

const SCAN_COUNT = 1000;

/** True when Redis holds layout-1 keys under `prefix` (the admin CLI refuses to work on them). */
export async function hasOldKeys(redis: Redis, prefix: string): Promise<boolean> {
  if ((await redis.get(createKeys(prefix).layout)) === KEY_LAYOUT_VERSION) return false;
  let found = false;
  await scanKeys(
    redis,
    `${prefix}*`,
    (keys) => {
      found ||= keys.some((k) => migratedName(prefix, k) !== undefined);
      return Promise.resolve();
    },
    SCAN_COUNT,
  );
  return found;
}

/**
 * Renames every layout-1 key under `prefix` to its layout-2 name, removes report views that officers'
 * sessions kept (layout 1 stored them; layout 2 keeps only the report code), and records the layout.
 * A Redis already on layout 2 costs one GET.
 */
export async function migrateKeys(redis: Redis, prefix: string): Promise<MigrationResult> {
  const keys = createKeys(prefix);
  if ((await redis.get(keys.layout)) === KEY_LAYOUT_VERSION)
    return { current: true, renamed: 0, droppedSessions: 0, conflicts: 0, scrubbedViews: 0 };
  let renamed = 0;
  let droppedSessions = 0;
  let conflicts = 0;
  await scanKeys(
    redis,
    `${prefix}*`,
    async (batch) => {
      const moves = batch.flatMap((from) => {
        const to = migratedName(prefix, from);
        return to ? [{ from, to }] : [];
      });
      if (moves.length === 0) return;
      const pipeline = redis.pipeline();
      for (const m of moves) pipeline.renamenx(m.from, m.to);
      const results = (await pipeline.exec()) ?? [];
      const taken: string[] = [];
      moves.forEach((m, i) => {
        const [err, done] = results[i] ?? [null, 0];
        // "no such key": another process starting at the same time renamed it first.
        if (err) {
          if (!/no such key/i.test(err.message)) throw err;
        } else if (done === 1) renamed++;
        else if (m.to.startsWith(`${prefix}s:`)) taken.push(m.from);
        else conflicts++;
      });
      if (taken.length > 0) {
        // The user already wrote to a bot on layout 2: that session is newer than the old one.
        droppedSessions += taken.length;
        await Promise.all(taken.map((k) => redis.del(k)));
      }
    },
    SCAN_COUNT,
  );
  const scrubbedViews = await scrubOfficerViews(redis, prefix);
  if (conflicts === 0) await redis.set(keys.layout, KEY_LAYOUT_VERSION);
  return { current: false, renamed, droppedSessions, conflicts, scrubbedViews };
}

const REPLACE_IF_SAME = readLuaScript(
  new URL('./lua/replace-if-same.lua', import.meta.url),
  'keysReplaceIfSame',
);

interface ReplaceCommand {
  keysReplaceIfSame(key: string, expected: string, value: string): Promise<number>;
}

/**
 * Layout 1's officer flow kept the whole report view (details, history, and the reporter's address when
 * they agreed to direct contact) in the officer's session (`d.v`). Officers are few: each officer's
 * session is read and the view dropped, keeping the report code and the step.
 */
async function scrubOfficerViews(redis: Redis, prefix: string): Promise<number> {
  const keys = createKeys(prefix);
  defineScripts(redis, [REPLACE_IF_SAME]);
  const replace = redis as Redis & ReplaceCommand;
  const ids = await redis.smembers(keys.officers.all());
  let scrubbed = 0;
  for (const id of ids) {
    const raw = await redis.get(keys.officers.officer(id));
    const address = raw ? (JSON.parse(raw) as { address?: unknown }).address : undefined;
    if (typeof address !== 'string') continue;
    const key = keys.session(address);
    const stored = await redis.get(key);
    const cleaned = stored === null ? undefined : withoutView(stored);
    if (stored === null || cleaned === undefined) continue;
    if ((await replace.keysReplaceIfSame(key, stored, cleaned)) === 1) scrubbed++;
  }
  return scrubbed;
}

/** A stored session (`<rev>:<json>`) without the officer flow's view, or undefined when it has none. */
export function withoutView(stored: string): string | undefined {
  const colon = stored.indexOf(':');
  if (colon < 1) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(stored.slice(colon + 1));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const session = body as { f?: unknown; d?: unknown };
  if (session.f !== 'officer' || typeof session.d !== 'object' || session.d === null) return undefined;
  if (!('v' in session.d)) return undefined;
  const data = Object.fromEntries(Object.entries(session.d).filter(([name]) => name !== 'v'));
  return `${stored.slice(0, colon)}:${JSON.stringify({ ...session, d: data })}`;
}
