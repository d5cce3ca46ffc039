import type { ChannelName, Params } from '../core/message.js';
import type { Clock, Logger, MessageSender, Translator } from '../core/ports.js';
import {
  WARNING_TEXT_LIMIT,
  WARNING_TEXT_MIN,
  type DecisionResult,
  type WarningAccess,
  type WarningDesk,
  type WarningOfficer,
  type WarningPlan,
  type WarningPlanResult,
  type WarningProposal,
  type WarningRefusal,
} from '../core/warnings.js';
import type { Broadcast } from './broadcast.js';
import type {
  ProposalState,
  RedisWarningStore,
  StoredProposal,
  WarningAuditEntry,
  WarningLimits,
} from './redis-warning-store.js';
import type { Audience, SubscriptionStore } from './subscription-store.js';

export interface WarningDeskDeps {
  /** The officer records and the area rule of the report actions (src/reports/officer-access.ts). */
  readonly access: WarningAccess;
  readonly store: RedisWarningStore;
  readonly subscribers: Pick<SubscriptionStore, 'audienceSize'>;
  /** Queues a stored broadcast's fan-out (once per id, however often it is called). */
  readonly start: (id: string) => Promise<void>;
  /** Officers are told of proposals and decisions through these (filled in as channels start). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly translator: Translator;
  /** Names of districts, provinces and villages by code. */
  readonly areaName: (code: string) => string | undefined;
  /** The districts of a province (`PP` → its `PP.KK` codes). */
  readonly districtsIn: (province: string) => readonly string[];
  readonly limits: WarningLimits;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A draft's id as the officer flow makes it (it becomes part of a broadcast id). */
const DRAFT = /^[a-z0-9]{6,20}$/;

const districtOf = (village: string) => village.split('.').slice(0, 2).join('.');
const provinceOf = (area: string) => area.split('.')[0] ?? '';

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
 * kind `text` to the area's warning subscribers, fanned out like any broadcast.
 */
export function createWarningDesk(deps: WarningDeskDeps): WarningDesk {
  const { access, store, limits } = deps;
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

  /** Where the officer's warning goes: their district, their province's districts, or a proposal. */
  async function planFor(address: string): Promise<Planned> {
    const officer = await access.officer(address);
    if (!officer) return { refused: 'not-officer' };
    if (officer.role === 'admin' || officer.area === '') return { refused: 'no-area', officer };
    const used = await store.used(officer.id, officer.area, now());
    const officerLeft = limits.perOfficer - used.officer;
    if (officer.role === 'village') {
      const district = districtOf(officer.area);
      let reviewers = await access.officersOf('district', district);
      if (reviewers.length === 0) reviewers = await access.officersOf('province', provinceOf(district));
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

  /** Tells an officer something; the waiting list and the log stay the record if it fails. */
  async function notify(
    to: WarningOfficer | { address: string; locale: WarningOfficer['locale'] },
    key: string,
    params: Params,
  ) {
    const channel = to.address.slice(0, to.address.indexOf(':')) as ChannelName;
    const tr = (k: string) => deps.translator.t(to.locale, k, params);
    try {
      const sender = deps.senders[channel];
      if (!sender) throw new Error(`no sender for channel "${channel}"`);
      await sender.send(to.address, [{ title: tr('warning.noticeTitle'), body: tr(key), choices: [] }]);
    } catch (err) {
      deps.logger.warn({ err, key }, 'could not tell an officer about a warning');
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

  async function propose(p: Extract<Planned, { plan: WarningPlan }>, draft: string, text: string) {
    const { officer, plan } = p;
    const proposal: StoredProposal = {
      id: `p-${draft}`,
      at: now().toISOString(),
      text,
      officer: officer.id,
      officerName: officer.name,
      address: officer.address,
      locale: officer.locale,
      village: officer.area,
      villageName: name(officer.area),
      district: plan.area,
      districtName: plan.areaName,
    };
    const audit = auditOf(officer, 'propose', plan.area, { id: proposal.id, recipients: plan.recipients });
    const done = await store.propose(proposal, limits, audit);
    if (done === 'limit') return { type: 'refused', reason: 'limit' } as const;
    if (done === 'exists') return { type: 'already', id: proposal.id } as const;
    for (const r of p.reviewers)
      await notify(r, 'warning.proposedToYou', {
        name: officer.name,
        village: proposal.villageName,
        district: plan.areaName,
        text,
      });
    return { type: 'proposed', id: proposal.id, reviewers: p.reviewers.length } as const;
  }

  /** The reviewing officer and the waiting proposal, if they may decide it. */
  async function reviewable(
    address: string,
    id: string,
  ): Promise<
    | { refused: WarningRefusal; officer?: WarningOfficer }
    | { refused?: undefined; officer: WarningOfficer; found: ProposalState }
  > {
    const officer = await access.officer(address);
    if (!officer) return { refused: 'not-officer' };
    const found = /^p-[a-z0-9]{6,20}$/.test(id) ? await store.proposal(id) : undefined;
    const mayDecide = officer.role === 'district' || officer.role === 'province';
    if (!found || !mayDecide || !access.covers(officer, found.proposal.district))
      return { refused: 'not-found', officer };
    return { officer, found };
  }

  const asView = (p: StoredProposal): WarningProposal => ({
    id: p.id,
    at: p.at,
    text: p.text,
    by: p.officerName,
    village: p.villageName,
    district: p.district,
    districtName: p.districtName,
  });

  async function approve(officer: WarningOfficer, p: StoredProposal): Promise<DecisionResult> {
    const audience = { type: 'warnings', district: p.district } as const;
    const recipients = await deps.subscribers.audienceSize(audience);
    const b = broadcastOf(`warn-${p.id}`, officer, audience, p.text, p.districtName);
    const audit = auditOf(officer, 'approve', p.district, { id: b.id, recipients });
    const done = await store.send(b, p.district, limits, audit, { proposal: p, by: officer.name });
    if (done === 'limit') return { type: 'refused', reason: 'limit' };
    if (done !== 'sent') {
      const now = await store.proposal(p.id);
      return {
        type: 'decided',
        id: p.id,
        as: now?.state === 'reject' ? 'reject' : 'approve',
        by: now?.by ?? '-',
      };
    }
    await deps.start(b.id);
    await notify(p, 'warning.approvedYours', {
      district: p.districtName,
      name: officer.name,
      count: recipients,
    });
    return { type: 'sent', id: b.id, recipients };
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
      if (p.plan.kind === 'propose') return propose(p, draft, clean);
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
      if (done !== 'rejected') {
        const later = await store.proposal(id);
        return {
          type: 'decided',
          id,
          as: later?.state === 'approve' ? 'approve' : 'reject',
          by: later?.by ?? '-',
        };
      }
      await notify(p, 'warning.rejectedYours', { district: p.districtName, name: officer.name });
      return { type: 'rejected', id };
    },
  };
}
