import {
  WARNING_TEXT_LIMIT,
  WARNING_TEXT_MIN,
  type WarningDesk,
  type WarningOfficer,
  type WarningPlan,
  type WarningPlanResult,
  type WarningRefusal,
} from '../core/warnings.js';
import type { Audience } from './subscription-store.js';
import { warningFollowUps, type WarningFollowUps } from './warning-follow-ups.js';
import { warningParts, type WarningDeskDeps } from './warning-parts.js';
import { proposalSteps } from './warning-proposals.js';

export type { WarningDeskDeps } from './warning-parts.js';

/** A draft's id as the officer flow makes it (it becomes part of a broadcast id). */
const DRAFT = /^[a-z0-9]{6,20}$/;

const districtOf = (village: string) => village.split('.').slice(0, 2).join('.');

/** Who would send it and to whom, or why not (checked again at every step). */
type Planned =
  | { readonly refused: WarningRefusal; readonly officer?: WarningOfficer }
  | {
      readonly officer: WarningOfficer;
      readonly plan: WarningPlan;
      readonly audience: Extract<Audience, { type: 'warnings' }>;
      readonly reviewers: readonly WarningOfficer[];
    };

/**
 * Officers' warnings over Redis (issue 20): every call reads the officer record of the sending
 * address and checks the area with the report actions' rule; what is stored, counted against the
 * limits and audited happens in one script (redis-warning-store.ts). A warning is a broadcast of
 * kind `text` to the area's warning subscribers, fanned out like any broadcast; a village officer's
 * is a proposal to the district first (warning-proposals.ts).
 */
export function createWarningDesk(deps: WarningDeskDeps): WarningDesk & Pick<WarningFollowUps, 'catchUp'> {
  const { access, store, limits } = deps;
  const parts = warningParts(deps);
  const { now, name, auditOf, refuse, broadcastOf } = parts;
  const followUps = warningFollowUps(deps, parts);
  const proposals = proposalSteps(deps, parts, followUps);

  /** Where the officer's warning goes: their district, their province's districts, or a proposal. */
  async function planFor(address: string): Promise<Planned> {
    const officer = await access.officer(address);
    if (!officer) return { refused: 'not-officer' };
    if (officer.role === 'admin' || officer.area === '') return { refused: 'no-area', officer };
    const used = await store.used(officer.id, officer.area, now());
    const officerLeft = limits.perOfficer - used.officer;
    if (officer.role === 'village') {
      const district = districtOf(officer.area);
      const reviewers = await followUps.reviewersOf(district);
      if (reviewers.length === 0) return { refused: 'no-reviewer', officer };
      const audience = { type: 'warnings', district } as const;
      return {
        officer,
        audience,
        reviewers,
        plan: {
          kind: 'propose',
          area: district,
          areaName: name(district),
          recipients: await deps.subscribers.audienceSize(audience),
          reviewers: reviewers.length,
          left: officerLeft,
        },
      };
    }
    const audience: Extract<Audience, { type: 'warnings' }> =
      officer.role === 'province'
        ? { type: 'warnings', district: officer.area, districts: [...deps.districtsIn(officer.area)] }
        : { type: 'warnings', district: officer.area };
    return {
      officer,
      audience,
      reviewers: [],
      plan: {
        kind: 'send',
        area: officer.area,
        areaName: name(officer.area),
        recipients: await deps.subscribers.audienceSize(audience),
        reviewers: 0,
        left: Math.min(officerLeft, limits.perArea - used.area),
      },
    };
  }

  return {
    async plan(address) {
      const p = await planFor(address);
      if ('refused' in p) return { type: 'refused', reason: p.refused };
      if (p.plan.left <= 0) return { type: 'refused', reason: 'limit' };
      return { type: 'plan', plan: p.plan } satisfies WarningPlanResult;
    },

    async confirm(address, draft, text) {
      const p = await planFor(address);
      if ('refused' in p) return refuse(p.refused, 'send', p.officer);
      const clean = typeof text === 'string' ? text.trim() : '';
      if (!DRAFT.test(draft) || clean.length < WARNING_TEXT_MIN || clean.length > WARNING_TEXT_LIMIT)
        return refuse('invalid', 'send', p.officer);
      if (p.plan.kind === 'propose') return proposals.propose(p.officer, p.plan, p.reviewers, draft, clean);
      const b = broadcastOf(`warn-${draft}`, p.officer, p.audience, clean, p.plan.areaName);
      const audit = auditOf(p.officer, 'send', p.plan.area, { id: b.id, recipients: p.plan.recipients });
      const done = await store.send(b, p.plan.area, limits, audit);
      if (done === 'limit') return { type: 'refused', reason: 'limit' };
      // Stored before (a confirm pressed again, or a start that failed): queued again, sent once.
      await deps.start(b.id);
      if (done !== 'sent') return { type: 'already', id: b.id };
      deps.logger.info(
        { officer: p.officer.id, broadcast: b.id, recipients: p.plan.recipients },
        'warning sent',
      );
      return { type: 'sent', id: b.id, recipients: p.plan.recipients };
    },

    catchUp: followUps.catchUp,
    proposals: proposals.proposals,
    review: proposals.review,
    decide: proposals.decide,
  };
}
