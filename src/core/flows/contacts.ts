import type { Contact } from '../../content/schema.js';
import type { FlowContext, Flow } from '../flow.js';
import { formatDate } from '../format.js';
import { goto, next } from '../flow.js';
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

/** The directory of important numbers: in Indonesia first, then Indonesian missions abroad. */
export const contactsFlow: Flow = {
  id: 'contacts',
  start: () => next('list'),
  prompt(ctx) {
    const home = ctx.catalog.contacts.filter((c) => c.scope === 'indonesia');
    const abroad = ctx.catalog.contacts.filter((c) => c.scope === 'abroad');
    return {
      title: t('contacts.title'),
      body: [
        t('contacts.home'),
        ...contactLines(ctx, home),
        ...(abroad.length > 0 ? [t('contacts.abroad'), ...contactLines(ctx, abroad)] : []),
        t('contacts.checked'),
      ],
    };
  },
  handle: (_ctx, _state, input) => goto('menu', input.type === 'text' ? { arg: input.text } : {}),
};
