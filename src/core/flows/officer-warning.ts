import { randomUUID } from 'node:crypto';
import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { formatDate } from '../format.js';
import { literal, t, type Choice, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import {
  WARNING_TEXT_LIMIT,
  WARNING_TEXT_MIN,
  unwiredWarnings,
  type DecisionResult,
  type WarningDesk,
  type WarningPlan,
  type WarningResult,
} from '../warnings.js';
import { num, str, strings } from './data.js';

const HOME: Choice = { id: 'home', label: t('officer.homeChoice') };
const BACK: Choice = { id: 'back', label: t('guide.back') };

const desk = (ctx: FlowContext): WarningDesk => ctx.officers.warnings ?? unwiredWarnings;
const say = (...texts: Text[]) => [{ body: texts }];

/** Back to the officer's page, saying what happened. */
const toHome = (...texts: Text[]): Outcome => goto('officer', { say: say(...texts) });

/** The plan as kept in the flow's data while the officer writes (read again at confirming). */
const planData = (p: WarningPlan): FlowData => ({
  k: p.kind,
  a: p.areaName,
  n: p.recipients,
  v: p.reviewers,
  l: p.left,
});

/** Who the warning reaches, in the officer's words. */
function reach(d: FlowData): Text {
  const params = { area: str(d, 'a') ?? '', count: num(d, 'n') ?? 0, reviewers: num(d, 'v') ?? 0 };
  return str(d, 'k') === 'propose' ? t('warning.reachPropose', params) : t('warning.reachSend', params);
}

/** The warning as a subscriber will read it (title, text, the area, the STOP line). */
const asSent = (text: string, area: string): Text[] => [
  t('broadcast.warningTitle'),
  literal(text),
  t('broadcast.warningFrom', { area }),
  t('broadcast.stopHint'),
];

function resultText(r: WarningResult | DecisionResult): Text {
  switch (r.type) {
    case 'sent':
      return t('warning.sent', { count: r.recipients });
    case 'proposed':
      return t('warning.proposed', { reviewers: r.reviewers });
    case 'already':
      return t('warning.already');
    case 'rejected':
      return t('warning.rejected');
    case 'decided':
      return t(r.as === 'approve' ? 'warning.decidedApproved' : 'warning.decidedRejected', { name: r.by });
    case 'refused':
      return t(`warning.refused.${r.reason}`);
  }
}

async function write(ctx: FlowContext): Promise<Outcome> {
  const planned = await desk(ctx).plan(ctx.user);
  if (planned.type === 'refused') return toHome(t(`warning.refused.${planned.reason}`));
  return next('write', planData(planned.plan));
}

async function list(ctx: FlowContext): Promise<Outcome> {
  const waiting = await desk(ctx).proposals(ctx.user);
  return next('list', {
    i: waiting.map((p) => p.id),
    s: waiting.map((p) => `${p.village} · ${p.text.slice(0, 40)}`),
  });
}

/**
 * Officers' warnings to the subscribers of their area: write, see the message and who it reaches,
 * confirm (district and province officers send it; village officers propose it to the district); and
 * the district's side of proposals: read, approve (sent) or reject. The desk authorises each step again.
 */
export const warningFlow: Flow = {
  id: 'warning',
  start: (ctx, arg) => (arg === 'proposals' ? list(ctx) : write(ctx)),
  async prompt(ctx, state): Promise<Reply> {
    const d = state.data;
    switch (state.step) {
      case 'preview': {
        const propose = str(d, 'k') === 'propose';
        return {
          title: t('warning.previewTitle'),
          body: [t('warning.previewIntro'), ...asSent(str(d, 'x') ?? '', str(d, 'a') ?? ''), reach(d)],
          choices: [
            { id: 'send', label: t(propose ? 'warning.proposeNow' : 'warning.sendNow') },
            { id: 'edit', label: t('warning.edit') },
            { id: 'cancel', label: t('warning.cancel') },
          ],
        };
      }
      case 'list': {
        const summaries = strings(d, 's');
        return {
          title: t('warning.proposalsTitle'),
          body: [
            summaries.length > 0
              ? t('warning.proposalsList', { n: summaries.length })
              : t('warning.noProposals'),
          ],
          choices: [...summaries.map((s, i) => ({ id: `p${String(i)}`, label: literal(s) })), HOME],
        };
      }
      case 'proposal': {
        const r = await desk(ctx).review(ctx.user, str(d, 'p') ?? '');
        if (!r)
          return {
            title: t('warning.proposalsTitle'),
            body: [t('warning.refused.not-found')],
            choices: [HOME],
          };
        const p = r.proposal;
        return {
          title: t('warning.proposalTitle', { village: p.village }),
          body: [
            t('warning.proposalFrom', {
              name: p.by,
              village: p.village,
              date: formatDate(p.at.slice(0, 10), ctx.locale),
            }),
            ...asSent(p.text, p.districtName),
            t('warning.reachSend', { area: p.districtName, count: r.plan.recipients }),
          ],
          choices: [
            { id: 'approve', label: t('warning.approve') },
            { id: 'reject', label: t('warning.reject') },
            BACK,
          ],
        };
      }
      default:
        return {
          title: t('warning.writeTitle'),
          body: [
            reach(d),
            t('warning.left', { n: num(d, 'l') ?? 0 }),
            t('warning.writeAsk', { min: WARNING_TEXT_MIN, max: WARNING_TEXT_LIMIT }),
          ],
          choices: [HOME],
        };
    }
  },
  async handle(ctx, state, input): Promise<Outcome> {
    const d = state.data;
    const choice = input.type === 'choice' ? input.id : undefined;
    if (choice === 'home') return goto('officer');
    switch (state.step) {
      case 'preview':
        if (choice === 'edit') return write(ctx);
        if (choice !== 'send') return toHome(t('warning.notSent'));
        return toHome(resultText(await desk(ctx).confirm(ctx.user, str(d, 'i') ?? '', str(d, 'x') ?? '')));
      case 'list': {
        const id = choice ? strings(d, 'i')[Number(choice.slice(1))] : undefined;
        return id ? next('proposal', { p: id }) : invalid(t('warning.pickOne'));
      }
      case 'proposal': {
        const id = str(d, 'p') ?? '';
        if (choice === 'approve' || choice === 'reject')
          return toHome(resultText(await desk(ctx).decide(ctx.user, id, choice)));
        return list(ctx);
      }
      default: {
        if (input.type !== 'text')
          return invalid(t('warning.writeAsk', { min: WARNING_TEXT_MIN, max: WARNING_TEXT_LIMIT }));
        const text = input.text.trim();
        if (text.length < WARNING_TEXT_MIN) return invalid(t('warning.tooShort', { min: WARNING_TEXT_MIN }));
        if (text.length > WARNING_TEXT_LIMIT)
          return invalid(t('report.tooLong', { max: WARNING_TEXT_LIMIT }));
        // The draft's id makes confirming it twice send it once.
        return next('preview', { ...d, x: text, i: randomUUID().replace(/-/g, '').slice(0, 16) });
      }
    }
  },
};
