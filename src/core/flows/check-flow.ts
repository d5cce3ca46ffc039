import type { Sign } from '../../content/warnings-schema.js';
import { goto, invalid, next, type Flow, type FlowContext, type FlowState, type Outcome } from '../flow.js';
import { pick } from '../locale.js';
import { literal, t, type Choice, type Reply, type Text } from '../message.js';
import type { FlowData } from '../session.js';
import { num, strings } from './data.js';

export const YES_NO: readonly Choice[] = [
  { id: 'yes', label: t('common.yes') },
  { id: 'no', label: t('common.no') },
];

/** Stored answers: i = next question, y = signs answered "yes", w = a critical sign was already pointed out. */
export const answeredYes = (ctx: FlowContext, data: FlowData): Sign[] =>
  strings(data, 'y').flatMap((id) => {
    const sign = ctx.catalog.sign(id);
    return sign ? [sign] : [];
  });

export interface CheckFlowOptions {
  readonly id: string;
  readonly audience: Sign['audience'];
  /** Key prefix of the flow's texts in locales (e.g. `check` → `check.title`). */
  readonly texts: string;
  /** Steps before the questions (e.g. which country); `first` is where a new check starts. */
  readonly before?: {
    readonly first: string;
    prompt(ctx: FlowContext, state: FlowState): Reply | undefined;
    handle(ctx: FlowContext, state: FlowState, input: Parameters<Flow['handle']>[2]): Outcome | undefined;
  };
  /** Replies shown when the questions end (or the user asks for the result early). */
  result(ctx: FlowContext, data: FlowData): Reply[];
  /**
   * The screen after a critical "yes", when the flow says it its own way (the family check: call now,
   * with the number); by default the sign, why it matters, and "see the result now?".
   */
  critical?(ctx: FlowContext, data: FlowData): { title: Text; body: Text[]; result: Text; continue: Text };
  /** Choices under the result, besides "check again". */
  resultChoices: readonly Choice[];
  onResultChoice(ctx: FlowContext, data: FlowData, id: string): Outcome;
}

/**
 * A yes/no check over the warning signs of one audience ("yes" = risk). A critical "yes" offers to see
 * the result at once. Leaving midway keeps the progress; starting again offers to continue.
 */
export function createCheckFlow(o: CheckFlowOptions): Flow {
  /** Signs with a yes/no question; the others are read from adverts only. */
  const questions = (ctx: FlowContext) =>
    ctx.catalog.signsFor(o.audience).filter((s) => s.question !== undefined);
  const first = o.before?.first ?? 'q';
  const finish = (ctx: FlowContext, data: FlowData): Outcome => next('result', data, o.result(ctx, data));
  const advance = (ctx: FlowContext, data: FlowData): Outcome =>
    (num(data, 'i') ?? 0) >= questions(ctx).length ? finish(ctx, data) : next('q', data);

  return {
    id: o.id,
    start(_ctx, _arg, saved) {
      if (!saved) return next(first, { i: 0, y: [] });
      // Left again on the "continue?" screen: its data already says where to continue.
      return saved.step === 'resume'
        ? next('resume', saved.data)
        : next('resume', { ...saved.data, rs: saved.step });
    },
    keepsProgress: (state) =>
      ['q', 'critical', 'resume'].includes(state.step) && (num(state.data, 'i') ?? 0) > 0,
    prompt(ctx, state) {
      const total = questions(ctx).length;
      const i = num(state.data, 'i') ?? 0;
      switch (state.step) {
        case 'resume':
          return {
            title: t(`${o.texts}.title`),
            body: [t('check.resumeAsk', { n: i, total })],
            choices: [
              { id: 'continue', label: t('check.continue') },
              { id: 'restart', label: t('check.restart') },
            ],
          };
        case 'critical': {
          const own = o.critical?.(ctx, state.data);
          if (own) {
            return {
              title: own.title,
              body: own.body,
              choices: [
                { id: 'result', label: own.result, means: 'yes' },
                { id: 'continue', label: own.continue, means: 'no' },
              ],
            };
          }
          const sign = answeredYes(ctx, state.data).at(-1);
          return {
            title: t('check.criticalTitle'),
            body: sign
              ? [
                  literal(pick(sign.title, ctx.locale)),
                  literal(pick(sign.why, ctx.locale)),
                  t('check.criticalAsk'),
                ]
              : [t('check.criticalAsk')],
            choices: [
              // "See the result now?": "ya" sees it, "tidak" goes on with the questions.
              { id: 'result', label: t('check.seeResult'), means: 'yes' },
              { id: 'continue', label: t('check.continue'), means: 'no' },
            ],
          };
        }
        case 'q': {
          const sign = questions(ctx)[Math.min(i, total - 1)];
          const group = ctx.catalog.signGroups.find((g) => g.id === sign?.group);
          return {
            title: t('check.progress', {
              n: i + 1,
              total,
              group: group ? pick(group.title, ctx.locale) : '',
            }),
            body: [literal(sign?.question ? pick(sign.question, ctx.locale) : '')],
            choices: YES_NO,
          };
        }
        case 'result':
          return {
            title: t('check.nextTitle'),
            body: [t(`${o.texts}.resultHint`)],
            choices: [...o.resultChoices, { id: 'again', label: t('check.again') }],
          };
        default:
          return o.before?.prompt(ctx, state) ?? { title: t(`${o.texts}.title`), body: [] };
      }
    },
    handle(ctx, state, input) {
      const data = state.data;
      switch (state.step) {
        case 'resume':
          if (input.type !== 'choice') return invalid(t('engine.pickNumber'));
          if (input.id === 'restart') return next(first, { i: 0, y: [] });
          return next(
            typeof data.rs === 'string' ? data.rs : 'q',
            Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'rs')),
          );
        case 'critical':
          if (input.type !== 'choice') return invalid(t('engine.pickNumber'));
          return input.id === 'result' ? finish(ctx, data) : advance(ctx, data);
        case 'q': {
          if (input.type !== 'choice') return invalid(t('check.yesNoOnly'));
          const i = num(data, 'i') ?? 0;
          const sign = questions(ctx)[i];
          if (!sign) return finish(ctx, data);
          const yes = input.id === 'yes';
          const updated = {
            ...data,
            i: i + 1,
            y: yes ? [...strings(data, 'y'), sign.id] : strings(data, 'y'),
          };
          const critical = yes && (sign.weight === 3 || sign.always_high) && data.w !== true;
          return critical ? next('critical', { ...updated, w: true }) : advance(ctx, updated);
        }
        case 'result':
          if (input.type !== 'choice') return goto('menu', { arg: input.text });
          return input.id === 'again' ? next(first, { i: 0, y: [] }) : o.onResultChoice(ctx, data, input.id);
        default:
          return o.before?.handle(ctx, state, input) ?? next(first, { i: 0, y: [] });
      }
    },
  };
}
