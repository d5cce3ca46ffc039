import { levelAbove, chooseRoute } from './router.js';
import { alertJobs, escalateJob, messageJob, notifyJob, type EscalateJob } from './jobs.js';
import { ensureJobs, type StepContext } from './pipeline-context.js';
import { CLOSED, WAITING } from './statuses.js';

/** The escalate step (a report nobody took moves up a level) and the timer's look for reports due. */
export function createEscalateStep(ctx: StepContext) {
  const { deps, store, officers, queue, at, entry } = ctx;

  async function escalate(job: EscalateJob): Promise<void> {
    const r = await store.get(job.code);
    if (!r || CLOSED.includes(r.status)) return;
    if (r.level !== job.level) {
      // Already moved up: a retry after the move was recorded makes sure its jobs exist.
      if (r.status === 'escalated') await ensureJobs(ctx, r);
      return;
    }
    const above = levelAbove(job.level);
    // Nobody above (admins already have it): stop looking at it.
    if (!above) return store.stopWaiting(job.code);
    const minutes = Math.round(deps.escalateAfterMs / 60_000);
    const found = await chooseRoute(officers, r.details.village, above, [
      `not acknowledged at ${job.level} within ${minutes} min`,
    ]);
    if (!found) return store.stopWaiting(job.code);
    const change = await store.update(
      job.code,
      { from: WAITING, atLevel: job.level, to: 'escalated', level: found.level, area: found.area },
      entry('escalated', {
        level: found.level,
        area: found.area,
        officers: found.officers.map((o) => o.id),
        reason: found.reason,
      }),
    );
    if (!change.applied) return;
    // The officers passed over are told, and may still take it.
    const passed = await officers.forArea(r.level, r.area);
    const seq = Date.parse(at());
    await queue.add([
      ...passed.map((o) => messageJob({ code: job.code, to: o.id, kind: 'escalated-away', seq })),
      ...alertJobs(job.code, found, 'escalated'),
      ...(r.updates ? [notifyJob(job.code, 'escalated')] : []),
    ]);
  }

  /** Queues an escalation for every report nobody took within the set time at its level. */
  async function escalateDue(): Promise<number> {
    const due = await store.waitingSince(new Date(deps.clock.now().getTime() - deps.escalateAfterMs));
    const reports = await Promise.all(due.map((code) => store.get(code)));
    const jobs = reports.flatMap((r) =>
      r && WAITING.includes(r.status) ? [escalateJob(r.code, r.level)] : [],
    );
    if (jobs.length > 0) await queue.add(jobs);
    return jobs.length;
  }

  return { escalate, escalateDue };
}
