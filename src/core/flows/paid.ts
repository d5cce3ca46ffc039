import { goto, next, type Flow } from '../flow.js';
import { t } from '../message.js';

/**
 * "I already paid a sponsor and never left": what to do now (keep the proof, pay nothing more, report
 * the recruiter, call the KP2MI call centre) — facts L-28, L-45, H-01 — and the report right away.
 */
export const paidFlow: Flow = {
  id: 'paid',
  start: () => next('root'),
  prompt: () => ({
    title: t('paid.title'),
    body: [t('paid.body')],
    choices: [
      { id: 'report', label: t('paid.report') },
      { id: 'contacts', label: t('paid.contacts') },
    ],
  }),
  handle(_ctx, _state, input) {
    if (input.type === 'text') return goto('menu', { arg: input.text });
    if (input.id === 'report') return goto('report');
    if (input.id === 'contacts') return goto('contacts', { arg: 'report' });
    return goto('menu');
  },
};
