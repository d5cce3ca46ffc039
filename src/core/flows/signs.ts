import type { SignGroup } from '../../content/ids.js';
import { goto, invalid, next, type Flow, type FlowContext } from '../flow.js';
import { formatDate } from '../format.js';
import { pick } from '../locale.js';
import { literal, t, type Choice, type Reply } from '../message.js';
import { str } from './data.js';
import { MAX_SOURCES_SHOWN } from './guide.js';

const isGroup = (ctx: FlowContext, g: string | undefined): g is SignGroup =>
  (ctx.catalog.ids.signGroups as readonly string[]).includes(g ?? '');

const signsOf = (ctx: FlowContext, group: SignGroup) =>
  [...ctx.catalog.signsFor('offer'), ...ctx.catalog.signsFor('family')].filter((s) => s.group === group);

function signPage(ctx: FlowContext, id: string, group: SignGroup): Reply {
  const sign = ctx.catalog.sign(id);
  const list = signsOf(ctx, group);
  const at = list.findIndex((s) => s.id === id);
  const choices: Choice[] = [];
  if (at >= 0 && at < list.length - 1) choices.push({ id: 'next', label: t('signs.nextSign') });
  choices.push({ id: 'back', label: t('guide.back') }, { id: 'check', label: t('signs.checkOffer') });
  if (!sign) return { title: t('signs.title'), body: [], choices };
  return {
    title: literal(pick(sign.title, ctx.locale)),
    body: [
      t('signs.why', { text: pick(sign.why, ctx.locale) }),
      t('signs.instead', { text: pick(sign.instead, ctx.locale) }),
      t('guide.checkOfficer'),
      t(sign.sources.length > MAX_SOURCES_SHOWN ? 'guide.sourcesMore' : 'guide.sources', {
        date: formatDate(sign.verified_at, ctx.locale),
        sources: sign.sources
          .slice(0, MAX_SOURCES_SHOWN)
          .map((s) => `${s.title} (${s.url})`)
          .join('; '),
        more: sign.sources.length - MAX_SOURCES_SHOWN,
      }),
    ],
    choices,
  };
}

/** Warning signs of trafficking and non-procedural placement, by group, each with why and what to do instead. */
export const signsFlow: Flow = {
  id: 'signs',
  start: () => next('groups'),
  prompt(ctx, state) {
    const group = str(state.data, 'g');
    if (state.step === 'sign' && isGroup(ctx, group))
      return signPage(ctx, str(state.data, 'id') ?? '', group);
    if (state.step === 'group' && isGroup(ctx, group)) {
      return {
        title: literal(
          pick(ctx.catalog.signGroups.find((g) => g.id === group)?.title ?? { id: group }, ctx.locale),
        ),
        body: [t('signs.pickSign')],
        choices: [
          ...signsOf(ctx, group).map((s) => ({ id: s.id, label: literal(pick(s.title, ctx.locale)) })),
          { id: 'back', label: t('guide.back') },
        ],
      };
    }
    return {
      title: t('signs.title'),
      body: [t('signs.intro')],
      choices: ctx.catalog.signGroups.map((g) => ({ id: g.id, label: literal(pick(g.title, ctx.locale)) })),
    };
  },
  handle(ctx, state, input) {
    if (input.type === 'text') return invalid(t('engine.pickNumber'));
    const group = str(state.data, 'g');
    if (state.step === 'sign' && isGroup(ctx, group)) {
      if (input.id === 'check') return goto('offer');
      if (input.id === 'back') return next('group', { g: group });
      const list = signsOf(ctx, group);
      const nextSign = list[list.findIndex((s) => s.id === str(state.data, 'id')) + 1];
      return nextSign ? next('sign', { g: group, id: nextSign.id }) : next('group', { g: group });
    }
    if (state.step === 'group' && isGroup(ctx, group)) {
      return input.id === 'back' ? next('groups') : next('sign', { g: group, id: input.id });
    }
    return isGroup(ctx, input.id) ? next('group', { g: input.id }) : next('groups');
  },
};
