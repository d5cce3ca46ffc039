import { describe, expect, it } from 'vitest';
import { DISTRESS_CARDS, GUIDE_SECTIONS } from '../../src/content/ids.js';
import { pick } from '../../src/core/locale.js';
import type { OutboundMessage } from '../../src/core/message.js';
import { chat, last, makeEngine, realCatalog } from '../helpers/engine.js';

/** Issue 18 (parts 1, 3, 4): problems abroad, money, after coming home — reached from the menu, the family check and free text. */
const NEW_SECTIONS = ['abroad', 'remittance', 'return'] as const;
/** No single message over this many characters, as the console renders it (title, body and choices). */
const MAX_MESSAGE = 1000;

const start = () => chat(makeEngine().engine);
const titleOf = (id: string, locale: 'id' | 'en' = 'id') =>
  realCatalog().topic(id)?.title[locale] ?? `?${id}`;
const ids = (m: OutboundMessage) => m.choices.map((c) => c.id);

describe('problems of a worker abroad, from the family check', () => {
  it('offers the common problems on the country screen and opens the section', async () => {
    const c = start();
    const country = await c.send({ choiceId: 'family' });
    expect(ids(last(country))).toContain('problems');
    const section = await c.send({ choiceId: 'problems' });
    expect(ids(last(section))).toEqual([...GUIDE_SECTIONS.abroad, 'back', 'menu']);
    const page = await c.send({ choiceId: 'abroad-go-home' });
    expect(last(page).title).toBe(`${titleOf('abroad-go-home')} [1/4]`);
    // "Back" returns to the list of problems, not to the guide's first screen.
    expect(ids(last(await c.send({ choiceId: 'back' })))).toContain('abroad-death');
  });

  it('still takes a country by number and runs the questions', async () => {
    const c = start();
    await c.send({ choiceId: 'family' });
    expect(last(await c.say('3')).title).toMatch(/^Pertanyaan 1 dari/);
  });

  it('offers the common problems under the result', async () => {
    const c = start();
    await c.send({ choiceId: 'family' });
    let out = await c.send({ choiceId: 'my' });
    while (!ids(last(out)).includes('again')) out = await c.send({ choiceId: 'no' });
    expect(ids(last(out))).toEqual(['contacts', 'problems', 'again', 'menu']);
    const section = await c.send({ choiceId: 'problems' });
    expect(ids(last(section))).toContain('abroad-wages');
  });
});

describe('free text reaches the card and its page', () => {
  /** Says `text`, expects the card `card` among the replies, then follows "read more" to `topic`. */
  async function cardThenPage(text: string, card: string, topic: string) {
    const c = start();
    const out = await c.say(text);
    for (const m of out) expect(c.text([m]).length, text).toBeLessThanOrEqual(MAX_MESSAGE);
    // The glossary may explain an acronym in brackets: compare the words outside brackets.
    const plain = (x: string) => x.replace(/\s*\([^)]*\)/g, '').slice(0, 60);
    const answer = plain(realCatalog().answers.card(card)?.answer.id ?? '?');
    expect(
      out.some((m) => plain(m.body).includes(answer)),
      `${text} → ${card}`,
    ).toBe(true);
    expect(ids(last(out))[0]).toBe('more');
    const page = await c.send({ choiceId: 'more' });
    expect(last(page).title, text).toMatch(new RegExp(`^${titleOf(topic).replace(/[()]/g, '.')}`));
    return out;
  }

  it.each([
    ['gaji tidak dibayar', 'unpaid-wages', 'abroad-wages'],
    ['klaim BPJS kematian', 'jkm-claim', 'abroad-death'],
    ['pekerjaan di malaysia tidak sesuai kontrak gimana', 'contract-broken', 'abroad-contract'],
    ['biaya kirim uang dari malaysia ke indonesia berapa persen', 'remittance-cost', 'remittance'],
    ['boleh gak minjemin rekening ke teman', 'account-lending', 'remittance'],
    ['ada buku panduan keuangan untuk pekerja migran?', 'financial-literacy', 'remittance'],
    ['koperasi untuk pekerja migran ada?', 'cooperative-bumdes', 'return-cooperative'],
    ['anak saya diasuh siapa', 'children-left-behind', 'return-children'],
    ['purna pmi dapat bantuan apa dari pemerintah', 'reintegration', 'return-services'],
    ['pelatihan usaha untuk mantan tki ada?', 'returnee-business', 'return-business'],
    ['korban tppo bisa minta ganti rugi lewat lpsk?', 'victim-rights', 'return-victims'],
  ])('"%s" → %s → %s', async (text, card, topic) => {
    const out = await cardThenPage(text, card, topic);
    expect(out[0]?.title).not.toBe('Nomor darurat');
  });

  it.each([
    // Wages unpaid for months: the safety net still shows the numbers first (not changed here), then
    // the unpaid-wages card, then its page as the first next step.
    ['gaji adik saya 5 bulan tidak dibayar majikan', 'unpaid-wages', 'abroad-wages'],
    ['meninggal di luar negeri jenazah', 'body-repatriation', 'abroad-death'],
    ['ditangkap polisi di malaysia', 'detained-abroad', 'abroad-arrested'],
    ['hilang kontak', 'missing-family', 'abroad-lost-contact'],
  ])('"%s": the numbers first, then %s and its page %s', async (text, card, topic) => {
    const out = await cardThenPage(text, card, topic);
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(out[0]?.body).toContain('+62 812 9007 0027');
    expect(ids(last(out))).toEqual(['more', 'family', 'report', 'contacts', 'menu']);
  });

  it('shows the numbers first for the KBRI of the country named', async () => {
    const out = await start().say('ditangkap polisi di malaysia');
    expect(out[0]?.body).toContain('+60 17-668 8032');
  });

  it('adds no wages card when the worker is also held: the numbers and the next steps only', async () => {
    const out = await start().say(
      'adik saya di malaysia paspornya ditahan, gaji 8 bulan tidak dibayar, tidak boleh pulang',
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(ids(last(out))).toEqual(['family', 'report', 'contacts', 'menu']);
  });

  it('leads "mau pulang" to the family screen, where the problems are one choice away', async () => {
    const c = start();
    const out = await c.say('mau pulang');
    expect(ids(last(out))).toContain('problems');
    await c.send({ choiceId: 'problems' });
    expect(last(await c.send({ choiceId: 'abroad-go-home' })).title).toMatch(/^Ingin pulang/);
  });
});

describe('the new guide sections', () => {
  it('are listed in the guide', async () => {
    const c = start();
    const out = await c.send({ choiceId: 'guide' });
    for (const s of NEW_SECTIONS) expect(ids(last(out))).toContain(s);
  });

  it.each(['id', 'en'] as const)(
    'keep every page under %s 1,000 characters, with its sources on the last',
    async (locale) => {
      const c = start();
      await c.say('bahasa');
      await c.send({ choiceId: locale });
      const lengths: number[] = [];
      for (const section of NEW_SECTIONS) {
        for (const id of GUIDE_SECTIONS[section]) {
          await c.send({ choiceId: 'menu' });
          await c.send({ choiceId: 'guide' });
          await c.send({ choiceId: section });
          let out = await c.send({ choiceId: id });
          for (;;) {
            for (const m of out) {
              const text = c.text([m]);
              lengths.push(text.length);
              expect(text.length, `${locale} ${id}: ${text.slice(0, 80)}`).toBeLessThanOrEqual(MAX_MESSAGE);
            }
            if (!ids(last(out)).includes('next')) break;
            out = await c.send({ choiceId: 'next' });
          }
          expect(c.text(out), id).toMatch(/https?:\/\//);
        }
      }
      expect(lengths.length).toBeGreaterThan(30);
    },
  );

  it('keeps every card that leads to them short: the answer, its sources and the fixed lines under 1,000', () => {
    const pages = new Set<string>(NEW_SECTIONS.flatMap((s) => GUIDE_SECTIONS[s]));
    const cards = realCatalog().answers.all.filter((a) => a.more !== undefined && pages.has(a.more));
    expect(cards.length).toBeGreaterThanOrEqual(18);
    /** "Sumber: … (dicek …)", "Aturan bisa berubah …", "1. Baca selengkapnya", "0. Menu utama", with room to spare. */
    const FIXED_LINES = 200;
    for (const card of cards) {
      const sources = card.sources.map((x) => x.title).join('; ');
      for (const locale of ['id', 'en'] as const) {
        expect(
          pick(card.answer, locale).length + sources.length + FIXED_LINES,
          `${card.id} ${locale}`,
        ).toBeLessThanOrEqual(MAX_MESSAGE);
      }
    }
  });
});

describe('content the code relies on', () => {
  it('has every card the safety net may show after the numbers, each with its page', () => {
    for (const [kind, id] of Object.entries(DISTRESS_CARDS)) {
      const card = realCatalog().answers.card(id);
      expect(card, kind).toBeDefined();
      expect(card?.more && realCatalog().topic(card.more), kind).toBeTruthy();
    }
  });
});
