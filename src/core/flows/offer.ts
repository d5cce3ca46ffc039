import type { ChoiceWords } from '../choice-words.js';
import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { pick } from '../locale.js';
import { t, type Reply } from '../message.js';
import { detailsReply, reportArg, resultData, shortResult } from './offer-result.js';
import { offerVerdict } from './offer-verdict.js';
import { recruitmentIn } from './report-channel.js';

/** What to verify about any offer (shown with a notice, which is not scored). */
const verifyReply = (ctx: FlowContext): Reply => ({
  title: t('offer.verifyTitle'),
  body: ctx.catalog.verifyTips.map((tip) => t('offer.verifyLine', { tip: pick(tip, ctx.locale) })),
});

/**
 * Scans a pasted advert. An unreadable text or an official notice is answered at once; an advert goes
 * to the `scanned` step, whose prompt is the short result (level, reasons, actions, choices).
 */
function afterScan(ctx: FlowContext, words: ChoiceWords, text: string): Outcome {
  const scan = ctx.scanner.scan(text);
  if (!scan.readable) return next('choose', {}, [{ title: t('offer.title'), body: [t('offer.unreadable')] }]);
  if (scan.notice)
    return next('choose', {}, [{ title: t('offer.title'), body: [t('offer.notice')] }, verifyReply(ctx)]);
  return next(
    'scanned',
    resultData(scan, offerVerdict(ctx.catalog, scan, ctx.now), recruitmentIn(words, text)?.app),
  );
}

/** "Report this recruiter": the report wizard, with the advert's phone numbers and company filled in. */
function reportRecruiter(data: Parameters<typeof reportArg>[0]): Outcome {
  const arg = reportArg(data);
  return arg === '' ? goto('report') : goto('report', { arg });
}

/**
 * "Check an offer": paste or forward the text of an advert or a chat, or answer the yes/no questions.
 * `start` with text analyses it right away (free text that looks like an offer, typed at the menu).
 * `words` find the platform an advert names ("hubungi WA"), for the report it may open.
 */
export const createOfferFlow = (words: ChoiceWords): Flow => ({
  id: 'offer',
  start: (ctx, arg) => (arg ? afterScan(ctx, words, arg) : next('choose')),
  prompt(ctx, state) {
    switch (state.step) {
      case 'paste':
        return { title: t('offer.title'), body: [t('offer.pasteAsk')] };
      case 'scanned':
        return shortResult(ctx, state.data);
      case 'details':
        return detailsReply(ctx, state.data);
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
      return input.type === 'text' ? afterScan(ctx, words, input.text) : invalid(t('offer.pasteAsk'));
    }
    if (input.type === 'text') {
      // Text pasted on the choice screens is the offer itself.
      return input.text.length >= 40 ? afterScan(ctx, words, input.text) : invalid(t('engine.pickNumber'));
    }
    switch (input.id) {
      case 'paste':
        return next('paste');
      case 'questions':
        return goto('offer-check');
      case 'details':
        return next('details', state.data);
      case 'report':
        return reportRecruiter(state.data);
      default:
        return next('choose');
    }
  },
});
