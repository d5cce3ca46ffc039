import { join } from 'node:path';
import { inspect } from 'node:util';
import { buildEngine } from '../src/bootstrap.js';
import type { ContentParts } from '../src/bootstrap.js';
import type { Engine } from '../src/core/engine.js';
import type { OutboundMessage } from '../src/core/message.js';
import { systemClock, type SessionStore } from '../src/core/ports.js';
import {
  ROOT,
  benchReportSide,
  drivePass,
  measureRate,
  silentLogger,
  telegramUserId,
  type RateResult,
} from './util.js';

/**
 * A realistic session cycle starting and ending at the main menu: guide pages, the readiness check
 * (age, country, job, five documents), the numbers in Indonesia and a country note. Most messages change the session.
 */
// prettier-ignore
export const MESSAGE_CYCLE: readonly string[] = [
  '1', '1', '2', 'lanjut', 'lanjut', '0',
  '2', '25', '2', '4', 'ya', 'ya', 'ya', 'tidak', 'ya', 'ya', '0',
  '10', '2', '0',
  '1', '5', '1', '0',
];

/** Replies that mean the cycle went wrong: an infrastructure failure or a number not offered. */
const BAD_REPLIES = ['sistem sedang gangguan', 'Nomor itu tidak ada', 'banyak pesan dalam waktu singkat'];

export interface BenchEngine {
  readonly engine: Engine;
  readonly errors: unknown[];
}

export function createBenchEngine(store: SessionStore, content: ContentParts): BenchEngine {
  const logger = silentLogger();
  const engine = buildEngine({
    // Simulated users type far faster than people: the per-user limit would answer most of them.
    userMessagesPerMinute: 1_000_000,
    // Measured users are past their first message (the language list a new user sees first).
    languageListFirst: false,
    ...benchReportSide(content, logger),
    contentDir: join(ROOT, 'content'),
    localesDir: join(ROOT, 'locales'),
    store,
    clock: systemClock,
    logger,
    defaultLocale: 'id',
    content,
  });
  return { engine, errors: logger.errors };
}

const userKey = (user: number): string => `telegram:${telegramUserId(user)}`;

const summary = (m: OutboundMessage): string => m.title ?? m.body.split('\n', 1)[0] ?? '';

/**
 * Sends the cycle once for one fresh user and returns a one-line-per-message transcript.
 * Throws when a reply shows a failure or an out-of-range number, or the cycle does not end at the menu.
 */
export async function checkCycle(engine: Engine, key: string): Promise<string[]> {
  const lines: string[] = [];
  let lastTitle = '';
  for (const text of MESSAGE_CYCLE) {
    const { messages } = await engine.handle({
      channel: 'telegram',
      userKey: key,
      text,
      receivedAt: new Date(),
    });
    const all = messages.map((m) => `${m.title ?? ''}\n${m.body}`).join('\n');
    const bad = BAD_REPLIES.find((b) => all.includes(b));
    if (bad) throw new Error(`message cycle broken at "${text}": reply contains "${bad}"`);
    lastTitle = summary(messages[messages.length - 1] ?? { body: '', choices: [] });
    lines.push(`> ${text.padEnd(7)} → ${messages.map(summary).join(' | ')}`);
  }
  if (!lastTitle.includes('Menu utama'))
    throw new Error(`message cycle ends at "${lastTitle}", not the menu`);
  return lines;
}

export interface ThroughputOptions {
  readonly users: number;
  /** Times each user goes through the whole cycle in one measured run. */
  readonly passes: number;
  readonly concurrency: number;
  readonly warmups?: number;
  readonly runs?: number;
  /** Awaited inside each timed run after the last reply, e.g. until every session is in Redis. */
  readonly settle?: () => Promise<void>;
  /** The messages each user sends, in a loop (default MESSAGE_CYCLE). */
  readonly cycle?: readonly string[];
}

/** Puts every measured user in a locale by the word that switches to it ("basa jawa"). */
export async function switchUsers(bench: BenchEngine, users: number, word: string): Promise<void> {
  for (let user = 0; user < users; user++) {
    await bench.engine.handle({
      channel: 'telegram',
      userKey: userKey(user),
      text: word,
      receivedAt: new Date(),
    });
  }
}

/** Messages per second through `engine.handle`, `users` users driving the cycle. */
export async function measureEngineThroughput(
  bench: BenchEngine,
  opts: ThroughputOptions,
): Promise<RateResult> {
  const cycle = opts.cycle ?? MESSAGE_CYCLE;
  const steps = cycle.length * opts.passes;
  const send = async (user: number, step: number): Promise<void> => {
    await bench.engine.handle({
      channel: 'telegram',
      userKey: userKey(user),
      text: cycle[step % cycle.length]!,
      receivedAt: new Date(),
    });
  };
  const result = await measureRate(async () => {
    const sent = await drivePass({ users: opts.users, steps, concurrency: opts.concurrency, send });
    await opts.settle?.();
    return sent;
  }, opts);
  if (bench.errors.length > 0) {
    throw new Error(`engine reported ${bench.errors.length} errors, first: ${inspect(bench.errors[0])}`);
  }
  return result;
}
