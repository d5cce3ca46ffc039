import { goto, next, type Flow, type FlowContext } from '../flow.js';
import { formatDate } from '../format.js';
import { pick } from '../locale.js';
import { literal, t, type Choice, type Reply } from '../message.js';
import { str } from './data.js';

/**
 * A direct answer to a frequent question (content/answers): the fact with its number or rule, where
 * it comes from and when it was checked, then "read more" (the guide topic) and the menu.
 */
export function answerCard(ctx: FlowContext, id: string): Reply | undefined {
  const card = ctx.catalog.answers.card(id);
  if (!card) return undefined;
  const stale = card.review_after < ctx.now.toISOString().slice(0, 10);
  return {
    body: [
      literal(pick(card.answer, ctx.locale)),
      t('card.source', {
        sources: card.sources.map((s) => s.title).join('; '),
        date: formatDate(card.verified_at, ctx.locale),
      }),
      stale ? t('card.stale') : t('card.check'),
    ],
  };
}

export const answerCardFlow: Flow = {
  id: 'card',
  start: (ctx, arg) =>
    arg && ctx.catalog.answers.card(arg)
      ? next('card', { id: arg })
      : goto('menu', { say: [{ body: [t('search.none')] }] }),
  prompt(ctx, state) {
    const id = str(state.data, 'id') ?? '';
    const card = ctx.catalog.answers.card(id);
    const choices: Choice[] = card?.more ? [{ id: 'more', label: t('card.more') }] : [];
    return { ...(answerCard(ctx, id) ?? { body: [t('search.none')] }), choices };
  },
  handle(ctx, state, input) {
    const card = ctx.catalog.answers.card(str(state.data, 'id') ?? '');
    if (input.type === 'choice' && input.id === 'more' && card?.more)
      return goto('guide', { arg: `topic:${card.more}` });
    return input.type === 'text' ? goto('menu', { arg: input.text }) : goto('menu');
  },
};
