import { describe, expect, it } from 'vitest';
import { chat, last, makeEngine } from '../../helpers/engine.js';
import { reportLinesToEvidence } from '../../helpers/report-script.js';

const start = () => chat(makeEngine().engine);
const chars = (m: { title?: string; body: string }) => `${m.title ?? ''}\n${m.body}`.length;

describe('the front door: sentences, not menu numbers (issue: understanding)', () => {
  it('opens the report form for "mau lapor calo di desa saya"', async () => {
    expect(last(await start().say('mau lapor calo di desa saya')).title).toMatch(/^Laporkan perekrut \(1\//);
  });

  it('answers a cry for help in a sentence with the numbers first, short, then the family-help path', async () => {
    const out = await start().say('tolong sy dikurung majikan di arab');
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(out[0]?.body).toContain('+62 812 9007 0027');
    expect(chars(out[0]!)).toBeLessThanOrEqual(500);
    expect(out[0]?.choices.map((c) => c.id)).toContain('family');
  });

  it('shows the numbers for Indonesia when the person is held at home', async () => {
    const out = await start().say('anak saya disekap di penampungan sponsor, tolong');
    expect(out[0]?.body).toContain('110');
    expect(out[0]?.body).toContain('129');
  });

  it('answers "berapa umur minimal jadi PMI" with the fact itself, its source and "read more"', async () => {
    const out = await start().say('berapa umur minimal jadi PMI');
    expect(last(out).body).toContain('18 tahun');
    expect(last(out).body).toMatch(/Sumber: .*dicek/);
    expect(last(out).choices.map((c) => c.id)).toEqual(['more', 'menu']);
  });

  it('tells someone who already paid a sponsor what to do now, and offers the report', async () => {
    const out = await start().say('sy sdh bayar 30jt ke sponsor utk ke jepang blm brgkt2 udh 1thn');
    expect(last(out).title).toBe('Sudah membayar calo atau sponsor?');
    expect(last(out).choices.map((c) => c.id)).toContain('report');
  });

  it('opens the job search filtered by what the sentence names', async () => {
    const out = await start().say('lowongan pabrik di jepang');
    expect(last(out).title).toMatch(/^Lowongan 1–/);
    expect(last(out).choices.some((c) => c.label.includes('Jepang'))).toBe(true);
  });

  it('checks a pasted advert even when it says "darurat" (an advert is not distress)', async () => {
    const out = await start().say(
      'DARURAT!! dibutuhkan segera 20 orang TKW ke Malaysia lewat Batam, gaji 8jt, tiket gratis, syarat usia 18-35, hubungi WA 0812 3456 7890',
    );
    expect(out[0]?.title).not.toBe('Nomor darurat');
  });

  it('starts the report form with the phone number and company a sentence names', async () => {
    const c = start();
    const out = await c.say(
      'mau lapor calo namanya Budi, nomornya 0812 3456 7890, ngaku dari PT Maju Sentosa',
    );
    expect(c.text(out)).toContain('+62 812 3456 7890');
    expect(last(out).title).toMatch(/^Laporkan perekrut/);
  });

  it('understands a message mixing languages', async () => {
    expect(last(await start().say('saya want to lapor calo please')).title).toMatch(/^Laporkan perekrut/);
  });
});

describe('answers at a step', () => {
  /** The family check's first yes/no question. */
  async function atYesNo() {
    const c = start();
    await c.say('7');
    await c.say('3');
    return c;
  }

  it.each(['ya', 'iya', 'y', 'yes', 'ok', 'oke', 'bener', 'sudah', 'udah', 'udh', 'pernah', 'iyaa'])(
    'takes "%s" as yes',
    async (word) => {
      const c = await atYesNo();
      // The first question is a critical sign: "yes" shows it and offers the result.
      expect(last(await c.say(word)).title).toBe('Ini tanda bahaya serius');
    },
  );

  it.each([
    'tidak',
    'tdk',
    'gak',
    'gk',
    'ga',
    'nggak',
    'ngga',
    'engga',
    'blm',
    'belum',
    'blum',
    'no',
    'ga ada',
  ])('takes "%s" as no', async (word) => {
    const c = await atYesNo();
    expect(last(await c.say(word)).title).toMatch(/^Pertanyaan 2 dari/);
  });

  it('asks again with the accepted forms when the answer is unclear', async () => {
    const c = await atYesNo();
    expect(c.text(await c.say('mungkin'))).toContain('Jawab ya atau tidak (misalnya: ya, iya, sudah');
  });

  it('takes "ya" and "tidak" at "see the result now?" after a critical answer', async () => {
    const seen = await atYesNo();
    await seen.say('iya');
    expect(last(await seen.say('ya')).title).not.toBe('Tanda bahaya serius');
    const goOn = await atYesNo();
    await goOn.say('iya');
    expect(last(await goOn.say('tidak')).title).toMatch(/^Pertanyaan 2 dari/);
  });

  it('answers a question typed in the middle of a check, then asks the same question again', async () => {
    const c = await atYesNo();
    const out = await c.say('berapa umur minimal jadi PMI');
    expect(out[0]?.body).toContain('18 tahun');
    expect(last(out).title).toMatch(/^Pertanyaan 1 dari/);
  });

  it('leaves a check for a clear request, and keeps the check to resume', async () => {
    const c = await atYesNo();
    expect(last(await c.say('mau lapor calo di desa saya')).title).toMatch(/^Laporkan perekrut/);
  });

  it('shows the numbers first when distress is typed at a step of the report wizard, and takes the answer', async () => {
    const c = start();
    await c.say('8');
    const out = await c.say('Pak Joko, dia menyekap adik saya di penampungan');
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(last(out).title).toMatch(/^Laporkan perekrut \(2\//);
  });
});

describe("the safety net at the report wizard's documents step", () => {
  async function atDocuments() {
    const c = start();
    const lines = reportLinesToEvidence();
    for (const line of lines.slice(0, lines.indexOf('paspor ditahan'))) await c.say(line);
    return c;
  }

  it('takes "paspor ditahan" as the answer it is, with no emergency numbers', async () => {
    const c = await atDocuments();
    const out = await c.say('paspor ditahan');
    expect(out[0]?.title).not.toBe('Nomor darurat');
  });

  it('still shows the numbers when the answer tells of someone locked up', async () => {
    const c = await atDocuments();
    const out = await c.say('paspor ditahan, adik saya dikurung di penampungan');
    expect(out[0]?.title).toBe('Nomor darurat');
  });
});

describe('staying in place', () => {
  async function onGuidePage() {
    const c = start();
    await c.say('1');
    await c.say('1');
    const out = await c.say('1');
    return { c, page: last(out) };
  }

  it('keeps the user on a page with a hint when the words mean nothing', async () => {
    const { c, page } = await onGuidePage();
    const out = await c.say('asdfgh qwerty');
    expect(c.text(out)).toContain('belum mengerti');
    expect(last(out).title).toBe(page.title);
  });

  it('switches to English on the same page with "english"', async () => {
    const { c, page } = await onGuidePage();
    const out = await c.say('english');
    expect(last(out).title).not.toBe(page.title);
    expect(c.text(out)).toContain('OK, I will use English');
    expect(last(out).choices.map((x) => x.id)).toEqual(page.choices.map((x) => x.id));
    expect(c.text(await c.say('bahasa indonesia'))).toContain('Bahasa Indonesia');
  });

  it('pages with "next" and "lanjut" and goes back with "back" and "kembali"', async () => {
    const { c, page } = await onGuidePage();
    if (!page.choices.some((x) => x.id === 'next')) return;
    const next = last(await c.say('next'));
    expect(next.choices.some((x) => x.id === 'prev')).toBe(true);
    expect(last(await c.say('kembali')).title).toBeDefined();
  });

  it('reads "lihat rumahku" as words, not as the report code R-UMAHKU', async () => {
    const out = await start().say('lihat rumahku');
    expect(start().text(out)).not.toContain('R-UMAHKU');
  });
});

describe('bad input at the menu', () => {
  it('answers only emoji, only numbers and empty text clearly', async () => {
    const c = start();
    expect(c.text(await c.say('🙏🙏🙏'))).toContain('belum mengerti');
    expect(c.text(await c.say('12345'))).toContain('belum mengerti');
    expect(c.text(await c.say('999'))).toContain('Nomor itu tidak ada');
    expect(c.text(await c.say('   '))).toContain('kosong');
  });
});

describe('a cry for help that also asks a question', () => {
  it('shows the numbers first, then the answer card, then the next steps', async () => {
    const out = await start().say('tolong paspor saya ditahan majikan di malaysia, harus lapor ke mana?');
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(out[1]?.body).toMatch(/Sumber: /);
    expect(last(out).choices.map((c) => c.id)).toContain('family');
  });
});
