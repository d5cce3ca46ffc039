/**
 * Regressions for the errors table of the content review (../shared/reviews/content-review.md §1), rows whose fix is
 * behaviour: what the offer scanner calls a text, what the checks' results say, and the eligibility verdicts.
 */
import { describe, expect, it } from 'vitest';
import { assessEligibility, type EligibilityAnswers } from '../../src/core/flows/eligibility-assess.js';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, chat, last, makeEngine, realCatalog, realContent } from '../helpers/engine.js';

/** The level and signs the real scanner and verdict give a pasted text. */
function scan(text: string): { level: string; signs: string[] } {
  const { scanner, catalog } = realContent();
  const v = offerVerdict(catalog, scanner.scan(text), TODAY);
  return { level: v.level, signs: v.signs.map((s) => s.id) };
}

describe('offer scanner labels (review §1 #2, #3, #14)', () => {
  it.each([
    'ABK kapal niaga ke Jepang, biaya BST ditanggung sendiri. Hubungi kantor PT Samudera',
    'Lowongan pabrik Taiwan, DP 1jt',
    'Dicari TKW ke Taiwan pabrik elektronik, biaya visa 3 juta',
  ])('#2: a fee word is a fee to check, not money paid to a person: %s', (text) => {
    const r = scan(text);
    expect(r.signs).toContain('fee-check-costs');
    expect(r.signs).not.toContain('cash-to-individual');
  });

  it('#2: money to a personal account is still money paid to a person', () => {
    expect(scan('Biaya proses 5 juta transfer ke rekening pribadi saya').signs).toContain(
      'cash-to-individual',
    );
  });

  it.each([
    'ABK kapal niaga, biaya buku pelaut sendiri',
    'Lowongan ABK, biaya pelatihan 5 juta',
    'Dicari TKW ke Taiwan pabrik elektronik, biaya visa 3 juta',
  ])('#3: a bare "abk" or "tkw" with a fee is no zero-cost job: %s', (text) => {
    expect(scan(text).signs).not.toContain('fee-zero-cost-job');
  });

  it('#3: fishing-vessel crew with a fee is still the zero-cost sign', () => {
    const r = scan('Lowongan ABK kapal ikan ke Taiwan, biaya pelatihan 5 juta');
    expect(r.signs).toContain('fee-zero-cost-job');
    expect(r.level).toBe('high');
  });

  it('#14: an intern visa is an internship to verify, not a visa that is no work visa', () => {
    const r = scan('Berangkat ke Jepang pakai visa magang, kerja di pabrik');
    expect(r.signs).not.toContain('wrong-visa');
    expect(r.signs).toContain('unverified-internship');
    expect(r.level).toBe('verify');
  });

  it('#14: the ferienjob pattern (intern visa, manual work, a fee) stays high', () => {
    expect(
      scan('Lowongan ke Jerman program magang mahasiswa pakai visa magang, kerja di gudang, biaya 30 juta.')
        .level,
    ).toBe('high');
  });

  it('#14: tourist and umrah visas stay critical', () => {
    expect(scan('Berangkat pakai visa turis dulu, kerja di restoran Jepang').signs).toContain('wrong-visa');
    expect(scan('Kerja di Arab Saudi, berangkat pakai visa umroh').level).toBe('high');
  });

  it('#14: the yes/no question on visas no longer names the intern visa', () => {
    const q = realCatalog().sign('wrong-visa')?.question;
    expect(q?.id).not.toContain('magang');
    expect(q?.en).not.toContain('intern');
  });
});

describe('results say things once and to the point (review §1 #22)', () => {
  it('a pasted text without signs speaks of the text, not of answers', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'paste' });
    const out = await c.say(
      'Lowongan operator pabrik ke Taiwan. Daftar di Disnaker lewat SIAPkerja. Perusahaan terdaftar di SISKOP2MI. Tanda tangan Perjanjian Penempatan di Disnaker.',
    );
    expect(out[0]?.title).toBe(realCatalog().level('procedural')?.title.id);
    expect(c.text(out)).not.toContain('jawaban Anda');
  });

  it('the yes/no result says "no warning signs" once', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    const count = realCatalog()
      .signsFor('offer')
      .filter((s) => s.question !== undefined).length;
    let out = await c.say('tidak');
    for (let i = 1; i < count; i++) out = await c.say('tidak');
    expect(out[0]?.title).toBe(realCatalog().level('procedural')?.title.id);
    expect(c.text(out).match(/tidak ada tanda bahaya/gi)).toHaveLength(1);
  });
});

const ALL_DOCS = ['ktp', 'kk', 'akta', 'ijazah', 'paspor'];
const assess = (a: Partial<EligibilityAnswers>) =>
  assessEligibility(realCatalog(), {
    age: 25,
    destination: 'tw',
    job: 'factory',
    documentsHeld: ALL_DOCS,
    ...a,
  });

describe('eligibility verdicts (review §1 #21, #24)', () => {
  it('#21: under 18 and Saudi household work each get one next step', () => {
    expect(assess({ age: 16 }).next).toBe('next-under-18');
    expect(assess({ destination: 'me', job: 'household' }).next).toBe('next-ask-bp3mi');
    for (const id of ['next-under-18', 'next-ask-bp3mi']) {
      const v = realCatalog().verdict(id);
      expect(v?.text.id.length).toBeGreaterThan(40);
      expect(v?.text.id).not.toMatch(/^Langkah berikutnya/);
    }
  });

  it('#21: the under-18 result shows its next step under the heading', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    const out = await c.say('16');
    expect(last(out).title).toBe('Langkah berikutnya');
    expect(c.text([last(out)])).toContain('Setelah berumur 18 tahun');
  });

  it.each([
    ['kr', 'household'],
    ['jp', 'household'],
    ['kr', 'carer'],
    ['jp', 'carer'],
  ])(
    '#24: household work in %s (%s) has no route: no "only via P3MI", no zero-cost list',
    (destination, job) => {
      const r = assess({ destination, job });
      expect(r.verdicts).toEqual(['household-no-route']);
      expect(r.schemeTopic).toBeUndefined();
      expect(r.next).toBe('next-ask-bp3mi');
    },
  );

  it('#24: household work in Hong Kong or Taiwan still goes through a P3MI, zero cost', () => {
    expect(assess({ destination: 'hk', job: 'household' }).verdicts).toEqual([
      'household-only-p2p',
      'zero-cost',
      'always-required',
    ]);
    expect(assess({ destination: 'kr', job: 'factory' }).verdicts[0]).toBe('scheme-g2g-korea');
  });
});
