import type { Engine } from '../core/engine.js';
import type { ReportDesk } from '../core/report.js';
import type { Metrics } from './metrics.js';

/** The engine as served by the channels: counted, timed, and drained at shutdown. */
export interface ObservedEngine extends Engine {
  /** Messages being answered right now. */
  inFlight(): number;
  /** Resolves once every message being answered has its replies (new ones keep it waiting). */
  drain(): Promise<void>;
}

/**
 * Wraps the engine: messages in and replies out per channel, reply time, and the turns in flight so
 * that shutdown can wait for them (a report being submitted finishes and its reply is produced).
 */
export function observeEngine(engine: Engine, metrics: Metrics): ObservedEngine {
  const running = new Set<Promise<unknown>>();
  return {
    handle(msg) {
      const started = performance.now();
      metrics.messageIn(msg.channel);
      metrics.turnsInFlight(1);
      const turn = engine.handle(msg).then((result) => {
        metrics.messagesOut(msg.channel, result.messages.length);
        metrics.turn(msg.channel, (performance.now() - started) / 1000);
        return result;
      });
      running.add(turn);
      void turn
        .finally(() => {
          running.delete(turn);
          metrics.turnsInFlight(-1);
        })
        .catch(() => undefined);
      return turn;
    },
    inFlight: () => running.size,
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** Counts report submissions by result; a rejection (not stored, the user is told so) counts as `failed`. */
export function observeDesk<D extends ReportDesk>(desk: D, metrics: Metrics): D {
  // Everything but `submit` is the desk's own (methods added later keep working).
  const observed = Object.create(desk) as D;
  observed.submit = async (req) => {
    try {
      const result = await desk.submit(req);
      metrics.reportSubmitted(result.type);
      return result;
    } catch (err) {
      metrics.reportSubmitted('failed');
      throw err;
    }
  };
  return observed;
}

type Processor = (data: never, ...rest: never[]) => Promise<unknown>;

/**
 * Wraps the report job processors (`route`, `alert`, …; whatever the pipeline has): each run counted
 * as done or failed per queue, and an alert that went out counted by its kind (not one skipped).
 */
export function observeJobs<P extends object>(processors: P, metrics: Metrics): P {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(processors) as [string, unknown][]) {
    if (typeof fn !== 'function') {
      wrapped[name] = fn;
      continue;
    }
    const run = fn as Processor;
    wrapped[name] = async (data: never, ...rest: never[]) => {
      let result: unknown;
      try {
        result = await run.call(processors, data, ...rest);
      } catch (err) {
        metrics.job(name, 'failed');
        throw err;
      }
      metrics.job(name, 'done');
      // An alert job that found its alert already sent (or its officer gone) sent nothing.
      if (name === 'alert' && result !== 'skipped')
        metrics.alertSent((data as { kind?: unknown }).kind as string);
      return result;
    };
  }
  return wrapped as P;
}
