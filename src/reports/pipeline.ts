import type { Locale } from '../core/locale.js';
import type { ChannelName } from '../core/message.js';
import { RecipientUnreachable, type Clock, type Logger, type MessageSender } from '../core/ports.js';
import type { AreaLevel, ReportStatus, VillageFinder } from '../core/report.js';
import type { OfficerDirectory } from '../officers/officer.js';
import {
  PermanentJobError,
  SendFailed,
  jobIds,
  messageJob,
  routeJob,
  type AlertDelivery,
  type AlertJob,
  type AlertKind,
  type Attempt,
  type EscalateJob,
  type JobQueue,
  type JobSpec,
  type MessageJob,
  type NotifyJob,
  type Processors,
  type RouteJob,
} from './jobs.js';
import { alertReaderOf, type AlertReader } from './alert-context.js';
import { areaRouterOf, type AreaRouter } from './area-route.js';
import { createDelivery } from './delivery.js';
import type { ReportMessages } from './report-messages.js';
import { areaOf, type HistoryEntry, type ReportRecord } from './report-record.js';
import type { ChangeResult, ReportStore } from './report-store.js';
import { chooseRoute, levelAbove, type Route } from './router.js';
import { CLOSED, WAITING } from './statuses.js';
import { routeWaitingFound } from './unrouted.js';

export interface PipelineDeps {
  readonly store: ReportStore;
  readonly officers: OfficerDirectory;
  readonly queue: JobQueue;
  /** One sender per channel; an address is routed by its prefix (`telegram:…`). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly messages: ReportMessages;
  readonly villages: VillageFinder;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Not acknowledged after this long → the next level gets it. */
  readonly escalateAfterMs: number;
  /** How an alert's context is read (default: from the store and directory, one read each). */
  readonly readAlert?: AlertReader;
  /** How a report is routed to one area (default: the directory's read, then the store's update). */
  readonly routeArea?: AreaRouter;
}

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
  const { store, officers, queue, logger } = deps;
  const readAlert = deps.readAlert ?? alertReaderOf(store, officers);
  const routeArea = deps.routeArea ?? areaRouterOf(store, officers);
  const at = () => deps.clock.now().toISOString();
  const entry = (type: string, more: Omit<HistoryEntry, 'at' | 'type'> = {}): HistoryEntry => ({
    at: at(),
    type,
    ...more,
  });

  const { deliver, deliverOrGiveUp, recorded } = createDelivery(deps.senders, logger);

  const alertJobs = (code: string, route: Pick<Route, 'level' | 'officers'>, kind: AlertKind): JobSpec[] =>
    route.officers.map((o) => {
      const data: AlertJob = { code, officer: o.id, level: route.level, kind };
      const channel = o.address.slice(0, o.address.indexOf(':')) as ChannelName;
      return { name: 'alert', id: jobIds.alert(data), data, channel };
    });

  const escalateJob = (code: string, level: AreaLevel): JobSpec => {
    const data: EscalateJob = { code, level };
    return { name: 'escalate', id: jobIds.escalate(data), data, delayMs: 0 };
  };

  const notifyJob = (code: string, status: ReportStatus): JobSpec => {
    const data: NotifyJob = { code, status };
    return { name: 'notify', id: jobIds.notify(data), data };
  };

  /** The jobs a report at its current level needs: alerts to that level's officers and the next escalation. */
  async function ensureJobs(r: ReportRecord): Promise<void> {
    const current = await officers.forArea(r.level, r.area);
    const kind: AlertKind = r.status === 'escalated' ? 'escalated' : 'report';
    await queue.add([...alertJobs(r.code, { level: r.level, officers: current }, kind)]);
  }

  /** The reporter's "an officer has it" notice, for a report notified by its first alert. */
  async function ensureNotice(code: string): Promise<void> {
    const r = await store.get(code);
    if (r?.updates && r.status === 'notified') await queue.add([notifyJob(code, 'notified')]);
  }

  async function alertAdmins(code: string, why: string): Promise<void> {
    const admins = await officers.forArea('admin', '');
    if (admins.length === 0) {
      logger.error({ report: code, why }, 'report failed and no admin is registered to be told');
      return;
    }
    await queue.add(alertJobs(code, { level: 'admin', officers: admins }, 'failure'));
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
    const from: AreaLevel = bypass ? 'district' : 'village';
    const why = bypass ? ['reporter asked to bypass the village'] : [];
    const area = areaOf(village, from);
    const first = await routeArea(code, {
      level: from,
      area,
      at: at(),
      why: why.map((w) => `${w}; `).join(''),
    });
    if (first.type === 'found') return routed(code, { level: from, officers: first.officers }, first);
    const above = levelAbove(from);
    const found = above
      ? await chooseRoute(officers, village, above, [
          ...why,
          `no officer registered for ${from} ${area || '-'}`,
        ])
      : undefined;
    if (!found) {
      const change = await store.update(
        code,
        { from: ['submitted'], to: 'unrouted' },
        entry('unrouted', { reason: 'no officer registered at any level yet' }),
      );
      if (!change.before) throw new PermanentJobError(`report ${code} not found`);
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
    return routed(code, found, change);
  }

  /** After the move to "routed": its alerts; a report routed before gets those of its current level. */
  async function routed(
    code: string,
    found: Pick<Route, 'level' | 'officers'>,
    change: ChangeResult,
  ): Promise<void> {
    if (!change.before) throw new PermanentJobError(`report ${code} not found`);
    if (!change.applied) return alertsOfWaiting(code, change.before);
    await queue.add(alertJobs(code, found, 'report'));
  }

  /** Routed before (a retry, a second route job): make sure the alerts of its current level exist. */
  async function alertsOfWaiting(code: string, status: ReportStatus): Promise<void> {
    if (!WAITING.includes(status)) return;
    const r = await store.get(code);
    if (r) await ensureJobs(r);
  }

  async function alert(job: AlertJob, attempt: Attempt): Promise<AlertDelivery> {
    const { code } = job;
    const alertId = jobIds.alert(job);
    const context = await readAlert(code, job.officer, alertId);
    if (context.sent) {
      // Sent and recorded by an earlier attempt that then stopped (its worker died, or Redis went away)
      // before it queued the reporter's notice: make sure of that here.
      if (job.kind === 'report' && (attempt.made > 0 || attempt.interrupted)) await ensureNotice(code);
      return 'skipped';
    }
    const { officer, report, reporter } = context;
    // An alert of a report not routed yet (its alerts are queued after the move, so only a job added
    // by hand or by an older version): nothing went out, try again shortly.
    if (report?.status === 'submitted' && job.kind === 'report')
      throw new SendFailed(new Error(`report ${code} not routed yet`));
    if (!report || !officer?.active) {
      if (!report) throw new PermanentJobError(`report ${code} not found`);
      await store.update(
        code,
        {},
        entry('alert-skipped', { officers: [job.officer], reason: 'officer not active' }),
      );
      return 'skipped';
    }
    const messages = deps.messages.alert({
      report,
      officer,
      kind: job.kind,
      village: deps.villages.byCode(report.details.village),
      resent: attempt.interrupted,
      ...(reporter ? { reporter } : {}),
    });
    try {
      await deliver(officer.address, messages);
    } catch (err) {
      if (err instanceof RecipientUnreachable) {
        await store.update(
          code,
          {},
          entry('alert-unreachable', { level: job.level, officers: [officer.id] }),
        );
        throw new PermanentJobError(`officer ${officer.id} unreachable`);
      }
      throw err;
    }
    const delivered = entry(attempt.interrupted ? 'alert-sent-again' : 'alert-sent', {
      level: job.level,
      officers: [officer.id],
    });
    // The first alert of a new report delivered: the report is "notified".
    const transition =
      job.kind === 'report'
        ? {
            change: { from: ['routed'] as const, to: 'notified' as const },
            entry: entry('notified', { level: job.level }),
          }
        : undefined;
    let writes = 0;
    const notified = await recorded(() => {
      writes++;
      return store.completeAlert(alertId, code, delivered, transition);
    });
    // A write tried again may find its own first try done (Redis ran it, the answer was lost).
    const madeNotified = notified.applied || (writes > 1 && notified.before === 'notified');
    if (transition && madeNotified && report.updates) await queue.add([notifyJob(code, 'notified')]);
    return 'sent';
  }

  async function escalate(job: EscalateJob): Promise<void> {
    const r = await store.get(job.code);
    if (!r || CLOSED.includes(r.status)) return;
    if (r.level !== job.level) {
      // Already moved up: a retry after the move was recorded makes sure its jobs exist.
      if (r.status === 'escalated') await ensureJobs(r);
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

  async function notify(job: NotifyJob, attempt: Attempt): Promise<void> {
    const reporter = await store.reporter(job.code);
    if (!reporter?.updates) return;
    const report = await store.get(job.code);
    if (!report) return;
    const noticeId = jobIds.notify(job);
    if (await store.alertSent(noticeId)) return;
    await deliverOrGiveUp(reporter.address, deps.messages.notice(report, reporter, attempt.interrupted));
    await recorded(() =>
      store.completeAlert(noticeId, job.code, entry('reporter-told', { reason: job.status })),
    );
  }

  async function message(job: MessageJob, attempt: Attempt): Promise<void> {
    const report = await store.get(job.code);
    if (!report) return;
    let to: { address: string; locale: Locale } | undefined;
    if (job.to === 'reporter') to = await store.reporter(job.code);
    else {
      const officer = await officers.get(job.to);
      to = officer?.active ? officer : undefined;
    }
    if (!to) return;
    const id = jobIds.message(job);
    if (await store.alertSent(id)) return;
    await deliverOrGiveUp(to.address, deps.messages.message(job, report, to.locale, attempt.interrupted));
    const officersConcerned = job.to === 'reporter' ? {} : { officers: [job.to] };
    await recorded(() =>
      store.completeAlert(id, job.code, entry('message-sent', { reason: job.kind, ...officersConcerned })),
    );
  }

  /** Last attempt failed (or a failure retrying cannot fix): record it and tell the admins. */
  async function deadLetter(
    name: keyof Processors,
    code: string,
    err: unknown,
    alertJob?: AlertJob,
  ): Promise<void> {
    const reason = err instanceof Error ? err.message : String(err);
    logger.error({ job: name, report: code, err }, 'job failed for good');
    if (name === 'route') {
      // Only a report nobody moved on yet: an officer may have taken it from an alert that went out.
      await store.update(
        code,
        { from: ['submitted', 'unrouted'], to: 'failed' },
        entry('failed', { reason: `route: ${reason}` }),
      );
    } else {
      await store.update(
        code,
        {},
        entry(`${name}-failed`, {
          ...(alertJob ? { officers: [alertJob.officer], level: alertJob.level } : {}),
          reason,
        }),
      );
    }
    if (name !== 'notify' && name !== 'message' && alertJob?.kind !== 'failure')
      await alertAdmins(code, reason);
  }

  /** Runs a step; on its last attempt (or a permanent error) a failure goes to the dead letter. */
  function guarded<T extends { code: string }, R>(
    name: keyof Processors,
    run: (data: T, attempt: Attempt) => Promise<R>,
  ) {
    return async (data: T, attempt: Attempt): Promise<R> => {
      try {
        return await run(data, attempt);
      } catch (err) {
        if (!(err instanceof PermanentJobError) && !attempt.final) throw err;
        await deadLetter(name, data.code, err, name === 'alert' ? (data as unknown as AlertJob) : undefined);
        throw err instanceof PermanentJobError ? err : new PermanentJobError(String(err));
      }
    };
  }

  return {
    processors: {
      route: guarded('route', route),
      alert: guarded('alert', alert),
      escalate: guarded('escalate', escalate),
      notify: guarded('notify', notify),
      message: guarded('message', message),
    },
    async escalateDue() {
      const due = await store.waitingSince(new Date(deps.clock.now().getTime() - deps.escalateAfterMs));
      const reports = await Promise.all(due.map((code) => store.get(code)));
      const jobs = reports.flatMap((r) =>
        r && WAITING.includes(r.status) ? [escalateJob(r.code, r.level)] : [],
      );
      if (jobs.length > 0) await queue.add(jobs);
      return jobs.length;
    },
    async sweep(olderThanMs) {
      const stale = await store.codesByStatus(
        'submitted',
        new Date(deps.clock.now().getTime() - olderThanMs),
      );
      if (stale.length > 0) await queue.add(stale.map((code) => routeJob(code)));
      return stale.length + (await routeWaitingFound(store, officers, queue));
    },
  };
}
