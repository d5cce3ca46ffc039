import { createAlertStep } from './alert-step.js';
import { createDeadLetter } from './dead-letter.js';
import { createEscalateStep } from './escalate-step.js';
import { createNoticeSteps } from './notice-step.js';
import { createStepContext, type PipelineDeps } from './pipeline-context.js';
import { createRouteStep } from './route-step.js';
import type { Processors } from './jobs.js';

export type { PipelineDeps } from './pipeline-context.js';

export interface Pipeline {
  readonly processors: Processors;
  /**
   * Re-queues the route job of reports stored but never routed (their job was lost with Redis, say),
   * and of reports waiting for an officer that has somebody to go to by now.
   */
  sweep(olderThanMs: number): Promise<number>;
  /**
   * Queues an escalation for every report nobody took within the set time at its level. Run it every
   * so often (several processes may: job ids are per report and level, so each runs once).
   */
  escalateDue(): Promise<number>;
}

/**
 * What the report workers do, independent of the queue that runs them: route → alert (one per officer)
 * → escalate (by the timer) → notify the reporter. Every step is idempotent: a job run twice, or a retry
 * after a crash, changes nothing the first run already did, and an alert recorded as sent is not sent
 * again.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const ctx = createStepContext(deps);
  const guarded = createDeadLetter(ctx);
  const { route, sweep } = createRouteStep(ctx);
  const alert = createAlertStep(ctx);
  const { escalate, escalateDue } = createEscalateStep(ctx);
  const { notify, message } = createNoticeSteps(ctx);
  return {
    processors: {
      route: guarded('route', route),
      alert: guarded('alert', alert),
      escalate: guarded('escalate', escalate),
      notify: guarded('notify', notify),
      message: guarded('message', message),
    },
    escalateDue,
    sweep,
  };
}
