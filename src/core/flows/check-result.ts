import type { Level, Sign } from '../../content/warnings-schema.js';
import type { FlowContext } from '../flow.js';
import { pick } from '../locale.js';
import { literal, t, type Reply, type Text } from '../message.js';

/** Reasons listed in a result; the rest are counted. */
const MAX_REASONS = 6;
/** "What to do instead" shown for the most serious signs. */
const MAX_INSTEAD = 2;

/** The signs in the order they matter: critical first. */
export const bySeverity = (signs: readonly Sign[]): Sign[] =>
  [...signs].sort((a, b) => Number(b.always_high) - Number(a.always_high) || b.weight - a.weight);

/** Result of a check: what the level means, the reasons in plain words, and what to do now. */
export function levelReplies(
  ctx: FlowContext,
  level: Level | undefined,
  signs: readonly Sign[],
  evidence?: ReadonlyMap<string, readonly string[]>,
): Reply[] {
  const sorted = bySeverity(signs);
  const reasons: Text[] = sorted.slice(0, MAX_REASONS).map((s) => {
    const words = evidence?.get(s.id);
    return words && words.length > 0
      ? t('check.reasonWithWords', {
          reason: pick(s.title, ctx.locale),
          words: words.map((w) => `"${w}"`).join(', '),
        })
      : t('check.reason', { reason: pick(s.title, ctx.locale) });
  });
  if (sorted.length > MAX_REASONS)
    reasons.push(t('check.moreReasons', { count: sorted.length - MAX_REASONS }));
  const first: Reply = {
    title: level ? literal(pick(level.title, ctx.locale)) : t('check.resultTitle'),
    body: [
      ...(level ? [literal(pick(level.text, ctx.locale))] : []),
      // A level's own text already says what no sign means ("tidak ada tanda bahaya yang kuat"): not twice.
      ...(reasons.length > 0 ? [t('check.reasonsTitle'), ...reasons] : level ? [] : [t('check.noReasons')]),
    ],
  };
  const steps: Reply = {
    title: t('check.stepsTitle'),
    body: [
      ...(level ? [literal(pick(level.steps, ctx.locale))] : []),
      ...sorted.slice(0, MAX_INSTEAD).map((s) => literal(pick(s.instead, ctx.locale))),
      t('guide.checkOfficer'),
    ],
  };
  return [first, steps];
}
