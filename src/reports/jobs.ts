import type { Redis } from 'ioredis';
import type { ChannelName } from '../core/message.js';
import type { AreaLevel, ReportStatus } from '../core/report.js';
import type { Officer } from '../officers/officer.js';

/** Pick the officers of a new report and queue their alerts. */
export interface RouteJob {
  readonly code: string;
  /**
   * Where to route (both fixed when the report is filed), carried so routing need not read the
   * report first. Absent in a route job re-queued by the sweep, which reads the report instead.
   */
  readonly village?: string;
  readonly bypass?: boolean;
  /**
   * When the report was filed (its `createdAt`), in the job queued with its creation: sent with it
   * whatever the create answered (src/reports/report-intake.ts), so the job routes only
   * a report filed then, and does nothing when there is none (a create that stored nothing).
   */
  readonly filed?: string;
}

/** Why an alert is sent: a new report, one escalated past a silent level, or a job that failed for good. */
export type AlertKind = 'report' | 'escalated' | 'failure';

/** One alert to one officer. */
export interface AlertJob {
  readonly code: string;
  readonly officer: string;
  readonly level: AreaLevel;
  readonly kind: AlertKind;
  /**
   * When the report was filed, in an alert queued with its creation (src/reports/redis-report-intake.ts):
   * sent whatever the create answered, so the alert is for a report filed then and does nothing when
   * there is none (a create that stored nothing, or a code another report holds).
   */
  readonly filed?: string;
}

/** Runs when the report was not acknowledged in time at `level`. */
export interface EscalateJob {
  readonly code: string;
  readonly level: AreaLevel;
}

/** Tells the reporter (if they agreed) that their report's status changed. */
export interface NotifyJob {
  readonly code: string;
  readonly status: ReportStatus;
}

/**
 * Short messages about a report to one officer or to its reporter (relays, "taken by", "escalated"),
 * and to the officer who took it when another officer added a note or asked the reporter.
 */
export type MessageKind = 'taken' | 'escalated-away' | 'question' | 'answer' | 'other-note' | 'other-ask';

export interface MessageJob {
  readonly code: string;
  /** Officer id, or `reporter`. */
  readonly to: string;
  readonly kind: MessageKind;
  /** The relayed question or answer; a name for `taken`, `other-note` and `other-ask`. */
  readonly text?: string;
  /** Makes the job id unique per message (e.g. the history length when it was queued). */
  readonly seq: number;
}

export type JobSpec =
  | { readonly name: 'route'; readonly id: string; readonly data: RouteJob }
  | { readonly name: 'alert'; readonly id: string; readonly data: AlertJob; readonly channel: ChannelName }
  | { readonly name: 'escalate'; readonly id: string; readonly data: EscalateJob; readonly delayMs: number }
  | { readonly name: 'notify'; readonly id: string; readonly data: NotifyJob }
  | { readonly name: 'message'; readonly id: string; readonly data: MessageJob };

/**
 * Where jobs go: BullMQ on Redis in service mode, an in-process queue in the console demo.
 * Ids are deterministic, so adding a job twice (a retry, a double submit) queues it once.
 */
export interface JobQueue {
  add(jobs: readonly JobSpec[]): Promise<void>;
  /**
   * Adds `jobs` on `client` between the commands `around.before` and `around.after` send (without
   * waiting between them), so they reach Redis in one write and run in that order: one round trip.
   * Resolves once all are answered, with what each gave; undefined, having sent nothing, when this
   * queue does not write on `client`. Absent on a queue that never can (the memory queue).
   */
  addAlong?<B, A>(
    client: Redis,
    jobs: readonly JobSpec[],
    around: Around<B, A>,
  ): Promise<{ readonly before: B | undefined; readonly after: A | undefined } | undefined>;
}

/** Commands sent with job adds: `before` them (a report's create) and `after` them (its routing). */
export interface Around<B, A> {
  readonly before?: () => Promise<B>;
  readonly after?: () => Promise<A>;
}

/** Job ids, from what they are about (BullMQ ids may not contain ':'). */
export const jobIds = {
  /** `after`: a later routing of the same report (its first route job id is kept for days). */
  route: (code: string, after?: string) => (after ? `route-${code}-${after}` : `route-${code}`),
  alert: (a: AlertJob) => `alert-${a.code}-${a.officer}-${a.level}-${a.kind}`,
  escalate: (e: EscalateJob) => `escalate-${e.code}-${e.level}`,
  notify: (n: NotifyJob) => `notify-${n.code}-${n.status}`,
  message: (m: MessageJob) => `message-${m.code}-${m.kind}-${m.to}-${String(m.seq)}`,
};

export const messageJob = (data: MessageJob): JobSpec => ({
  name: 'message',
  id: jobIds.message(data),
  data,
});

export const routeJob = (
  code: string,
  place?: { village: string; bypassVillage: boolean; filed?: string },
  after?: string,
): JobSpec => ({
  name: 'route',
  id: jobIds.route(code, after),
  data: place
    ? {
        code,
        village: place.village,
        bypass: place.bypassVillage,
        ...(place.filed === undefined ? {} : { filed: place.filed }),
      }
    : { code },
});

/** One alert job per officer of a level. */
export const alertJobs = (
  code: string,
  route: { readonly level: AreaLevel; readonly officers: readonly Officer[] },
  kind: AlertKind,
  filed?: string,
): JobSpec[] =>
  route.officers.map((o) => {
    const data: AlertJob = {
      code,
      officer: o.id,
      level: route.level,
      kind,
      ...(filed === undefined ? {} : { filed }),
    };
    const channel = o.address.slice(0, o.address.indexOf(':')) as ChannelName;
    return { name: 'alert', id: jobIds.alert(data), data, channel };
  });

export const escalateJob = (code: string, level: AreaLevel): JobSpec => {
  const data: EscalateJob = { code, level };
  return { name: 'escalate', id: jobIds.escalate(data), data, delayMs: 0 };
};

export const notifyJob = (code: string, status: ReportStatus): JobSpec => {
  const data: NotifyJob = { code, status };
  return { name: 'notify', id: jobIds.notify(data), data };
};

/** Where a job stands in its retries. */
export interface Attempt {
  /** Attempts made before this one. */
  readonly made: number;
  /** No retry follows if this one fails. */
  readonly final: boolean;
  /**
   * A previous attempt stopped without a known outcome (its worker died, or it failed after its
   * message was handed to a channel): a message it was sending may have gone out already.
   */
  readonly interrupted: boolean;
}

/** Prefix of the error a step throws when a channel refused a message: it was not delivered. */
export const SEND_FAILED = 'send failed:';

/** A channel did not take the message (a retry sends it again, without a "may be a repeat" note). */
export class SendFailed extends Error {
  constructor(cause: unknown) {
    super(`${SEND_FAILED} ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SendFailed';
  }
}

/** Did the attempt that failed last fail before anything went out? */
export const failedBeforeSending = (reason: string | undefined): boolean =>
  reason?.startsWith(SEND_FAILED) ?? false;

/** A failure that retrying cannot fix (an unreachable officer, a missing report). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** What an alert job came to. */
export type AlertDelivery = 'sent' | 'skipped';

/** What the queue runs: one function per job name. Throwing means "retry" (or dead letter at the end). */
export interface Processors {
  route(data: RouteJob, attempt: Attempt): Promise<void>;
  /** `skipped`: nothing went out (already sent, officer no longer active). */
  alert(data: AlertJob, attempt: Attempt): Promise<AlertDelivery>;
  escalate(data: EscalateJob, attempt: Attempt): Promise<void>;
  notify(data: NotifyJob, attempt: Attempt): Promise<void>;
  message(data: MessageJob, attempt: Attempt): Promise<void>;
}
