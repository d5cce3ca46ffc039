import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import type { Flow } from '../../src/core/flow.js';
import { createFlows } from '../../src/core/flows/index.js';
import { createIntentMatcher } from '../../src/core/intents.js';
import type { SessionStore } from '../../src/core/ports.js';
import { encodeSession, freshSession } from '../../src/core/session.js';
import { createUnderstandingFor, readIntentLists } from '../../src/bootstrap.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { readPhoneList } from '../../src/phones/phone-list.js';
import {
  chat,
  fixedClock,
  last,
  makeEngine,
  realCatalog,
  realContent,
  silentLogger,
  testVillages,
} from '../helpers/engine.js';

describe('engine', () => {
  it('greets on start and shows the main menu without a 0 choice', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.start();
    expect(c.text(out)).toContain('Desa Migran EMAS');
    expect(last(out).title).toBe('Menu utama');
    expect(last(out).choices.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('selects by number, by the choice words and by button id', async () => {
    const { engine } = makeEngine();
    const a = chat(engine, 'console:a');
    expect(last(await a.say('1')).title).toBe('Cara kerja ke luar negeri secara resmi');
    const b = chat(engine, 'console:b');
    expect(last(await b.say('cek kesiapan saya')).title).toBe('Cek kesiapan');
    const c = chat(engine, 'console:c');
    expect(last(await c.send({ choiceId: 'contacts' })).title).toBe('Nomor penting dan bantuan');
  });

  it('ends every reply outside the menu with 0 = main menu', async () => {
    const c = chat(makeEngine().engine);
    for (const step of ['1', '1', '2', 'lanjut']) {
      const out = await c.say(step);
      expect(last(out).choices.find((x) => x.n === 0)?.label).toBe('Menu utama');
    }
  });

  it('lets global words win over the running flow', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    await c.say('2');
    expect(last(await c.say('menu')).title).toBe('Menu utama');
    await c.say('2');
    expect(last(await c.say('0')).title).toBe('Menu utama');
    await c.say('2');
    const cancelled = await c.say('BATAL');
    expect(c.text(cancelled)).toContain('dibatalkan');
    expect(last(cancelled).title).toBe('Menu utama');
    await c.say('2');
    expect(c.text(await c.say('bantuan'))).toContain('Ketik BATAL');
    await c.say('2');
    expect(last(await c.say('bahasa')).title).toBe('Pilih bahasa');
    const stopped = await c.say('stop');
    expect(c.text(stopped)).toContain('berhenti');
    expect(stopped).toHaveLength(1);
  });

  it('shows the emergency contacts first for an SOS word, from inside any flow', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    await c.say('25');
    const out = await c.say('Tolong!');
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(out[0]?.body).toContain('0800-1000');
    expect(last(out).choices.map((x) => x.id)).toEqual(['family', 'report', 'contacts', 'menu']);
  });

  it('re-asks with a clear note for out-of-range numbers, text where a choice is needed, and empty messages', async () => {
    const c = chat(makeEngine().engine);
    await c.start();
    expect(c.text(await c.say('14'))).toContain('Pilih nomor 1 sampai 13');
    await c.say('1');
    expect(c.text(await c.say('77'))).toContain('1 sampai 8');
    for (const empty of ['', '   ', '\u200b\u200b', '\u0000\u0007']) {
      const out = await c.say(empty);
      expect(c.text(out)).toContain('Pesan Anda kosong');
      expect(last(out).title).toBe('Cara kerja ke luar negeri secara resmi');
    }
  });

  it('answers a 20,000-character message without failing and says it was cut', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('kerja '.repeat(3400));
    expect(c.text(out)).toContain('sangat panjang');
    expect(out.length).toBeGreaterThan(0);
  });

  it('strips control and bidi characters and reads full-width digits', async () => {
    const c = chat(makeEngine().engine);
    expect(last(await c.say('\u202e１\u0000')).title).toBe('Cara kerja ke luar negeri secara resmi');
  });

  it('refuses forged or stale button data and keeps the session where it was', async () => {
    const { engine, store } = makeEngine();
    const c = chat(engine);
    await c.say('1');
    const before = await store.load('console:test');
    const out = await c.send({ choiceId: 'x'.repeat(500) });
    expect(c.text(out)).toContain('Tombol itu sudah tidak berlaku');
    expect((await store.load('console:test')).decoded).toEqual(before.decoded);
    expect(c.text(await c.send({ choiceId: 'contacts' }))).toContain('sudah tidak berlaku');
  });

  it('gives a helpful answer and the menu for text it does not understand', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('qwxz zzkk');
    expect(c.text(out)).toContain('belum mengerti');
    expect(last(out).title).toBe('Menu utama');
  });

  it('finds guide topics by free text that no answer card fits, tolerating typos', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('info korae selatan');
    expect(last(out).title).toBe('Mungkin ini yang Anda cari');
    expect(last(out).choices.some((x) => x.id === 'scheme-g2g-korea' || x.id === 'country-kr')).toBe(true);
  });

  it('resets a session stored by an older version to the menu, with a note', async () => {
    const store = new MemorySessionStore(86_400_000, fixedClock);
    store.putRaw('console:test', JSON.stringify({ v: 0, l: 'en', f: 'gone', s: 'x' }));
    const c = chat(makeEngine({ store }).engine);
    const out = await c.say('2');
    expect(c.text(out)).toContain('Our earlier conversation has ended');
    expect(last(out).title).toBe('Main menu');
    expect(last(await c.say('2')).title).toBe('Readiness check');
  });

  it('answers "try again" when the store fails, and keeps the session unchanged', async () => {
    const inner = new MemorySessionStore(86_400_000, fixedClock);
    let down = false;
    const flaky: SessionStore = {
      load: (k) => (down ? Promise.reject(new Error('ECONNREFUSED')) : inner.load(k)),
      save: (k, s, r) => (down ? Promise.reject(new Error('ECONNREFUSED')) : inner.save(k, s, r)),
      delete: (k) => inner.delete(k),
    };
    const c = chat(makeEngine({ store: flaky }).engine);
    await c.say('2');
    down = true;
    const out = await c.say('30');
    expect(c.text(out)).toContain('sistem sedang gangguan');
    down = false;
    expect(last(await c.say('30')).body).toContain('Ke negara mana');
  });

  it('does not persist anything from a step that throws', async () => {
    const intents = createIntentMatcher(readIntentLists('locales'));
    const boom: Flow = {
      id: 'guide',
      start: () => ({ type: 'next', state: { step: 'root', data: {} } }),
      prompt: () => ({ body: [{ literal: 'boom?' }], choices: [{ id: 'x', label: { literal: 'x' } }] }),
      handle: () => {
        throw new Error('bug');
      },
    };
    const store = new MemorySessionStore(86_400_000, fixedClock);
    const engine = createEngine({
      store,
      flows: [...createFlows(intents, { readPhones: readPhoneList }).filter((f) => f.id !== 'guide'), boom],
      catalog: realCatalog(),
      scanner: realContent().scanner,
      reports: makeEngine().reports.desk,
      officers: makeEngine().reports.officerDesk,
      villages: testVillages(),
      translator: createTranslator('locales'),
      intents,
      understanding: createUnderstandingFor(realCatalog(), realContent().scanner),
      clock: fixedClock,
      logger: silentLogger,
      languageListFirst: false,
    });
    const c = chat(engine);
    await c.say('1');
    const saved = await store.load('console:test');
    const out = await c.say('1');
    expect(c.text(out)).toContain('sistem sedang gangguan');
    expect(await store.load('console:test')).toEqual(saved);
  });

  it('re-runs the turn when another process saved first', async () => {
    const inner = new MemorySessionStore(86_400_000, fixedClock);
    let raced = false;
    const racing: SessionStore = {
      load: (k) => inner.load(k),
      async save(k, s, rev) {
        if (!raced) {
          raced = true;
          await inner.save(k, freshSession('en'), rev);
        }
        return inner.save(k, s, rev);
      },
      delete: (k) => inner.delete(k),
    };
    const c = chat(makeEngine({ store: racing }).engine);
    const out = await c.say('1');
    // The other process switched the user to English: the re-run answers in English.
    expect(last(out).title).toBe('How to work abroad legally');
  });

  it('switches language and answers in English from then on', async () => {
    const c = chat(makeEngine().engine);
    await c.say('bahasa');
    const out = await c.say('6');
    expect(c.text(out)).toContain('I will use English');
    expect(last(out).title).toBe('Main menu');
    expect(last(await c.say('1')).title).toBe('How to work abroad legally');
  });

  it('understands English global words and answers in the same session', async () => {
    const c = chat(makeEngine().engine);
    expect(c.text(await c.say('emergency'))).toContain('0800-1000');
    expect(encodeSession(freshSession()).length).toBeLessThan(60);
  });
});
