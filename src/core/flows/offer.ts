import type { Sign } from '../../content/warnings-schema.js';
import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { pick } from '../locale.js';
import { t, type Reply, type Text } from '../message.js';
import type { OfferScanResult } from '../ports.js';
import { offerRisk } from '../risk.js';
import { levelReplies } from './check-result.js';

/** What the text names: numbers, companies, countries, salaries (nothing is stored). */
function foundLines(ctx: FlowContext, r: OfferScanResult): Text[] {
  const lines: Text[] = [];
  const add = (key: string, items: readonly string[]) => {
    if (items.length > 0) lines.push(t(`offer.found.${key}`, { items: items.join(', ') }));
  };
  add('phones', r.phones);
  add('companies', r.companies);
  add(
    'countries',
    r.countries.map((id) => {
      const c = ctx.catalog.country(id);
      return c ? pick(c.name, ctx.locale) : id;
    }),
  );
  add('salaries', r.salaries);
  return lines.length > 0 ? [t('offer.foundTitle'), ...lines] : [];
}

/** The answer to a pasted offer: what it names, the signs its words show, what to verify. */
export function scanReplies(ctx: FlowContext, text: string): Reply[] {
  const r = ctx.scanner.scan(text);
  if (!r.readable) return [{ title: t('offer.title'), body: [t('offer.unreadable')] }];
  const verify: Reply = {
    title: t('offer.verifyTitle'),
    body: ctx.catalog.verifyTips.map((tip) => t('offer.verifyLine', { tip: pick(tip, ctx.locale) })),
  };
  if (r.notice) return [{ title: t('offer.title'), body: [t('offer.notice')] }, verify];
  const signs: Sign[] = r.findings.flatMap((f) => {
    const sign = ctx.catalog.sign(f.signId);
    return sign ? [{ ...sign, weight: f.weight }] : [];
  });
  const level = offerRisk(signs.map((s) => ({ weight: s.weight, alwaysHigh: s.always_high })));
  const evidence = new Map(r.findings.map((f) => [f.signId, f.evidence]));
  const [summary, steps] = levelReplies(ctx, ctx.catalog.level(level), signs, evidence);
  const found = foundLines(ctx, r);
  const replies: Reply[] = [];
  if (summary) replies.push({ ...summary, body: [...found, ...summary.body, t('offer.textOnly')] });
  replies.push(verify);
  if (steps) replies.push(steps);
  return replies;
}

const afterScan = (ctx: FlowContext, text: string): Outcome => next('scanned', {}, scanReplies(ctx, text));

/**
 * "Check an offer": paste or forward the text of an advert or a chat, or answer the yes/no questions.
 * `start` with text analyses it right away (free text that looks like an offer, typed at the menu).
 */
export const offerFlow: Flow = {
  id: 'offer',
  start: (ctx, arg) => (arg ? afterScan(ctx, arg) : next('choose')),
  prompt(_ctx, state) {
    switch (state.step) {
      case 'paste':
        return { title: t('offer.title'), body: [t('offer.pasteAsk')] };
      case 'scanned':
        return {
          title: t('check.nextTitle'),
          body: [t('offer.afterScan')],
          choices: [
            { id: 'questions', label: t('offer.questions') },
            { id: 'report', label: t('check.report') },
            { id: 'paste', label: t('offer.another') },
          ],
        };
      default:
        return {
          title: t('offer.title'),
          body: [t('offer.intro')],
          choices: [
            { id: 'paste', label: t('offer.paste') },
            { id: 'questions', label: t('offer.questions') },
          ],
        };
    }
  },
  handle(ctx, state, input) {
    if (state.step === 'paste') {
      return input.type === 'text' ? afterScan(ctx, input.text) : invalid(t('offer.pasteAsk'));
    }
    if (input.type === 'text') {
      // Text pasted on the choice screens is the offer itself.
      return input.text.length >= 40 ? afterScan(ctx, input.text) : invalid(t('engine.pickNumber'));
    }
    if (input.id === 'paste') return next('paste');
    if (input.id === 'questions') return goto('offer-check');
    return goto('contacts', { arg: 'report' });
  },
};
