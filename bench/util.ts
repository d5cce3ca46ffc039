import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentParts } from '../src/bootstrap.js';
import { createVillageFinder } from '../src/content/village-finder.js';
import { systemClock, type Logger } from '../src/core/ports.js';
import { createTranslator } from '../src/i18n/translator.js';
import { createMemoryReports } from '../src/reports/memory-reports.js';

/** The repository root, so the bench runs from any working directory. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of `fn` in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export interface RateResult {
  /** Median operations per second of the measured runs. */
  readonly median: number;
  readonly runs: readonly number[];
}

export interface RateOptions {
  readonly warmups?: number;
  readonly runs?: number;
}

/** Runs `run` (which returns how many operations it did) untimed `warmups` times, then times `runs` runs. */
export async function measureRate(
  run: () => Promise<number>,
  { warmups = 1, runs = 3 }: RateOptions = {},
): Promise<RateResult> {
  for (let i = 0; i < warmups; i++) await run();
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    let ops = 0;
    const ms = await timeMs(async () => {
      ops = await run();
    });
    rates.push((ops * 1000) / ms);
  }
  return { median: median(rates), runs: rates };
}

/** A logger that prints nothing and keeps errors, so a benchmark can fail when the engine reported one. */
export function silentLogger(): Logger & { readonly errors: unknown[] } {
  const errors: unknown[] = [];
  return {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (obj) => {
      errors.push(obj);
    },
  };
}

/** A plausible 10-digit Telegram user id for user number `i`. */
export const telegramUserId = (i: number): number => 1_234_500_000 + i;

export interface LoadOptions {
  readonly users: number;
  /** Messages each user sends, in order. */
  readonly steps: number;
  /** Users served at once; each user's messages stay sequential. 1 = fully sequential. */
  readonly concurrency: number;
  readonly send: (user: number, step: number) => Promise<void>;
}

/**
 * One pass of load: `concurrency` workers, each owning every `concurrency`-th user and sending that
 * user's messages in order, round by round. Returns the number of messages sent.
 */
export async function drivePass(opts: LoadOptions): Promise<number> {
  const workers = Math.min(opts.concurrency, opts.users);
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let step = 0; step < opts.steps; step++) {
        for (let user = w; user < opts.users; user += workers) await opts.send(user, step);
      }
    }),
  );
  return opts.users * opts.steps;
}

export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/**
 * The engine's report side as the console demo wires it (memory stores and queue), for benches that
 * build an engine: reports are not what they measure, but the engine needs them.
 */
export function benchReportSide(content: ContentParts, logger: Logger) {
  const translator = createTranslator(join(ROOT, 'locales'));
  const villages = createVillageFinder();
  const reports = createMemoryReports({
    senders: {},
    translator,
    villages,
    clock: systemClock,
    logger,
    settings: { escalateAfterMs: 3_600_000, perDay: 5 },
    areaName: (code) => content.catalog.areas.name(code),
  });
  return { reports: reports.desk, officers: reports.officerDesk, villages, translator };
}
