import { next, type FlowContext, type Outcome } from '../flow.js';
import { lines, t, type Reply } from '../message.js';
import { detailLines } from '../report-summary.js';
import type { FlowData } from '../session.js';
import { bool, num } from './data.js';
import { consentOf, detailsOf } from './report-draft.js';

/** Everything the reporter is about to send, and what happens with it. */
export function reviewPrompt(ctx: FlowContext, data: FlowData): Reply {
  const details = detailsOf(data);
  const contact = consentOf(data) ?? 'none';
  return {
    title: t('report.reviewTitle'),
    body: [
      lines(detailLines(details, ctx.villages.byCode(details.village))),
      lines([
        t(`report.reviewContact.${contact}`),
        t(bool(data, 'u') ? 'report.reviewUpdates' : 'report.reviewNoUpdates'),
      ]),
      t('report.reviewAsk'),
    ],
    choices: [
      { id: 'send', label: t('report.send') },
      { id: 'edit', label: t('report.editChoice') },
    ],
  };
}

/**
 * Sends the draft. "Received" is said only when the desk stored it with its route job; on any failure
 * the user is told it was NOT received and the draft stays for another try.
 */
export async function submitDraft(ctx: FlowContext, data: FlowData): Promise<Outcome> {
  const details = detailsOf(data);
  if (details.village === '') return next('village', data, [{ body: [t('report.villageAsk')] }]);
  try {
    const result = await ctx.reports.submit({
      reporter: {
        address: ctx.user,
        locale: ctx.locale,
        contact: consentOf(data) ?? 'none',
        updates: bool(data, 'u') ?? false,
      },
      draftKey: String(num(data, 't') ?? 0),
      details,
    });
    switch (result.type) {
      case 'received':
        return next('done', { code: result.code });
      case 'linked':
        return next('done', { code: result.code, l: true });
      case 'limit':
        return next('review', data, [{ body: [t('report.limit', { max: result.max })] }]);
    }
  } catch {
    return next('review', data, [{ body: [t('report.notReceived')] }]);
  }
}
