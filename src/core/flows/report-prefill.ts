import type { FlowContext, Outcome } from '../flow.js';
import { next } from '../flow.js';
import { lines, t, type Text } from '../message.js';
import { paymentLines, recruitmentText } from '../report-summary.js';
import type { FlowData } from '../session.js';
import { str, strings } from './data.js';
import {
  MAX_PHONES,
  newDraft,
  paymentOf,
  prefilledDraft,
  recruitmentOf,
  type ReportFlowDeps,
} from './report-draft.js';
import { recruitmentIn } from './report-channel.js';
import { paymentIn } from './report-payment.js';

/**
 * A new draft. `arg` is text about the recruiter (the offer check passes the advert's companies, phone
 * numbers and the platform it names, one a line; the menu and the "already paid" screen pass what the
 * user wrote): what it names is filled in, said once, and skipped on the way — phone numbers, the
 * company, the one platform named ("hubungi WA"), and money paid with its amount ("sudah bayar 30jt ke
 * sponsor"; to whom when it says).
 */
export function freshDraft(ctx: FlowContext, deps: ReportFlowDeps, arg: string | undefined): Outcome {
  if (!arg) return next('name', newDraft(ctx.now));
  const recruitment = recruitmentIn(deps.words, arg);
  const payment = paymentIn(ctx, deps, arg);
  const draft = prefilledDraft(ctx.now, {
    phones: deps.readPhones(arg, MAX_PHONES),
    companies: ctx.scanner.companies(arg),
    ...(recruitment ? { recruitment } : {}),
    ...(payment ? { payment } : {}),
  });
  const filled = strings(draft, 'pf');
  const shown: Text[] = [
    ...(filled.includes('phones')
      ? [t('report.field.phones', { value: strings(draft, 'p').join(', ') })]
      : []),
    ...(filled.includes('company') ? [t('report.field.company', { value: str(draft, 'c') ?? '' })] : []),
    ...(filled.includes('channel') ? recruitmentLine(draft) : []),
    ...(filled.includes('paid') ? paymentLinesOf(draft) : []),
  ];
  return shown.length > 0
    ? next('name', draft, [{ body: [t('report.prefilled'), lines(shown), t('report.prefilledChange')] }])
    : next('name', draft);
}

const recruitmentLine = (data: FlowData): Text[] => {
  const r = recruitmentOf(data);
  return r ? [t('report.field.channel', { value: recruitmentText(r) })] : [];
};
const paymentLinesOf = (data: FlowData): Text[] => {
  const p = paymentOf(data);
  return p ? paymentLines(p) : [];
};
