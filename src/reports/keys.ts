import { createHash } from 'node:crypto';
import type { ReportStatus } from '../core/report.js';

/** Every Redis key of reports, in one place (DESIGN §5). Reports have no TTL; retention is an admin action. */
export function reportKeys(prefix: string) {
  return {
    /** Hash: doc (details JSON), status, level, area, timestamps, outcome, owner. */
    report: (code: string) => `${prefix}r:${code}`,
    /** Hash: the reporter's address, locale and consents; deleted on "delete my data". */
    reporter: (code: string) => `${prefix}r:${code}:who`,
    /** List of history entries (JSON), oldest first. */
    history: (code: string) => `${prefix}r:${code}:log`,
    /**
     * List of refused actions on the report (JSON entries, oldest first, capped): kept apart from the
     * history so refusals can never push the report's real events out of an officer's sight.
     */
    audit: (code: string) => `${prefix}r:${code}:audit`,
    /** Sorted sets of codes by creation time. */
    byStatus: (status: ReportStatus) => `${prefix}ri:status:${status}`,
    /** What `byStatus` puts before the status (the update script builds the key from it). */
    statusPrefix: () => `${prefix}ri:status:`,
    byArea: (area: string) => `${prefix}ri:area:${area}`,
    byReporter: (reporterId: string) => `${prefix}ri:who:${reporterId}`,
    /** Reports waiting for an officer, by when they reached their level (escalation looks here). */
    waiting: () => `${prefix}ri:waiting`,
    /** Draft key → code: submitting one draft twice gives one report. */
    draft: (reporterId: string, draftKey: string) => `${prefix}rd:${reporterId}:${draftKey}`,
    /** Recruiter phone reported by this reporter today → code. */
    phoneLink: (reporterId: string, phone: string) => `${prefix}rp:${reporterId}:${phone}`,
    /** Reports filed by this reporter on one day (UTC). */
    daily: (reporterId: string, day: string) => `${prefix}rl:${reporterId}:${day}`,
    /** `sent` once an alert, notice or message was handed to its channel. */
    alert: (alertId: string) => `${prefix}ra:${alertId}`,
  };
}

export type ReportKeys = ReturnType<typeof reportKeys>;

/**
 * A reporter's index id: a hash of the chat address, so index key names do not spell out who
 * reported (a key listing or a Redis dump shows no phone numbers).
 */
export const reporterId = (address: string): string =>
  createHash('sha256').update(`demimas-reporter\u0000${address}`).digest('base64url').slice(0, 22);
