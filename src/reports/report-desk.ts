import { randomInt } from 'node:crypto';
import {
  REPORT_CODE_ALPHABET,
  REPORT_CODE_LENGTH,
  type ReportDesk,
  type ReportStatusView,
  type SubmitRequest,
  type SubmitResult,
} from '../core/report.js';
import type { Clock, Logger } from '../core/ports.js';
import { routeJob, type JobQueue } from './jobs.js';
import { viewOf } from './report-messages.js';
import { intakeOf, type ReportIntake } from './report-intake.js';
import type { ReportStore } from './report-store.js';

export interface DeskOptions {
  readonly store: ReportStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  /** Reports one reporter may file per day. */
  readonly perDay: number;
  readonly logger: Logger;
  /** Random source for codes (tests pass a fixed one to force collisions). */
  readonly randomIndex?: (max: number) => number;
  /** How a new report and its jobs are written (default: the store's create, then its route job). */
  readonly intake?: ReportIntake;
}

/** Tries this many fresh codes when one is taken (244 million codes: a second try is already rare). */
const CODE_ATTEMPTS = 5;

export function newReportCode(randomIndex: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < REPORT_CODE_LENGTH; i++)
    code += REPORT_CODE_ALPHABET.charAt(randomIndex(REPORT_CODE_ALPHABET.length));
  return `R-${code}`;
}

/**
 * Where the report wizard hands a finished report. `submit` resolves only once the record and the jobs
 * that bring it to an officer are stored, so "received" is never said of a report that could be lost; any failure
 * rejects and the wizard keeps the draft. Submitting the same draft again returns the same report.
 */
export function createReportDesk(opts: DeskOptions): ReportDesk {
  const { store, queue } = opts;
  const intake = opts.intake ?? intakeOf(store, queue);
  return {
    async submit(req: SubmitRequest): Promise<SubmitResult> {
      try {
        return await submitOnce(req);
      } catch (err) {
        // The wizard tells the user "not received" and keeps the draft; the reason goes to the log only.
        opts.logger.error({ err }, 'report not stored');
        throw err;
      }
    },

    async status(code: string, reporterAddress: string): Promise<ReportStatusView | undefined> {
      const reporter = await store.reporter(code);
      if (reporter?.address !== reporterAddress) return undefined;
      const record = await store.get(code);
      return record ? viewOf(record) : undefined;
    },
  };

  async function submitOnce(req: SubmitRequest): Promise<SubmitResult> {
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const code = newReportCode(opts.randomIndex);
      const report = {
        code,
        reporter: req.reporter,
        draftKey: req.draftKey,
        details: req.details,
        createdAt: opts.clock.now(),
        perDay: opts.perDay,
      };
      // The record and its jobs (its alerts or its route job) are written together: "received" is said
      // only once all are.
      const filed = report.createdAt.toISOString();
      const created = await intake(report, routeJob(code, { ...req.details, filed }));
      switch (created.type) {
        case 'collision':
          continue;
        case 'limit':
          return { type: 'limit', max: opts.perDay };
        case 'linked':
          await store.update(
            created.code,
            {},
            { at: opts.clock.now().toISOString(), type: 'reported-again' },
          );
          return { type: 'linked', code: created.code };
        case 'created':
          return { type: 'received', code: created.code };
        case 'existing':
          // Stored before from this draft (its route job may be missing): route from what was stored.
          await queue.add([routeJob(created.code)]);
          return { type: 'received', code: created.code };
      }
    }
    throw new Error('could not find a free report code');
  }
}
