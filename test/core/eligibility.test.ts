import { describe, expect, it } from 'vitest';
import {
  asksForOffer,
  assessEligibility,
  type EligibilityAnswers,
} from '../../src/core/flows/eligibility-assess.js';
import { parseAge } from '../../src/core/flows/eligibility.js';
import { chat, last, makeEngine, realCatalog } from '../helpers/engine.js';

const ALL_DOCS = ['ktp', 'kk', 'akta', 'ijazah', 'paspor'];
const base: EligibilityAnswers = {
  age: 25,
  destination: 'tw',
  job: 'factory',
  offer: false,
  documentsHeld: ALL_DOCS,
};
const assess = (a: Partial<EligibilityAnswers>) => assessEligibility(realCatalog(), { ...base, ...a });

describe('eligibility assessment', () => {
  it.each([
    ['under 18: nothing else', { age: 17 }, ['under-18'], undefined],
    [
      'factory job in Taiwan: private P3MI',
      {},
      ['scheme-p2p', 'costs-other', 'always-required'],
      'scheme-p2p',
    ],
    [
      'written offer from a company: independent',
      { offer: true },
      ['scheme-independent', 'costs-other', 'always-required'],
      'scheme-independent',
    ],
    [
      'household work: only via P3MI, zero cost',
      { job: 'household', offer: true },
      ['household-only-p2p', 'zero-cost', 'always-required'],
      'scheme-p2p',
    ],
    [
      'factory in Korea at 30: EPS',
      { destination: 'kr', age: 30 },
      ['scheme-g2g-korea', 'costs-other', 'always-required'],
      'scheme-g2g-korea',
    ],
    [
      'factory in Korea at 40: too old for EPS',
      { destination: 'kr', age: 40 },
      ['korea-over-age', 'scheme-p2p', 'costs-other', 'always-required'],
      'scheme-p2p',
    ],
    [
      'fishing in Korea: EPS, zero cost job',
      { destination: 'kr', job: 'fishing' },
      ['scheme-g2g-korea', 'zero-cost', 'always-required'],
      'scheme-g2g-korea',
    ],
    [
      'nurse in Japan at 30: G to G',
      { destination: 'jp', job: 'nurse-care' },
      ['scheme-g2g-japan', 'costs-other', 'always-required'],
      'scheme-g2g-japan',
    ],
    [
      'nurse in Japan at 36: over the limit',
      { destination: 'jp', job: 'nurse-care', age: 36 },
      ['japan-over-age', 'scheme-p2p', 'costs-other', 'always-required'],
      'scheme-p2p',
    ],
    [
      'household work in Saudi Arabia: moratorium',
      { destination: 'me', job: 'household' },
      ['me-household'],
      undefined,
    ],
    ['carer in Saudi Arabia: moratorium', { destination: 'me', job: 'carer' }, ['me-household'], undefined],
    [
      'factory in Saudi Arabia: allowed via P3MI',
      { destination: 'me', job: 'factory' },
      ['scheme-p2p', 'costs-other', 'always-required'],
      'scheme-p2p',
    ],
  ])('%s', (_name, answers, verdicts, scheme) => {
    const result = assess(answers);
    expect(result.verdicts).toEqual(verdicts);
    expect(result.schemeTopic).toBe(scheme);
  });

  it('lists the missing documents and sends people without civil documents to the village first', () => {
    const result = assess({ documentsHeld: ['ijazah'] });
    expect(result.missing.map((d) => d.id)).toEqual(['ktp', 'kk', 'akta', 'paspor']);
    expect(result.next).toBe('next-civil');
    expect(assess({ documentsHeld: ['ktp', 'kk', 'akta'] }).next).toBe('next-register');
    expect(assess({ destination: 'kr' }).next).toBe('next-korea');
    expect(assess({ destination: 'jp', job: 'nurse-care' }).next).toBe('next-japan');
  });

  it('asks for a direct offer only for company jobs without a G to G route', () => {
    const c = realCatalog();
    expect(asksForOffer(c, { age: 25, destination: 'tw', job: 'factory' })).toBe(true);
    expect(asksForOffer(c, { age: 25, destination: 'tw', job: 'household' })).toBe(false);
    expect(asksForOffer(c, { age: 25, destination: 'kr', job: 'factory' })).toBe(false);
    expect(asksForOffer(c, { age: 45, destination: 'kr', job: 'factory' })).toBe(true);
  });

  it.each([
    ['25', 25],
    ['umur saya 25 tahun', 25],
    ['２５', undefined],
    ['25 atau 26', undefined],
    ['dua puluh', undefined],
    ['1234', undefined],
  ])('reads the age in %j', (text, age) => {
    expect(parseAge(text)).toBe(age);
  });
});

describe('eligibility flow', () => {
  it('walks from age to a personal checklist and the next step', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    expect(c.text(await c.say('sekitar dua puluh'))).toContain('Ketik angka saja');
    expect(c.text(await c.say('150'))).toContain('kurang tepat');
    expect(last(await c.say('27')).body).toContain('Ke negara mana');
    await c.say('Taiwan');
    expect(last(await c.say('4')).body).toContain('tawaran kerja tertulis');
    expect(c.text(await c.say('mungkin'))).toContain('Silakan jawab ya atau tidak');
    await c.say('belum');
    await c.say('ya');
    await c.say('sudah');
    await c.say('tidak');
    await c.say('1');
    const out = await c.say('2');
    const text = c.text(out);
    expect(out[0]?.title).toBe('Hasil cek Anda');
    expect(text).toContain('Dokumen yang belum Anda punya');
    expect(text).toContain('Akta');
    expect(last(out).title).toBe('Langkah berikutnya');
    expect(last(out).choices.map((x) => x.id)).toEqual(['scheme', 'country', 'again', 'menu']);
    const scheme = await c.say('1');
    expect(last(scheme).title).toContain(realCatalog().topic('scheme-p2p')?.title.id);
  });

  it('ends early for someone under 18', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    const out = await c.say('16');
    expect(out[0]?.title).toBe('Hasil cek Anda');
    expect(c.text(out)).toContain('18');
    expect(last(out).choices.map((x) => x.id)).toEqual(['again', 'menu']);
  });
});
