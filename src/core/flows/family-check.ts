import type { Contact } from '../../content/schema.js';
import { goto, invalid, next, type FlowContext } from '../flow.js';
import { pick } from '../locale.js';
import { literal, t, type Reply, type Text } from '../message.js';
import { familyRisk } from '../risk.js';
import { str } from './data.js';
import { answeredYes, createCheckFlow } from './check-flow.js';
import { levelReplies } from './check-result.js';
import { contactLines } from './contacts.js';

/** Choice id of the guide section on common problems abroad (never a destination id). */
const PROBLEMS = 'problems';
const openProblems = (ctx: FlowContext) =>
  goto('guide', { arg: `section:${ctx.catalog.ids.familyProblemsSection}` });

/** Whom a family calls first, in order: the Kemlu hotline, the mission in that country, then the rest. */
function familyContacts(ctx: FlowContext, country: string | undefined): Contact[] {
  const [first, ...rest] = ctx.catalog.ids.familyContacts;
  const byId = (id: string) => ctx.catalog.contacts.filter((c) => c.id === id);
  const missions = ctx.catalog.contacts.filter((c) => c.country !== undefined && c.country === country);
  return [...byId(first), ...missions.slice(0, 1), ...rest.flatMap(byId)];
}

/** One short line per number: name and number only (the notes are on the contacts screen). */
const callLines = (ctx: FlowContext, contacts: readonly Contact[]): Text[] =>
  contacts.map((c) => t('sos.line', { name: pick(c.name, ctx.locale), number: c.number }));

/**
 * The family check: for the family of someone already abroad (facts Q-40..Q-46) — which country,
 * then yes/no questions → how urgent, what to do and whom to call (Kemlu hotline, the mission in that
 * country, SAPA 129, the KP2MI call centre). The country screen and the result also lead to the guide
 * section on the common problems abroad (unpaid wages, going home, sickness, death, arrest; facts K-).
 */
export const familyCheckFlow = createCheckFlow({
  id: 'family',
  audience: 'family',
  texts: 'family',
  before: {
    first: 'country',
    prompt: (ctx) => ({
      title: t('family.title'),
      body: [t('family.intro'), t('family.askCountry')],
      choices: [
        ...ctx.catalog.destinations.map((d) => ({ id: d.id, label: literal(pick(d.label, ctx.locale)) })),
        // Not every worry is a crisis: what to do about unpaid wages, going home, sickness, death, arrest.
        { id: PROBLEMS, label: t('family.problems') },
      ],
    }),
    handle: (ctx, state, input) => {
      if (input.type !== 'choice') return invalid(t('engine.pickNumber'));
      return input.id === PROBLEMS ? openProblems(ctx) : next('q', { ...state.data, c: input.id });
    },
  },
  // After a danger sign: call now, with the number to call, before any more questions (review §1 #1).
  critical: (ctx, data) => ({
    title: t('family.criticalTitle'),
    body: [
      t('family.criticalCall'),
      ...callLines(ctx, familyContacts(ctx, str(data, 'c')).slice(0, 2)),
      t('family.criticalAsk'),
    ],
    result: t('family.seeNumbers'),
    continue: t('check.continue'),
  }),
  result(ctx, data) {
    const signs = answeredYes(ctx, data);
    const level = familyRisk(signs.map((s) => ({ weight: s.weight })));
    const country = str(data, 'c');
    const missions = ctx.catalog.contacts.filter((c) => c.country !== undefined && c.country === country);
    const general = ctx.catalog.ids.familyContacts.flatMap((id) =>
      ctx.catalog.contacts.filter((c) => c.id === id),
    );
    if (level === 'urgent') {
      // A crisis: the numbers to call come first, short, then what the level means and what to prepare.
      const callNow: Reply = {
        title: t('family.callNowTitle'),
        body: [
          t('family.callFirst'),
          ...callLines(ctx, familyContacts(ctx, country)),
          ...(missions.length === 0 ? [t('family.noMission')] : []),
          t('family.prepare'),
          t('family.callNotPost'),
        ],
      };
      return [callNow, ...levelReplies(ctx, ctx.catalog.level(level), signs)];
    }
    // The country's mission and the general numbers as two messages: each stays short on a phone
    // in every language (a translation runs longer than the Indonesian).
    const whom: Reply = {
      title: t('family.whomTitle'),
      body: [...contactLines(ctx, missions), ...(missions.length === 0 ? [t('family.noMission')] : [])],
    };
    const numbers: Reply = { body: [...contactLines(ctx, general), t('family.callNotPost')] };
    return [...levelReplies(ctx, ctx.catalog.level(level), signs), whom, numbers];
  },
  resultChoices: [
    { id: 'contacts', label: t('menu.contacts') },
    { id: PROBLEMS, label: t('family.problems') },
  ],
  onResultChoice: (ctx, _data, id) => (id === PROBLEMS ? openProblems(ctx) : goto('contacts')),
});
