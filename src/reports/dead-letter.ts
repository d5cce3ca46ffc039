import { PermanentJobError, alertJobs, type AlertJob, type Attempt, type Processors } from './jobs.js';
import type { StepContext } from './pipeline-context.js';

/** The dead letter: a step's last failure is recorded on its report and the admins are told. */
export function createDeadLetter(ctx: StepContext) {
  const { store, officers, queue, logger, entry } = ctx;

  async function alertAdmins(code: string, why: string): Promise<void> {
    const admins = await officers.forArea('admin', '');
    if (admins.length === 0) {
      logger.error({ report: code, why }, 'report failed and no admin is registered to be told');
      return;
    }
    await queue.add(alertJobs(code, { level: 'admin', officers: admins }, 'failure'));
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

  return guarded;
}
