import type { Logger } from '../core/ports.js';
import type { Pipeline } from './pipeline.js';

const MIN_INTERVAL_MS = 50;
const MAX_INTERVAL_MS = 60_000;

/**
 * Looks for reports due for escalation every quarter of the escalation time (at most every minute):
 * a report is escalated at most that much later than due. Returns a function that stops it.
 */
export function startEscalationTimer(
  pipeline: Pipeline,
  escalateAfterMs: number,
  logger: Logger,
): () => void {
  const every = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.floor(escalateAfterMs / 4)));
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    pipeline
      .escalateDue()
      .then((n) => n > 0 && logger.info({ reports: n }, 'reports passed to the next level'))
      .catch((err: unknown) => logger.warn({ err }, 'escalation check failed; trying again later'))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, every);
  // It must not keep a console demo (or a test) alive by itself.
  timer.unref();
  return () => clearInterval(timer);
}
