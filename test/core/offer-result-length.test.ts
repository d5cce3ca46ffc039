import { describe, expect, it } from 'vitest';
import { offerClassifier, readOfferPart } from '../../eval/offers.js';
import { renderConsoleMessage } from '../../src/channels/console/render.js';
import { renderTelegram } from '../../src/channels/telegram/render.js';
import { renderWhatsApp } from '../../src/channels/whatsapp/render.js';
import { renderCloudAll, type CloudPayload } from '../../src/channels/whatsapp-cloud/render.js';
import type { FlowContext } from '../../src/core/flow.js';
import { cutReason, SHORT_RESULT_MAX, shortResult } from '../../src/core/flows/offer-result.js';
import { LOCALES, pick, type Locale } from '../../src/core/locale.js';
import type { OutboundMessage, Reply } from '../../src/core/message.js';
import { renderReplies } from '../../src/core/render.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { chat, makeEngine, realCatalog, realContent, TODAY } from '../helpers/engine.js';

const adverts = readOfferPart('dev') ?? [];
const classify = offerClassifier(realContent(), TODAY);
const translator = createTranslator('locales');

/** Text without what stands in brackets (the glossary's explanations, quoted words, examples). */
function unbracketed(text: string): string {
  let out = text;
  for (let before = ''; before !== out;) [before, out] = [out, out.replace(/\s*\([^()]*\)/g, '')];
  return out;
}

/** The texts of one turn as each channel sends them. */
function channelTexts(turn: readonly OutboundMessage[]): Record<string, string[]> {
  const cloudText = (p: CloudPayload): string =>
    p.type === 'text' ? p.text.body : [p.interactive.header?.text ?? '', p.interactive.body.text].join('\n');
  return {
    console: turn.map((m) => renderConsoleMessage(m, { color: false })),
    telegram: renderTelegram(turn).map((m) => m.html),
    whatsapp: renderWhatsApp(turn),
    cloud: renderCloudAll(turn, { choose: 'Pilih' }).map(cloudText),
  };
}

/**
 * Every advert of the dev corpus in every language, pasted at "check an offer" as a user does, through
 * the engine (glossary included) and the four channels' renderers: the short result is at most
 * SHORT_RESULT_MAX characters in each, and keeps its level, its strongest reason, the three actions and
 * the "report this recruiter" and main-menu choices (issue 15).
 */
describe('the short result of every dev advert in every language', () => {
  it('has adverts to check', () => {
    expect(adverts.length).toBeGreaterThanOrEqual(100);
  });

  it.each(LOCALES.map((l) => [l]))(
    '%s',
    async (locale: Locale) => {
      const c = chat(makeEngine().engine, `telegram:len-${locale}`);
      await c.say('bahasa');
      await c.send({ choiceId: locale });
      await c.send({ choiceId: 'offer' });
      const reasonsTitle = translator.t(locale, 'check.reasonsTitle');
      const reportLabel = translator.t(locale, 'offer.reportThis');
      let results = 0;
      for (const [i, advert] of adverts.entries()) {
        await c.send({ choiceId: 'paste' });
        const turn = await c.say(advert.text);
        const called = classify(advert.text);
        const result = turn.find((m) => m.choices.some((ch) => ch.id === 'report'));
        if (called.called === 'notice' || called.called === 'unreadable') {
          expect(result, `#${i}`).toBeUndefined();
          continue;
        }
        results++;
        if (!result) throw new Error(`#${i}: no result`);
        const level = realCatalog().level(called.called);
        if (!level) throw new Error(`no level ${called.called}`);
        const where = `#${i} ${locale} ${called.called}`;
        // The level line, the three actions, and the choices.
        expect(result.title, where).toBe(pick(level.title, locale));
        (level.actions ?? []).forEach((_a, n) => expect(result.body, where).toContain(`\n${n + 1}. `));
        expect(
          result.choices.map((ch) => ch.id),
          where,
        ).toEqual(expect.arrayContaining(['report', 'details', 'paste']));
        // The way back to the menu ends the turn (after a language offer, if one follows the result).
        expect(
          turn.at(-1)?.choices.map((ch) => ch.id),
          where,
        ).toContain('menu');
        // The strongest sign is the first reason, whole or cut to its first clause.
        const first = called.signs[0] && realCatalog().sign(called.signs[0]);
        if (first) {
          const title = pick(first.scan_title ?? first.title, locale);
          const line = result.body.split('\n').find((l) => l.startsWith('- '));
          expect(result.body, where).toContain(reasonsTitle);
          expect(unbracketed(line ?? ''), where).toContain(unbracketed(cutReason(title)));
        }
        for (const [channel, texts] of Object.entries(channelTexts(turn))) {
          const shown = texts.filter((x) => x.includes(result.title ?? ''));
          expect(shown, `${where} ${channel}`).toHaveLength(1);
          for (const x of shown) {
            expect(x.length, `${where} ${channel}`).toBeLessThanOrEqual(SHORT_RESULT_MAX);
            if (channel !== 'telegram' && channel !== 'cloud') expect(x, where).toContain(reportLabel);
          }
        }
      }
      expect(results).toBeGreaterThan(adverts.length / 2);
    },
    300_000,
  );
});

describe('fitting the short result', () => {
  const data = {
    lv: 'high',
    s: ['fee-zero-cost-job', 'skips-official-steps', 'fee-check-costs', 'rushed-process'],
    e: ['"biaya 25 juta"', '"tanpa tes"', '"bayar 15 juta"', '"proses cepat"'],
  };
  const render = (reply: Reply): string => renderReplies(translator, 'id', [reply])[0]?.body ?? '';
  /** A context whose measure calls a reply too long when `tooLong` says so of its body. */
  const ctxWith = (tooLong: (body: string) => boolean): FlowContext =>
    ({
      locale: 'id',
      catalog: realCatalog(),
      measure: (_l: Locale, r: Reply) => (tooLong(render(r)) ? SHORT_RESULT_MAX + 1 : 100),
    }) as unknown as FlowContext;

  it('shows everything when it fits', () => {
    const body = render(
      shortResult(
        ctxWith(() => false),
        data,
      ),
    );
    expect(body).toContain('("biaya 25 juta")');
    expect(body).toContain('("bayar 15 juta")');
    expect(body).toContain('- dan 1 tanda lain');
  });

  it('drops the quoted words first, from the last reason up, then cuts the reasons, then lists fewer', () => {
    const noThird = render(
      shortResult(
        ctxWith((b) => b.includes('bayar 15 juta')),
        data,
      ),
    );
    expect(noThird).toContain('("biaya 25 juta")');
    expect(noThird).toContain('("tanpa tes")');
    expect(noThird).not.toContain('bayar 15 juta');
    expect(noThird).toContain('Cocokkan dengan rincian biaya resmi');

    const noQuotes = render(
      shortResult(
        ctxWith((b) => b.includes('("')),
        data,
      ),
    );
    expect(noQuotes).not.toContain('("');
    expect(noQuotes).toContain('(Disnaker, tes, pelatihan, cek kesehatan, OPP)');

    const cut = render(
      shortResult(
        ctxWith((b) => b.includes('("') || b.includes('(Disnaker')),
        data,
      ),
    );
    expect(cut).toContain('- Iklan bilang langkah resmi bisa dilewati\n');
    expect(cut).toContain('- Iklan meminta bayaran\n');
    expect(cut).toContain('- dan 1 tanda lain');

    const one = render(
      shortResult(
        ctxWith(() => true),
        data,
      ),
    );
    expect(one.match(/^- /gm)).toHaveLength(2);
    expect(one).toContain('- dan 3 tanda lain');
    expect(one).toMatch(/\n1\. .*\n2\. .*\n3\. /s);
  });

  it('cuts a reason to its first clause, without the examples in brackets', () => {
    expect(cutReason('Iklan meminta bayaran. Cocokkan dengan rincian biaya resmi')).toBe(
      'Iklan meminta bayaran',
    );
    expect(cutReason('Iklan menawarkan kerja ke Korea di luar jalur G to G EPS (tanpa tes bahasa)')).toBe(
      'Iklan menawarkan kerja ke Korea di luar jalur G to G EPS',
    );
    expect(cutReason('Perban BP2MI 9/2020 berlaku')).toBe('Perban BP2MI 9/2020 berlaku');
  });
});
