import { describe, expect, it } from 'vitest';
import { GUIDE_SECTIONS } from '../../src/content/ids.js';
import { LOCALES } from '../../src/core/locale.js';
import type { OutboundMessage } from '../../src/core/message.js';
import { chat, last, makeEngine, realCatalog, realContent } from '../helpers/engine.js';
import { crawl } from '../helpers/crawler.js';
import { OFFERS } from '../fixtures/offers.js';
import { loadContent } from '../../src/content/loader.js';
import { TODAY } from '../helpers/engine.js';

const RAW_KEY = /\b(common|engine|menu|search|help|sos|language|contacts|guide|elig)\.[a-zA-Z]+/;
/**
 * Longest message we send, in every language (issue 18): a short phone scroll, far below Telegram's
 * 4,096. The regional translations were shortened to it as the Indonesian and English texts were.
 */
const MAX_MESSAGE = 1000;
/** The first reply to an SOS word. */
const MAX_SOS = 500;

function checkMessages(where: string, messages: readonly OutboundMessage[]) {
  for (const m of messages) {
    const all = [m.title ?? '', m.body, ...m.choices.map((c) => c.label)].join('\n');
    expect(all, where).not.toMatch(RAW_KEY);
    expect(all, where).not.toContain('{{');
    expect(all, where).not.toContain('undefined');
    expect(m.body.length + (m.title?.length ?? 0), where).toBeLessThanOrEqual(MAX_MESSAGE);
  }
}

describe.each(LOCALES)('every screen in %s', (locale) => {
  const check = (where: string, messages: readonly OutboundMessage[]) => checkMessages(where, messages);
  const setLocale = async (c: ReturnType<typeof chat>) => {
    await c.say('bahasa');
    await c.send({ choiceId: locale });
  };

  it('renders every guide topic page and country note', async () => {
    const c = chat(makeEngine().engine);
    await setLocale(c);
    let pages = 0;
    for (const [section, ids] of Object.entries(GUIDE_SECTIONS)) {
      for (const id of ids) {
        await c.send({ choiceId: 'menu' });
        await c.say('1');
        await c.send({ choiceId: section });
        let out = await c.send({ choiceId: id });
        check(`${section}/${id}`, out);
        pages++;
        while (last(out).choices.some((x) => x.id === 'next')) {
          out = await c.send({ choiceId: 'next' });
          check(`${section}/${id}`, out);
          pages++;
        }
        expect(c.text(out)).toMatch(/https?:\/\//);
      }
    }
    for (const country of realCatalog().topicsOf('country')) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'guide' });
      await c.send({ choiceId: 'countries' });
      check(country.id, await c.send({ choiceId: country.id }));
    }
    expect(pages).toBeGreaterThan(40);
  });

  it('renders the eligibility result for every destination and job', async () => {
    const cat = realCatalog();
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const dest of cat.destinations) {
      for (const job of cat.jobs) {
        await c.send({ choiceId: 'menu' });
        await c.say('2');
        await c.say('30');
        await c.send({ choiceId: dest.id });
        let out = await c.send({ choiceId: job.id });
        for (
          let i = 0;
          i < 6 && last(out).title !== (locale === 'id' ? 'Langkah berikutnya' : 'Next step');
          i++
        ) {
          out = await c.send({ choiceId: i % 2 === 0 ? 'yes' : 'no' });
        }
        check(`${dest.id}/${job.id}`, out);
        expect(
          last(out).choices.some((x) => x.id === 'again'),
          `${dest.id}/${job.id}`,
        ).toBe(true);
      }
    }
  });

  it('renders every warning sign page and every check result', async () => {
    const cat = realCatalog();
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const group of cat.signGroups) {
      for (const sign of [...cat.signsFor('offer'), ...cat.signsFor('family')].filter(
        (s) => s.group === group.id,
      )) {
        await c.send({ choiceId: 'menu' });
        await c.send({ choiceId: 'signs' });
        await c.send({ choiceId: group.id });
        check(sign.id, await c.send({ choiceId: sign.id }));
      }
    }
    for (const answer of ['yes', 'no']) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'offer' });
      let out = await c.send({ choiceId: 'questions' });
      while (!last(out).choices.some((x) => x.id === 'again')) {
        const ids = last(out).choices.map((x) => x.id);
        out = await c.send({ choiceId: ids.includes('continue') ? 'continue' : answer });
        check(`offer-check ${answer}`, out);
      }
    }
    for (const dest of cat.destinations) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'family' });
      let out = await c.send({ choiceId: dest.id });
      while (!last(out).choices.some((x) => x.id === 'again')) {
        const ids = last(out).choices.map((x) => x.id);
        out = await c.send({ choiceId: ids.includes('result') ? 'result' : 'yes' });
      }
      check(`family ${dest.id}`, out);
    }
  });

  it('renders every shown job listing and every agency', async () => {
    const cat = realCatalog();
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const country of cat.listings.countries('2026-11-29')) {
      await c.send({ choiceId: 'menu' });
      await c.send({ choiceId: 'jobs' });
      await c.send({ choiceId: 'country' });
      const list = await c.send({ choiceId: country.id });
      check(country.id, list);
      for (const choice of last(list).choices.filter((x) => x.id.startsWith('contoh-'))) {
        check(choice.id, await c.send({ choiceId: choice.id }));
        await c.send({ choiceId: 'back' });
      }
    }
    for (const name of [
      'PT Contoh Maju Jaya',
      'PT Contoh Anugerah Buana',
      'PT Contoh Lestari Makmur',
      'PT Maju Jaya',
      'PT Tidak Ada',
    ]) {
      await c.send({ choiceId: 'menu' });
      check(name, await c.say(`cek ${name}`));
    }
  });

  it('renders the menu, help, contacts and SOS screens', async () => {
    const c = chat(makeEngine().engine);
    await setLocale(c);
    for (const text of ['0', '10', '2', '1', '3', '1', '0', '12', 'darurat', 'bahasa', 'xyz'])
      check(text, await c.say(text));
  });
});

/** Every answer card, asked in its own first example question. */
function cardQuestions(locale: string): string[] {
  const result = loadContent('content', TODAY);
  if (!result.ok) throw new Error('content does not load');
  return result.content.answers.map(
    (a) => ((a.ask as Record<string, string[]>)[locale] ?? a.ask.id)[0] ?? '',
  );
}

describe.each(LOCALES)('a crawl of every screen in %s through the real engine', (locale) => {
  it('sends no message over 1,000 characters, and explains every acronym it uses', async () => {
    const { engine, store } = makeEngine();
    const ways = [
      [{ text: '0' }],
      [{ text: 'tolong' }],
      [{ text: 'help' }],
      ...['17', '30', '41', '60'].map((age) => [{ text: '0' }, { choiceId: 'eligibility' }, { text: age }]),
      ...['PT Contoh Maju Jaya', 'PT Contoh Anugerah Buana', 'PT Contoh Lestari Makmur', 'PT Tidak Ada'].map(
        (name) => [{ text: '0' }, { choiceId: 'agency' }, { text: name }],
      ),
      ...OFFERS.slice(0, 12).map((o) => [
        { text: '0' },
        { choiceId: 'offer' },
        { choiceId: 'paste' },
        { text: o.text },
      ]),
      ...cardQuestions(locale).map((q) => [{ text: q }]),
      [{ text: 'anak saya disekap majikan di malaysia, tolong' }],
    ];
    const result = await crawl(engine, store, ways, {
      locale,
      skip: (id) => id === 'language',
    });
    expect(result.screens).toBeGreaterThan(400);
    const over = result.messages.filter((m) => m.text.length > MAX_MESSAGE);
    expect(
      over.map((m) => `${m.text.length} ${m.path}`),
      `longest: ${result.longest.text.length} at ${result.longest.path}`,
    ).toEqual([]);
    const glossary = realContent().catalog.glossary;
    const unexplained = result.messages.flatMap((m) => {
      const left = glossary.unexplained(locale, m.prose);
      return left.length > 0 ? [`${left.join(', ')} at ${m.path}`] : [];
    });
    expect(unexplained).toEqual([]);
  }, 300_000);

  it('answers an SOS word in under 500 characters, the numbers first', async () => {
    const c = chat(makeEngine().engine);
    await c.say('bahasa');
    await c.send({ choiceId: locale });
    for (const word of ['tolong', 'darurat']) {
      const out = await c.say(word);
      expect(c.text(out).length, word).toBeLessThan(MAX_SOS);
      expect(c.text(out)).toContain('+62 812 9007 0027');
    }
  });
});
