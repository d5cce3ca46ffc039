import { describe, expect, it } from 'vitest';
import { readLanguageMarkers } from '../../src/bootstrap.js';
import { createLanguageGuesser } from '../../src/core/language-guess.js';
import { REGIONAL_LOCALES } from '../../src/content/locales.js';
import { LOCALES } from '../../src/core/locale.js';
import { createTranslator, readLocaleResources } from '../../src/i18n/translator.js';
import { chat, last, makeEngine } from '../helpers/engine.js';

const asNewUser = () => chat(makeEngine({ languageListFirst: true }).engine, 'telegram:42');

describe('languages (issue 16)', () => {
  it('greets a new user with the language list, each language named in itself, and remembers the choice', async () => {
    const c = asNewUser();
    const first = last(await c.start());
    expect(first.title).toBe('Pilih bahasa');
    expect(first.body).toContain('Halo!');
    expect(first.choices.slice(0, 6).map((ch) => ch.label)).toEqual([
      'Bahasa Indonesia',
      'Basa Jawa',
      'Basa Sunda',
      'Bhâsa Madhurâ',
      'Base Sasak',
      'English',
    ]);
    const menu = await c.say('2');
    expect(c.text(menu)).toContain('Basa Jawa');
    // A regional language says that some texts are still in Indonesian; the menu follows.
    expect(c.text(menu)).toContain('Basa Indonesia');
    expect(last(menu).choices.length).toBeGreaterThan(5);
    // Remembered: the next screen is in the same language (language screen in Javanese).
    expect(last(await c.say('bahasa')).title).toBe('Pilih basa');
  });

  it('shows the list for a greeting, a lone number or "menu", never before help', async () => {
    for (const text of ['halo', 'assalamualaikum', '1', 'menu']) {
      expect(last(await asNewUser().say(text)).title, text).toBe('Pilih bahasa');
    }
    // A cry for help is answered at once, with the numbers; a clear request opens its screen.
    const sos = await asNewUser().say('tolong sy dikurung majikan di arab');
    expect(asNewUser().text(sos)).toContain('0800-1000');
    expect(last(sos).title).not.toBe('Pilih bahasa');
    expect(last(await asNewUser().say('mau lapor calo di desa saya')).title).toContain('Laporkan');
    // An officer's first message is their join command or an action on a report, never held up.
    expect(last(await asNewUser().say('petugas ABCD2345')).title).not.toBe('Pilih bahasa');
    expect(last(await asNewUser().say('terima R-7KQ4MX')).title).not.toBe('Pilih bahasa');
  });

  it('reads words typed at the language list as at the menu', async () => {
    const c = asNewUser();
    await c.start();
    expect(last(await c.say('lapor')).title).toContain('Laporkan');
    const d = asNewUser();
    await d.start();
    expect(d.text(await d.say('berapa umur minimal jadi PMI'))).toContain('18');
  });

  it('switches by the regional words on any screen and stays on it', async () => {
    const c = asNewUser();
    await c.say('1');
    await c.say('1');
    const guide = last(await c.say('basa sunda'));
    expect(guide.body).toContain('Basa Sunda');
    expect(last(await c.say('bahasa indonesia')).body).toContain('Bahasa Indonesia');
  });

  it('offers a regional language once when an Indonesian session writes in it, and never switches by itself', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('kula badhe nyuwun pirsa, pripun carane kerjo teng luar negeri');
    expect(c.text(out)).toContain('basa jawa');
    const again = await c.say('matur nuwun, kula sampun mangertos');
    expect(c.text(again)).not.toContain('basa jawa');
    expect(last(await c.say('bahasa')).title).toBe('Pilih bahasa'); // still Indonesian
  });

  it('falls back to Indonesian, never to an empty text, for every key in every locale', () => {
    const tr = createTranslator('locales');
    const flat = (obj: unknown, prefix = ''): string[] =>
      typeof obj === 'string'
        ? [prefix]
        : Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) =>
            flat(v, prefix ? `${prefix}.${k}` : k),
          );
    const keys = flat(readLocaleResources('locales', 'id'));
    for (const locale of LOCALES) {
      const empty = keys.filter((k) => {
        const text = tr.t(locale, k);
        return text.trim() === '' || text === k;
      });
      expect(empty, locale).toEqual([]);
    }
  });

  it('notes on a long guide page that the full text is in Indonesian', async () => {
    const c = chat(makeEngine().engine);
    await c.say('bahasa');
    await c.say('3'); // Basa Sunda
    await c.say('1'); // the guide
    await c.say('1'); // its first section
    const note = createTranslator('locales').t('su', 'guide.regionalNote');
    const summary = await c.say('1'); // a topic: its summary is written in Sundanese, so no note
    expect(c.text(summary)).toContain('Aya lima jalur resmi');
    expect(c.text(summary)).not.toContain(note);
    const page = await c.say('1'); // the next page, a long legal text in Indonesian
    expect(c.text(page)).toContain(note);
  });
});

describe('guessing the language of a message (offer only)', () => {
  const guess = createLanguageGuesser(readLanguageMarkers('locales'));

  it('reads each regional language from two of its own words', () => {
    expect(guess('anakku durung mulih, piye iki')).toBe('jv');
    expect(guess('abdi hoyong damel di luar negeri, kumaha carana')).toBe('su');
    expect(guess('engkok terro alako ka malaysia, dhimma kantorra')).toBe('mad');
    expect(guess('tiang mele begawean lek malaysia, ape syaratne')).toBe('sas');
  });

  it('does not take Indonesian, English or one stray word for a regional language', () => {
    for (const text of [
      'saya mau kerja ke taiwan, syaratnya apa',
      'anak saya belum pulang dari malaysia',
      'I want to work abroad, what do I need',
      'tolong',
      'ora',
      'berapa biaya ke jepang',
    ]) {
      expect(guess(text), text).toBeUndefined();
    }
  });

  it('has a marker list for every regional language, with no word Indonesian also uses at the menu', () => {
    const markers = readLanguageMarkers('locales');
    for (const l of REGIONAL_LOCALES) expect(markers[l]?.length ?? 0, l).toBeGreaterThan(40);
    const indonesian = [
      'saya',
      'mau',
      'tidak',
      'apa',
      'dengan',
      'bisa',
      'ada',
      'kerja',
      'anak',
      'pulang',
      'uang',
    ];
    for (const l of REGIONAL_LOCALES) {
      expect(
        markers[l]?.filter((w) => indonesian.includes(w)),
        l,
      ).toEqual([]);
    }
  });
});
