import type { ReportStatus } from '../core/report.js';
import { PermanentJobError, alertJobs, routeJob, type RouteJob } from './jobs.js';
import { ensureJobs, type StepContext } from './pipeline-context.js';
import type { ChangeResult } from './report-store.js';
import { BYPASS_REASON, chooseRoute, firstLevel, levelAbove, type Route } from './router.js';
import { WAITING } from './statuses.js';
import { routeWaitingFound } from './unrouted.js';

/** The route step (a report's officers, its move to "routed", their alerts) and the sweep that re-queues it. */
export function createRouteStep(ctx: StepContext) {
  const { store, officers, queue, logger, routeArea, at, entry } = ctx;

  /**
   * A job whose report is not there: nothing to do for the one queued with a create that did not create
   * it (it carries the filing time; src/reports/report-intake.ts), a failure for any other.
   */
  function missing(job: RouteJob): void {
    if (job.filed === undefined) throw new PermanentJobError(`report ${job.code} not found`);
    logger.debug({ report: job.code }, 'route job of a report not created: nothing to route');
  }

  /** Where a report is routed: from its job, or from the stored report for a job without it (the sweep's). */
  async function placeOf(job: RouteJob): Promise<{ village: string; bypass: boolean }> {
    if (job.village !== undefined) return { village: job.village, bypass: job.bypass ?? false };
    const r = await store.get(job.code);
    if (!r) throw new PermanentJobError(`report ${job.code} not found`);
    return { village: r.details.village, bypass: r.details.bypassVillage };
  }

  /**
   * Routes a submitted report: picks the officers, moves it to "routed" (guarded, so a second run
   * changes nothing) and then queues their alerts. Most reports stop at their first level (the village,
   * or the district when the reporter asked to bypass it): its officers are read and the report moved
   * in one round trip; the levels above are looked at only when nobody is there. A report routed before
   * gets its alerts made sure of. With nobody registered at any level it waits as "unrouted" (never
   * "failed"): a later route job, queued when an officer covering it joins, routes it from there.
   */
  async function route(job: RouteJob): Promise<void> {
    const { code } = job;
    const { village, bypass } = await placeOf(job);
    const { level: from, area, why } = firstLevel(village, bypass);
    const first = await routeArea(code, {
      level: from,
      area,
      at: at(),
      why,
      ...(job.filed === undefined ? {} : { filed: job.filed }),
    });
    if (first.type === 'missing') return missing(job);
    if (first.type === 'found') return routed(job, { level: from, officers: first.officers }, first);
    const above = levelAbove(from);
    const found = above
      ? await chooseRoute(officers, village, above, [
          ...(bypass ? [BYPASS_REASON] : []),
          `no officer registered for ${from} ${area || '-'}`,
        ])
      : undefined;
    if (!found) {
      const change = await store.update(
        code,
        { from: ['submitted'], to: 'unrouted' },
        entry('unrouted', { reason: 'no officer registered at any level yet' }),
      );
      if (!change.before) return missing(job);
      if (change.applied)
        logger.warn({ report: code }, 'no officer registered at any level yet: the report waits for one');
      else await alertsOfWaiting(code, change.before);
      return;
    }
    const change = await store.update(
      code,
      { from: ['submitted', 'unrouted'], to: 'routed', level: found.level, area: found.area },
      entry('routed', {
        level: found.level,
        area: found.area,
        officers: found.officers.map((o) => o.id),
        reason: found.reason,
      }),
    );
    return routed(job, found, change);
  }

  /** After the move to "routed": its alerts; a report routed before gets those of its current level. */
  async function routed(
    job: RouteJob,
    found: Pick<Route, 'level' | 'officers'>,
    change: ChangeResult,
  ): Promise<void> {
    const { code } = job;
    if (!change.before) return missing(job);
    if (!change.applied) return alertsOfWaiting(code, change.before);
    await queue.add(alertJobs(code, found, 'report'));
  }

  /** Routed before (a retry, a second route job): make sure the alerts of its current level exist. */
  async function alertsOfWaiting(code: string, status: ReportStatus): Promise<void> {
    if (!WAITING.includes(status)) return;
    const r = await store.get(code);
    if (r) await ensureJobs(ctx, r);
  }

  /**
   * Route jobs again: stored but never routed (the job was lost with Redis, or its id was taken by a
   * job queued with a create that stored nothing under the same code), or waiting for an officer who
   * is there now. The sweep's job has an id of its own, so it runs whatever came before it.
   */
  async function sweep(olderThanMs: number): Promise<number> {
    const stale = await store.codesByStatus(
      'submitted',
      new Date(ctx.deps.clock.now().getTime() - olderThanMs),
    );
    if (stale.length > 0) await queue.add(stale.map((code) => routeJob(code, undefined, 'swept')));
    return stale.length + (await routeWaitingFound(store, officers, queue));
  }

  return { route, sweep };
}
