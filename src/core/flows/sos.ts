import type { Contact } from '../../content/schema.js';
import type { ContentIds } from '../../content/ids.js';
import { goto, next, type Flow, type FlowContext } from '../flow.js';
import { pick } from '../locale.js';
import { t, type Reply, type Text } from '../message.js';
import { bool, str } from './data.js';
import type { FlowData } from '../session.js';
import { answerCard } from './answer-card.js';
import type { Distress } from '../understanding/understand.js';

/** Where the person in danger is, as the safety net read it: `abroad`, `abroad:my`, `home`, `unknown`. */
export type Situation = string;

/** The safety net's reading as the situation a reply is chosen for. */
export const situationOf = (d: Distress): Situation =>
  d.where === 'abroad' && d.country ? `abroad:${d.country}` : d.where;

/** `abroad:my` → the mission's country and the list to show. */
function parseSituation(situation: Situation | undefined): {
  list: keyof ContentIds['sosContacts'];
  country?: string;
} {
  const [where = 'unknown', country] = (situation ?? 'unknown').split(':');
  const list = where === 'abroad' || where === 'home' ? where : 'unknown';
  return country ? { list, country } : { list };
}

/** The numbers to call first, chosen for the situation: the mission of the country comes second. */
export function emergencyContacts(ctx: FlowContext, situation?: Situation): Contact[] {
  const { list, country } = parseSituation(situation);
  const byId = (id: string) => ctx.catalog.contacts.filter((c) => c.id === id);
  const ids: readonly string[] = ctx.catalog.ids.sosContacts[list];
  const mission = country
    ? ctx.catalog.contacts.filter((c) => c.scope === 'abroad' && c.country === country)
    : [];
  const [first = '', ...rest] = ids;
  return [...byId(first), ...mission.slice(0, 1), ...rest.flatMap(byId)];
}

const shortLines = (ctx: FlowContext, contacts: readonly Contact[]): Text[] =>
  contacts.map((c) => t('sos.line', { name: pick(c.name, ctx.locale), number: c.number }));

/**
 * The safety net's first reply: short (under 500 characters), the numbers to call first, chosen for
 * the situation. At a wizard step it comes before the step's own answer, with no choices.
 */
export function emergencyReply(ctx: FlowContext, situation?: Situation): Reply {
  return {
    title: t('sos.title'),
    body: [t('sos.intro'), ...shortLines(ctx, emergencyContacts(ctx, situation))],
  };
}

/** The guide topic behind the answer card shown after the numbers, if it has one. */
const readMore = (ctx: FlowContext, data: FlowData): string | undefined =>
  ctx.catalog.answers.card(str(data, 'k') ?? '')?.more;

/**
 * SOS words ("tolong", "darurat") and distress in a sentence: emergency numbers first, from anywhere,
 * then the family-help path, the report and all the numbers. `start` takes the situation, and after
 * `;` the answer card for a question the message also asked ("paspor ditahan majikan, lapor ke mana?"):
 * the numbers come first, then the card, then the next steps.
 */
export const sosFlow: Flow = {
  id: 'sos',
  start(ctx, arg) {
    const [situation, cardId] = (arg ?? '').split(';');
    const card = cardId ? answerCard(ctx, cardId) : undefined;
    const data: FlowData = situation ? { s: situation } : {};
    if (!card || !cardId) return next('root', data);
    return next('root', { ...data, a: true, k: cardId }, [emergencyReply(ctx, situation), card]);
  },
  prompt(ctx, state) {
    // With an answer card the numbers were said before it; the prompt is only the next steps.
    const first = bool(state.data, 'a') ? { body: [] } : emergencyReply(ctx, str(state.data, 's'));
    // The card's guide page ("Gaji tidak dibayar": what to do, what to prepare, how to complain) first.
    const page = readMore(ctx, state.data);
    return {
      ...first,
      body: [...first.body, t('sos.next')],
      choices: [
        ...(page ? [{ id: 'more', label: t('card.more') }] : []),
        { id: 'family', label: t('sos.family') },
        { id: 'report', label: t('sos.report') },
        { id: 'contacts', label: t('sos.more') },
      ],
    };
  },
  handle(ctx, state, input) {
    if (input.type === 'text') return goto('menu', { arg: input.text });
    const page = readMore(ctx, state.data);
    if (input.id === 'more' && page) return goto('guide', { arg: `topic:${page}` });
    if (input.id === 'family' || input.id === 'report' || input.id === 'contacts') return goto(input.id);
    return goto('menu');
  },
};
