import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { t } from '../message.js';
import { ACTION_TEXT_LIMIT } from '../report-actions.js';
import { str } from './data.js';

const MAX_ANSWER = ACTION_TEXT_LIMIT;

async function send(ctx: FlowContext, code: string, text: string): Promise<Outcome> {
  const result = await ctx.officers.answer(ctx.user, code, text);
  return goto('menu', {
    say: [{ body: [t(result === 'sent' ? 'officer.answerSent' : 'officer.answerRefused', { code })] }],
  });
}

/** The reporter answers an officer's question; neither learns the other's identity or number. */
export const answerFlow: Flow = {
  id: 'answer',
  // Opened only by an action (a button under a relayed question, "jawab R-7KQ4MX …").
  start: () => goto('menu'),
  act(ctx, action) {
    if (action.type !== 'answer') return goto('menu');
    const text = action.text.trim();
    return text ? send(ctx, action.code, text.slice(0, MAX_ANSWER)) : next('text', { c: action.code });
  },
  prompt: (_ctx, state) => ({
    title: t('officer.answerTitle', { code: str(state.data, 'c') ?? '' }),
    body: [t('officer.answerAsk', { max: MAX_ANSWER })],
  }),
  handle(ctx, state, input) {
    if (input.type !== 'text') return invalid(t('officer.answerAsk', { max: MAX_ANSWER }));
    if (input.text.length > MAX_ANSWER) return invalid(t('report.tooLong', { max: MAX_ANSWER }));
    return send(ctx, str(state.data, 'c') ?? '', input.text);
  },
};
