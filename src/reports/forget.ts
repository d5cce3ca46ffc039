import type { Redis } from 'ioredis';
import type { ForgetDesk, ForgetResult } from '../core/forget.js';
import type { ChannelName } from '../core/message.js';
import type { Clock, Logger } from '../core/ports.js';
import type { OfficerDirectory } from '../officers/officer.js';
import { deleteMatching } from '../storage/scan.js';
import { reporterId, reportKeys } from './keys.js';
import type { HistoryEntry } from './report-record.js';
import { forgetRecorder } from './register-desk.js';
import type { RegisterStore } from './register-store.js';
import type { ReportStore } from './report-store.js';

/** The history entry a deletion appends (the same type as retention's; it names no one). */
export const REPORTER_FORGOTTEN = 'reporter-data-removed';

/** Deletes what one channel keeps about an address (WhatsApp: contact book, photos, failed sends). */
export type ChannelForget = (address: string) => Promise<void>;

export interface ForgetDeskDeps {
  readonly store: ReportStore;
  readonly officers: OfficerDirectory;
  /** The report store's other keys naming the reporter (draft and phone links); Redis only. */
  readonly traces?: (address: string) => Promise<void>;
  /** The departure/return register: the entries this address told the village of are deleted. */
  readonly register?: RegisterStore;
  /** Opt-in alerts: the address's subscriptions and consent records are deleted. */
  readonly subscriptions?: (address: string) => Promise<void>;
  /**
   * By channel, what deletes the channel's data about an address. Filled in as channels start (after
   * the engine is built), like the senders.
   */
  readonly channels: Partial<Record<ChannelName, ChannelForget>>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * "Delete my data" outside the session: every report the address filed loses its reporter (address,
 * locale, consents, index entry) with a history entry, the report itself stays for the officers; then
 * the store's draft and phone links, the departure/return entries the address recorded (deleted
 * whole: they are about a person, not a recruiter) and the channel's data go. Each step is idempotent, so a retry
 * after a failure finishes the job. Active officers are refused: an admin revokes them.
 */
export function createForgetDesk(deps: ForgetDeskDeps): ForgetDesk {
  const isOfficer = async (address: string) => (await deps.officers.byAddress(address))?.active === true;
  return {
    isOfficer,
    async forget(address): Promise<ForgetResult> {
      if (await isOfficer(address)) return { type: 'officer' };
      const entry: HistoryEntry = {
        at: deps.clock.now().toISOString(),
        type: REPORTER_FORGOTTEN,
        reason: 'the reporter deleted their data',
      };
      let reports = 0;
      for (const code of await deps.store.codesByReporter(address)) {
        if (await deps.store.removeReporter(code, entry)) reports++;
      }
      await deps.traces?.(address);
      const entries = deps.register ? await forgetRecorder(deps.register, address) : 0;
      await deps.subscriptions?.(address);
      const channel = address.slice(0, address.indexOf(':')) as ChannelName;
      await deps.channels[channel]?.(address);
      deps.logger.info({ channel, reports, entries }, 'user data deleted at their request');
      return { type: 'forgotten', reports };
    },
  };
}

/**
 * Deletes the report store's keys that link a reporter (by their hashed id) to a report: submitted
 * draft keys (`rd:`, two days) and recruiter-phone links (`rp:`, one day). Found by a SCAN over the
 * key space (a rare, user-requested action; every primary of a Cluster). The daily report count (`rl:`, a number, two days) is
 * kept on purpose: deleting it would let anyone reset the daily report limit by deleting their data.
 */
export function createRedisReporterTraces(redis: Redis, prefix: string): (address: string) => Promise<void> {
  const keys = reportKeys(prefix);
  return async (address) => {
    const id = reporterId(address);
    for (const pattern of [keys.drafts(id), keys.phoneLinks(id)]) await deleteMatching(redis, pattern);
  };
}
