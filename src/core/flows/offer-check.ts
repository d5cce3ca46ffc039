import { goto } from '../flow.js';
import { t } from '../message.js';
import { offerRisk } from '../risk.js';
import { answeredYes, createCheckFlow } from './check-flow.js';
import { levelReplies } from './check-result.js';

/** The offer check: yes/no questions about an offer (facts Q-01..Q-37) → risk level, reasons, next steps. */
export const offerCheckFlow = createCheckFlow({
  id: 'offer-check',
  audience: 'offer',
  texts: 'check',
  result(ctx, data) {
    const signs = answeredYes(ctx, data);
    const level = offerRisk(signs.map((s) => ({ weight: s.weight, alwaysHigh: s.always_high })));
    return levelReplies(ctx, ctx.catalog.level(level), signs);
  },
  resultChoices: [
    // The bot's own report form first: it reaches the village officer (review §1 #8).
    { id: 'report', label: t('check.reportHere') },
    { id: 'numbers', label: t('check.report') },
    { id: 'signs', label: t('check.learnSigns') },
  ],
  onResultChoice: (_ctx, _data, id) =>
    id === 'signs' ? goto('signs') : id === 'report' ? goto('report') : goto('contacts', { arg: 'report' }),
});
