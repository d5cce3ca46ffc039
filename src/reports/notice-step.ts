import type { Locale } from '../core/locale.js';
import { jobIds, type Attempt, type MessageJob, type NotifyJob } from './jobs.js';
import type { StepContext } from './pipeline-context.js';

/** The reporter's notices of a new status, and short messages about a report to an officer or its reporter. */
export function createNoticeSteps(ctx: StepContext) {
  const { deps, store, officers, entry, deliverOrGiveUp, recorded } = ctx;

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

  return { notify, message };
}
