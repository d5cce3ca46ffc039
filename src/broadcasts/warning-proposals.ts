import type {
  DecisionResult,
  WarningDesk,
  WarningOfficer,
  WarningPlan,
  WarningProposal,
  WarningRefusal,
  WarningResult,
} from '../core/warnings.js';
import type { ProposalState, StoredProposal } from './redis-warning-store.js';
import type { WarningFollowUps } from './warning-follow-ups.js';
import type { WarningDeskDeps, WarningParts } from './warning-parts.js';

const PROPOSAL_ID = /^p-[a-z0-9]{6,20}$/;

const asView = (p: StoredProposal): WarningProposal => ({
  id: p.id,
  at: p.at,
  text: p.text,
  by: p.officerName,
  village: p.villageName,
  district: p.district,
  districtName: p.districtName,
});

/**
 * A village officer's warnings go to their district first: proposed (the reviewers told), listed for
 * the district's (or the province's) officers, approved — sent as the approving officer's warning,
 * within their and the district's limits — or rejected; the proposer is told the decision.
 */
export function proposalSteps(deps: WarningDeskDeps, parts: WarningParts, followUps: WarningFollowUps) {
  const { access, store, limits } = deps;
  const { now, auditOf, refuse, broadcastOf, decidedNow } = parts;
  const { afterStep } = followUps;

  async function propose(
    officer: WarningOfficer,
    plan: WarningPlan,
    reviewers: readonly WarningOfficer[],
    draft: string,
    text: string,
  ): Promise<WarningResult> {
    const proposal: StoredProposal = {
      id: `p-${draft}`,
      at: now().toISOString(),
      text,
      officer: officer.id,
      officerName: officer.name,
      address: officer.address,
      locale: officer.locale,
      village: officer.area,
      villageName: parts.name(officer.area),
      district: plan.area,
      districtName: plan.areaName,
    };
    const audit = auditOf(officer, 'propose', plan.area, { id: proposal.id, recipients: plan.recipients });
    const done = await store.propose(proposal, limits, audit);
    if (done === 'limit') return { type: 'refused', reason: 'limit' };
    // Proposed now, or before (pressed again): the reviewers' notices are queued (once per id).
    await afterStep({ action: 'propose', outcome: 'proposed', id: proposal.id });
    if (done === 'exists') return { type: 'already', id: proposal.id };
    return { type: 'proposed', id: proposal.id, reviewers: reviewers.length };
  }

  /** The reviewing officer and the proposal, if they may decide it (a district or province officer over it). */
  async function reviewable(
    address: string,
    id: string,
  ): Promise<
    | { refused: WarningRefusal; officer?: WarningOfficer }
    | { refused?: undefined; officer: WarningOfficer; found: ProposalState }
  > {
    const officer = await access.officer(address);
    if (!officer) return { refused: 'not-officer' };
    const found = PROPOSAL_ID.test(id) ? await store.proposal(id) : undefined;
    const mayDecide = officer.role === 'district' || officer.role === 'province';
    if (!found || !mayDecide || !access.covers(officer, found.proposal.district))
      return { refused: 'not-found', officer };
    return { officer, found };
  }

  async function approve(officer: WarningOfficer, p: StoredProposal): Promise<DecisionResult> {
    const audience = { type: 'warnings', district: p.district } as const;
    const recipients = await deps.subscribers.audienceSize(audience);
    const b = broadcastOf(`warn-${p.id}`, officer, audience, p.text, p.districtName);
    const audit = auditOf(officer, 'approve', p.district, { id: b.id, recipients });
    const done = await store.send(b, p.district, limits, audit, { proposal: p, by: officer.name });
    if (done === 'limit') return { type: 'refused', reason: 'limit' };
    if (done !== 'sent') return decidedNow(p.id);
    await afterStep({ action: 'approve', outcome: 'sent', id: b.id, recipients });
    return { type: 'sent', id: b.id, recipients };
  }

  const steps: Pick<WarningDesk, 'proposals' | 'review' | 'decide'> = {
    async proposals(address) {
      const officer = await access.officer(address);
      if (!officer) return [];
      const districts =
        officer.role === 'district'
          ? [officer.area]
          : officer.role === 'province'
            ? deps.districtsIn(officer.area)
            : [];
      return (await store.pending(districts)).map(asView);
    },

    async review(address, id) {
      const r = await reviewable(address, id);
      if (r.refused || r.found.state !== 'pending') return undefined;
      const p = r.found.proposal;
      const used = await store.used(r.officer.id, p.district, now());
      return {
        proposal: asView(p),
        plan: {
          kind: 'send',
          area: p.district,
          areaName: p.districtName,
          recipients: await deps.subscribers.audienceSize({ type: 'warnings', district: p.district }),
          reviewers: 0,
          left: Math.min(limits.perOfficer - used.officer, limits.perArea - used.area),
        },
      };
    },

    async decide(address, id, decision) {
      const r = await reviewable(address, id);
      if (r.refused) return refuse(r.refused, decision, r.officer);
      const { officer, found } = r;
      const p = found.proposal;
      if (found.state !== 'pending') return { type: 'decided', id, as: found.state, by: found.by ?? '-' };
      if (decision === 'approve') return approve(officer, p);
      const done = await store.reject(p, officer.name, now(), auditOf(officer, 'reject', p.district, { id }));
      if (done !== 'rejected') return decidedNow(id);
      await afterStep({ action: 'reject', outcome: 'rejected', id });
      return { type: 'rejected', id };
    },
  };
  return { propose, ...steps };
}
