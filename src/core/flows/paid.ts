import { callCentreOf } from '../catalog.js';
import { goto, next, type Flow } from '../flow.js';
import { t } from '../message.js';
import { str } from './data.js';

/** What the user wrote is kept this long for the report (its amount, whom it was paid to, a platform). */
const MAX_KEPT = 1000;

/**
 * "I already paid a sponsor and never left": what to do now (keep the proof, pay nothing more, report
 * the recruiter, call the KP2MI call centre) — facts L-28, L-45, H-01 — and the report right away,
 * started with what the message said ("sudah bayar 30jt ke sponsor": the money paid is filled in).
 */
export const paidFlow: Flow = {
  id: 'paid',
  start: (_ctx, arg) => next('root', arg ? { x: arg.slice(0, MAX_KEPT) } : {}),
  prompt: (ctx) => ({
    title: t('paid.title'),
    body: [t('paid.body', { callCentre: callCentreOf(ctx.catalog) })],
    choices: [
      { id: 'report', label: t('paid.report') },
      { id: 'contacts', label: t('paid.contacts') },
    ],
  }),
  handle(_ctx, state, input) {
    if (input.type === 'text') return goto('menu', { arg: input.text });
    if (input.id === 'report') {
      const said = str(state.data, 'x');
      return said ? goto('report', { arg: said }) : goto('report');
    }
    if (input.id === 'contacts') return goto('contacts', { arg: 'report' });
    return goto('menu');
  },
};
