import type { Contact } from '../../content/schema.js';
import { goto, next, type Flow, type FlowContext } from '../flow.js';
import { formatDate } from '../format.js';
import { pick } from '../locale.js';
import { t, type Text } from '../message.js';

/** One line per contact: name, number, when to call, and the date of the source that published it. */
export function contactLines(ctx: FlowContext, contacts: readonly Contact[]): Text[] {
  return contacts.map((c) =>
    t('contacts.line', {
      name: pick(c.name, ctx.locale),
      number: c.number,
      note: pick(c.note, ctx.locale),
      asOf: formatDate(c.as_of, ctx.locale),
    }),
  );
}

/** The directory of important numbers, one screen for Indonesia and one for Indonesian missions abroad. */
export const contactsFlow: Flow = {
  id: 'contacts',
  start: () => next('home'),
  prompt(ctx, state) {
    const abroad = state.step === 'abroad';
    const list = ctx.catalog.contacts.filter((c) => c.scope === (abroad ? 'abroad' : 'indonesia'));
    return {
      title: t(abroad ? 'contacts.abroad' : 'contacts.home'),
      body: [...contactLines(ctx, list), t('contacts.checked')],
      choices: [
        abroad ? { id: 'home', label: t('contacts.home') } : { id: 'abroad', label: t('contacts.abroad') },
      ],
    };
  },
  handle: (_ctx, _state, input) =>
    input.type === 'choice'
      ? next(input.id === 'abroad' ? 'abroad' : 'home')
      : goto('menu', { arg: input.text }),
};
