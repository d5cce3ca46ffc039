import { RecipientUnreachable } from '../core/ports.js';
import {
  PermanentJobError,
  SendFailed,
  jobIds,
  notifyJob,
  type AlertDelivery,
  type AlertJob,
  type Attempt,
} from './jobs.js';
import type { StepContext } from './pipeline-context.js';

/** The alert step: one alert to one officer, sent once and recorded; the first makes the report "notified". */
export function createAlertStep(ctx: StepContext) {
  const { deps, store, queue, readAlert, entry, deliver, recorded } = ctx;

  /** The reporter's "an officer has it" notice, for a report notified by its first alert. */
  async function ensureNotice(code: string): Promise<void> {
    const r = await store.get(code);
    if (r?.updates && r.status === 'notified') await queue.add([notifyJob(code, 'notified')]);
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
    // Queued with a create that stored nothing under this code at that time: not this report's alert.
    if (job.filed !== undefined && report?.createdAt !== job.filed) {
      deps.logger.debug({ report: code }, 'alert of a report not created: nothing to send');
      return 'skipped';
    }
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

  return alert;
}
