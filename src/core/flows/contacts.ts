import type { Contact } from '../../content/schema.js';
import { goto, next, type Flow, type FlowContext } from '../flow.js';
import { formatDate } from '../format.js';
import { pick } from '../locale.js';
import { lines, literal, t, type Choice, type Text } from '../message.js';
import { bool, str } from './data.js';

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

/** One line per number, name and number only: where the notes would make the screen too long. */
export function shortContactLines(ctx: FlowContext, contacts: readonly Contact[]): Text {
  return lines(contacts.map((c) => t('sos.line', { name: pick(c.name, ctx.locale), number: c.number })));
}

/** Countries that have a mission in the directory, in the order of the destinations list. */
function missionCountries(ctx: FlowContext): Choice[] {
  const withMission = new Set(ctx.catalog.contacts.map((c) => c.country));
  return ctx.catalog.destinations
    .filter((d) => withMission.has(d.id))
    .map((d) => ({ id: d.id, label: literal(pick(d.label, ctx.locale)) }));
}

const BACK: Choice = { id: 'back', label: t('guide.back') };

/**
 * Help contacts by situation: in the village (the offices to go to), in Indonesia, and abroad by
 * country. `start('report')` opens the numbers for reporting a recruiter.
 */
export const contactsFlow: Flow = {
  id: 'contacts',
  start: (_ctx, arg) => (arg === 'report' ? next('home', { r: true }) : next('root')),
  prompt(ctx, state) {
    switch (state.step) {
      case 'home': {
        const list = ctx.catalog.contacts.filter((c) => c.scope === 'indonesia');
        return {
          title: t(bool(state.data, 'r') ? 'contacts.reportTitle' : 'contacts.home'),
          // Reporting: the form comes first, so the numbers are listed short (name and number).
          body: bool(state.data, 'r')
            ? [t('contacts.reportIntro'), shortContactLines(ctx, list), t('contacts.checked')]
            : [...contactLines(ctx, list), t('contacts.checked')],
          choices: [
            ...(bool(state.data, 'r') ? [{ id: 'form', label: t('check.reportHere') }] : []),
            { id: 'abroad', label: t('contacts.abroad') },
            BACK,
          ],
        };
      }
      case 'abroad':
        return {
          title: t('contacts.abroad'),
          body: [t('contacts.pickCountry')],
          choices: [...missionCountries(ctx), { id: 'any', label: t('contacts.otherCountry') }, BACK],
        };
      case 'mission': {
        const country = str(state.data, 'c');
        const missions = ctx.catalog.contacts.filter((c) => c.country !== undefined && c.country === country);
        const general = ctx.catalog.contacts.filter((c) => c.scope === 'abroad' && c.country === undefined);
        return {
          title: t('contacts.abroad'),
          body: [...contactLines(ctx, [...missions, ...general]), t('contacts.checked')],
          choices: [BACK],
        };
      }
      default:
        return {
          title: t('contacts.title'),
          body: [t('contacts.intro')],
          choices: [
            { id: 'village', label: t('contacts.village') },
            { id: 'home', label: t('contacts.home') },
            { id: 'abroad', label: t('contacts.abroad') },
          ],
        };
    }
  },
  handle(_ctx, state, input) {
    if (input.type === 'text') return goto('menu', { arg: input.text });
    const id = input.id;
    if (id === 'village') return goto('guide', { arg: 'topic:where-to-go' });
    if (id === 'form') return goto('report');
    if (id === 'home' || id === 'abroad') return next(id);
    if (id === 'back') return next(state.step === 'mission' ? 'abroad' : 'root');
    return next('mission', { c: id });
  },
};
