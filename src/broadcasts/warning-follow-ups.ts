import type { WarningOfficer } from '../core/warnings.js';
import type { WarningAuditEntry } from './redis-warning-store.js';
import type { WarningDeskDeps, WarningParts } from './warning-parts.js';

const provinceOf = (area: string) => area.split('.')[0] ?? '';

/** The step of an audit entry that has something after it. */
export type Step = Pick<WarningAuditEntry, 'action' | 'outcome' | 'id' | 'recipients'>;

/**
 * What follows a warning step once warning-step.lua recorded it (state and audit entry in one
 * script): a sent warning's broadcast is started, the reviewing officers are told of a proposal, its
 * proposer of the decision. It runs right after the step, and again in the workers' catch-up over the
 * audit stream, so a process that dies between the step and the queueing loses nothing. Each part is
 * idempotent — the broadcast's expansion job and every notice have fixed job ids — so running it twice
 * starts and tells once.
 */
export function warningFollowUps(deps: WarningDeskDeps, parts: WarningParts) {
  const { access, store } = deps;

  /** Who reviews a district's proposals: its officers, or the province's while it has none. */
  async function reviewersOf(district: string): Promise<readonly WarningOfficer[]> {
    const own = await access.officersOf('district', district);
    return own.length > 0 ? own : access.officersOf('province', provinceOf(district));
  }

  async function afterStep(e: Step): Promise<void> {
    if (!e.id) return;
    const done =
      (e.action === 'send' && e.outcome === 'sent') ||
      (e.action === 'approve' && e.outcome === 'sent') ||
      (e.action === 'propose' && e.outcome === 'proposed') ||
      (e.action === 'reject' && e.outcome === 'rejected');
    if (!done) return;
    if (e.action === 'send' || e.action === 'approve')
      await deps.start(e.id).catch((err: unknown) => {
        // Recorded already: the catch-up starts it (a repeat start queues nothing).
        deps.logger.warn({ err, broadcast: e.id }, 'could not start a warning yet; the catch-up will');
      });
    if (e.action === 'send') return;
    const found = await store.proposal(e.action === 'approve' ? e.id.replace(/^warn-/, '') : e.id);
    if (!found) return;
    const p = found.proposal;
    const by = found.by ?? '-';
    if (e.action === 'propose') {
      const params = { name: p.officerName, village: p.villageName, district: p.districtName, text: p.text };
      for (const r of await reviewersOf(p.district)) await parts.notify(p.id, r, 'proposed', params);
    } else if (e.action === 'approve')
      await parts.notify(p.id, p, 'approved', {
        district: p.districtName,
        name: by,
        count: e.recipients ?? 0,
      });
    else await parts.notify(p.id, p, 'rejected', { district: p.districtName, name: by });
  }

  /**
   * Runs what follows every step recorded between `fromMs` and `toMs` (the audit stream's times); the
   * workers call it every minute over the last hour, and over the last day when they start.
   */
  async function catchUp(fromMs: number, toMs: number): Promise<number> {
    const steps = await store.auditBetween(fromMs, toMs);
    for (const e of steps) await afterStep(e);
    return steps.length;
  }

  return { reviewersOf, afterStep, catchUp };
}

export type WarningFollowUps = ReturnType<typeof warningFollowUps>;
