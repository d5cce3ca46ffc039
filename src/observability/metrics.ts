import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChannelName } from '../core/message.js';

/**
 * Prometheus metrics of the bot. Labels only ever take values from the fixed lists below (channel
 * names, result types, queue names, log levels): never a user key, a phone number, a report code or
 * anything a user typed, so `/metrics` carries no personal data and its cardinality stays bounded.
 */

const CHANNELS: readonly ChannelName[] = ['console', 'telegram', 'whatsapp'];
/** What `ReportDesk.submit` answered; `failed` = it rejected (the user was told "not received"). */
export const SUBMIT_RESULTS = ['received', 'linked', 'limit', 'failed'] as const;
export type SubmitResultLabel = (typeof SUBMIT_RESULTS)[number];
export const JOB_NAMES = ['route', 'alert', 'escalate', 'notify', 'message'] as const;
export const ALERT_KINDS = ['report', 'escalated', 'failure'] as const;
/**
 * What one broadcast delivery came to (`repeat`: already marked, nothing sent; `resent`: sent again
 * with a notice after its worker died mid-send; `deferred`: kept for a daily digest; `failed`: its
 * last try failed, given up).
 */
export const BROADCAST_RESULTS = [
  'sent',
  'blocked',
  'skipped',
  'repeat',
  'resent',
  'deferred',
  'failed',
] as const;
const LEVELS = ['error', 'fatal'] as const;
/** Time to acknowledgement: one minute to three days. */
const ACK_BUCKETS_S = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200];
/** Reply time of one message: 1 ms to 5 s. */
const TURN_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** How long `/metrics` waits for the queue depths before leaving the gauge as it was. */
const DEPTHS_TIMEOUT_MS = 2000;

/** `value` if it is one of `allowed`, else `other`: a label never carries anything unforeseen. */
function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | 'other' {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : 'other';
}

export interface Metrics {
  /** What `/metrics` serves. */
  readonly registry: Registry;
  readonly messageIn: (channel: ChannelName) => void;
  readonly messagesOut: (channel: ChannelName, count: number) => void;
  /** Seconds from a message reaching the engine to its replies being ready. */
  readonly turn: (channel: ChannelName, seconds: number) => void;
  readonly turnsInFlight: (delta: 1 | -1) => void;
  readonly reportSubmitted: (result: SubmitResultLabel) => void;
  /** One report job finished (`done`) or threw (`failed`, retried or dead-lettered). */
  readonly job: (name: string, result: 'done' | 'failed') => void;
  /** An alert reached an officer's channel (an alert job that sent it; not one that found it sent). */
  readonly alertSent: (kind: string) => void;
  /**
   * A report was acknowledged by an officer, `seconds` after it was submitted. The officer code
   * calls this where it records the `acknowledged` history entry (first acknowledgement only).
   */
  readonly acknowledged: (secondsSinceSubmit: number) => void;
  /** A log line at error level or above. */
  readonly logged: (level: string) => void;
  /** One broadcast delivery job finished: sent, recipient blocked the bot, skipped, or a repeat. */
  readonly broadcast: (result: string) => void;
  /** Queue depths are read from this on every scrape (`BullJobQueue.depths()`). */
  watchQueues(depths: () => Promise<Readonly<Record<string, number>>>): void;
  /** Reports waiting for any officer to register are counted from this on every scrape. */
  watchUnrouted(count: () => Promise<number>): void;
}

export interface MetricsOptions {
  /** Node's process metrics (memory, event-loop lag, GC); on by default. */
  readonly processMetrics?: boolean;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const messagesIn = new Counter({
    name: 'demimas_messages_in_total',
    help: 'Messages from users handled by the engine, per channel',
    labelNames: ['channel'],
    registers,
  });
  const messagesOut = new Counter({
    name: 'demimas_messages_out_total',
    help: 'Reply messages the engine produced, per channel',
    labelNames: ['channel'],
    registers,
  });
  const turns = new Histogram({
    name: 'demimas_reply_seconds',
    help: 'Time from a message reaching the engine to its replies being ready',
    labelNames: ['channel'],
    buckets: TURN_BUCKETS_S,
    registers,
  });
  const inFlight = new Gauge({
    name: 'demimas_turns_in_flight',
    help: 'Messages being answered right now',
    registers,
  });
  const submitted = new Counter({
    name: 'demimas_reports_submitted_total',
    help: 'Report submissions by result: received, linked (same recruiter within a day), limit, failed (not stored)',
    labelNames: ['result'],
    registers,
  });
  const jobs = new Counter({
    name: 'demimas_report_jobs_total',
    help: 'Report jobs run by this process, by queue and result (failed attempts are retried)',
    labelNames: ['queue', 'result'],
    registers,
  });
  const alerts = new Counter({
    name: 'demimas_alerts_sent_total',
    help: 'Alerts delivered to officers, by kind (new report, escalated, failure)',
    labelNames: ['kind'],
    registers,
  });
  const ack = new Histogram({
    name: 'demimas_report_acknowledge_seconds',
    help: 'Time from a report being submitted to its first acknowledgement by an officer',
    buckets: ACK_BUCKETS_S,
    registers,
  });
  const errors = new Counter({
    name: 'demimas_errors_total',
    help: 'Log lines at error level or above',
    labelNames: ['level'],
    registers,
  });
  const broadcasts = new Counter({
    name: 'demimas_broadcast_messages_total',
    help: 'Broadcast deliveries by result: sent, blocked (the user blocked the bot), skipped (no longer subscribed), repeat (already sent, not sent again)',
    labelNames: ['result'],
    registers,
  });
  for (const result of BROADCAST_RESULTS) broadcasts.inc({ result }, 0);
  for (const channel of CHANNELS) {
    messagesIn.inc({ channel }, 0);
    messagesOut.inc({ channel }, 0);
  }
  for (const result of SUBMIT_RESULTS) submitted.inc({ result }, 0);
  for (const kind of ALERT_KINDS) alerts.inc({ kind }, 0);
  for (const level of LEVELS) errors.inc({ level }, 0);

  let readDepths: (() => Promise<Readonly<Record<string, number>>>) | undefined;
  /** One reading per scrape, shared by the two metrics below (a scrape collects them at once). */
  let reading: Promise<Readonly<Record<string, number>> | undefined> | undefined;
  const depthsOfThisScrape = () => {
    const read = readDepths;
    if (!read) return Promise.resolve(undefined);
    reading ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), DEPTHS_TIMEOUT_MS);
      });
      try {
        return await Promise.race([read().catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
        reading = undefined;
      }
    })();
    return reading;
  };
  new Gauge({
    name: 'demimas_queue_depth',
    help: 'Report jobs waiting, delayed or running, per queue',
    labelNames: ['queue'],
    registers,
    async collect() {
      // Redis down: the scrape still answers, the gauge keeps its last values, the failure is counted.
      const depths = await depthsOfThisScrape();
      // Queue names are the bot's own (route, alert-telegram, …): fixed, never from users.
      for (const [queue, n] of Object.entries(depths ?? {})) this.set({ queue }, n);
    },
  });
  new Counter({
    name: 'demimas_queue_depth_failures_total',
    help: 'Scrapes that could not read the queue depths (Redis unreachable or slow)',
    registers,
    async collect() {
      if (readDepths && !(await depthsOfThisScrape())) this.inc();
    },
  });

  let readUnrouted: (() => Promise<number>) | undefined;
  new Gauge({
    name: 'demimas_reports_unrouted',
    help: 'Reports waiting for an officer: nobody covering their area (not even an admin) is registered yet',
    registers,
    async collect() {
      // Redis down: the gauge keeps its last value (the depth failure counter above tells of it).
      const read = readUnrouted;
      if (!read) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), DEPTHS_TIMEOUT_MS);
      });
      const n = await Promise.race([read().catch(() => undefined), timeout]).finally(() =>
        clearTimeout(timer),
      );
      if (n !== undefined) this.set(n);
    },
  });

  return {
    registry,
    messageIn: (channel) => messagesIn.inc({ channel: oneOf(CHANNELS, channel) }),
    messagesOut: (channel, count) => messagesOut.inc({ channel: oneOf(CHANNELS, channel) }, count),
    turn: (channel, seconds) => turns.observe({ channel: oneOf(CHANNELS, channel) }, seconds),
    turnsInFlight: (delta) => inFlight.inc(delta),
    reportSubmitted: (result) => submitted.inc({ result: oneOf(SUBMIT_RESULTS, result) }),
    job: (name, result) => jobs.inc({ queue: oneOf(JOB_NAMES, name), result }),
    alertSent: (kind) => alerts.inc({ kind: oneOf(ALERT_KINDS, kind) }),
    acknowledged: (seconds) => {
      if (Number.isFinite(seconds) && seconds >= 0) ack.observe(seconds);
    },
    broadcast: (result) => broadcasts.inc({ result: oneOf(BROADCAST_RESULTS, result) }),
    logged: (level) => {
      if (level === 'error' || level === 'fatal') errors.inc({ level });
    },
    watchQueues: (depths) => {
      readDepths = depths;
    },
    watchUnrouted: (count) => {
      readUnrouted = count;
    },
  };
}
