import type { Params } from '../core/message.js';
import type { Clock, Logger } from '../core/ports.js';
import type { DecisionResult, WarningAccess, WarningOfficer, WarningRefusal } from '../core/warnings.js';
import type { Broadcast } from './broadcast.js';
import { officerNotice, type NoticeKind, type OfficerNotice } from './officer-notices.js';
import type { RedisWarningStore, WarningAuditEntry, WarningLimits } from './redis-warning-store.js';
import type { Audience, SubscriptionStore } from './subscription-store.js';

export interface WarningDeskDeps {
  /** The officer records and the area rule of the report actions (src/reports/officer-access.ts). */
  readonly access: WarningAccess;
  readonly store: RedisWarningStore;
  readonly subscribers: Pick<SubscriptionStore, 'audienceSize'>;
  /** Queues a stored broadcast's fan-out (once per id, however often it is called). */
  readonly start: (id: string) => Promise<void>;
  /**
   * Queues officers' notices of proposals and decisions (BullBroadcastQueue.tell: durable, retried,
   * sent once per id).
   */
  readonly tell: (notices: readonly OfficerNotice[]) => Promise<void>;
  /** Names of districts, provinces and villages by code. */
  readonly areaName: (code: string) => string | undefined;
  /** The districts of a province (`PP` → its `PP.KK` codes). */
  readonly districtsIn: (province: string) => readonly string[];
  readonly limits: WarningLimits;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * What every warning step shares: the clock and area names, audit entries and refusals (written to
 * the audit stream), telling officers, and the broadcast a warning becomes.
 */
export function warningParts(deps: WarningDeskDeps) {
  const { store } = deps;
  const now = () => deps.clock.now();
  const name = (code: string) => deps.areaName(code) ?? code;

  const auditOf = (o: WarningOfficer | undefined, action: string, area: string, more: object = {}) => ({
    at: now().toISOString(),
    action,
    officer: o?.id ?? '-',
    role: o?.role ?? '-',
    area,
    ...more,
  });
  const refuse = async (
    reason: WarningRefusal,
    action: string,
    o?: WarningOfficer,
    area = o?.area ?? '-',
  ): Promise<{ type: 'refused'; reason: WarningRefusal }> => {
    const entry: WarningAuditEntry = { ...auditOf(o, action, area), outcome: reason };
    await store.audit(entry);
    return { type: 'refused', reason };
  };

  /**
   * Queues a notice to an officer about a proposal. If it cannot be queued (Redis away), the step is
   * in the audit stream already and the workers' catch-up queues it (warning-follow-ups.ts).
   */
  async function notify(
    proposal: string,
    to: WarningOfficer | { address: string; locale: WarningOfficer['locale'] },
    kind: NoticeKind,
    params: Params,
  ) {
    try {
      await deps.tell([officerNotice(proposal, kind, to, params)]);
    } catch (err) {
      deps.logger.warn({ err, kind }, 'could not queue a notice to an officer yet; the catch-up will');
    }
  }

  function broadcastOf(
    id: string,
    by: WarningOfficer,
    audience: Audience,
    text: string,
    areaName: string,
  ): Broadcast {
    return {
      id,
      createdAt: now().toISOString(),
      by: by.id,
      audience,
      body: { kind: 'text', texts: { id: text }, from: areaName },
    };
  }

  /** A proposal decided by someone else meanwhile, as it stands now. */
  async function decidedNow(id: string): Promise<DecisionResult> {
    const later = await store.proposal(id);
    return {
      type: 'decided',
      id,
      as: later?.state === 'reject' ? 'reject' : 'approve',
      by: later?.by ?? '-',
    };
  }

  return { now, name, auditOf, refuse, notify, broadcastOf, decidedNow };
}

export type WarningParts = ReturnType<typeof warningParts>;
