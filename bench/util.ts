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
  /**
   * This process's CPU time per operation (user + system, µs), median of the runs: on a loaded machine
   * it moves far less than the rate, as time spent waiting for a core is not counted.
   */
  readonly cpuUs?: number;
  readonly cpuRuns?: readonly number[];
}

/** This process's CPU time so far, user + system, in microseconds. */
export const cpuNowUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

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
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    let ops = 0;
    const cpuStart = cpuNowUs();
    const ms = await timeMs(async () => {
      ops = await run();
    });
    cpu.push((cpuNowUs() - cpuStart) / ops);
    rates.push((ops * 1000) / ms);
  }
  return { median: median(rates), runs: rates, cpuUs: median(cpu), cpuRuns: cpu };
}

/** One side of an interleaved comparison: a measure that honours `warmups` and `runs`. */
export type RateMeasure = (opts: RateOptions) => Promise<RateResult>;

/**
 * Runs the measures one after the other, round by round (each warmed up once first), so the sides of
 * a ratio run back to back under the same load: on a shared machine another process's burst then
 * slows both sides of a round instead of one side of the whole comparison. Returns each measure's
 * rate with one run per round, in the order of `measures`.
 */
export async function interleave(rounds: number, measures: readonly RateMeasure[]): Promise<RateResult[]> {
  const runs: number[][] = measures.map(() => []);
  const cpu: number[][] = measures.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let m = 0; m < measures.length; m++) {
      const result = await measures[m]!({ warmups: r === 0 ? 1 : 0, runs: 1 });
      runs[m]!.push(result.median);
      cpu[m]!.push(result.cpuUs ?? NaN);
    }
  }
  return runs.map((rates, m) => ({
    median: median(rates),
    runs: rates,
    cpuUs: median(cpu[m]!),
    cpuRuns: cpu[m]!,
  }));
}

/** The ratio a / b of two interleaved measures, round by round: its median and each round's. */
export function roundRatio(a: RateResult, b: RateResult): RateResult {
  if (a.runs.length !== b.runs.length) throw new Error('roundRatio: measures of different rounds');
  const ratios = a.runs.map((x, i) => x / b.runs[i]!);
  return { median: median(ratios), runs: ratios };
}

/**
 * The ratio a / b from CPU time per operation instead of rates (b's µs over a's, round by round): the
 * throughput ratio when both are CPU-bound, which a busy machine's waiting for a core does not blur.
 */
export function cpuRatio(a: RateResult, b: RateResult): RateResult {
  const ca = a.cpuRuns ?? [];
  const cb = b.cpuRuns ?? [];
  if (ca.length === 0 || ca.length !== cb.length) throw new Error('cpuRatio: no CPU times to compare');
  const ratios = ca.map((x, i) => cb[i]! / x);
  return { median: median(ratios), runs: ratios };
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
