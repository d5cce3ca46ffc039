import { describe, expect, it } from 'vitest';
import { unglossed } from '../helpers/unglossed.js';
import { chat, last, makeEngine, realCatalog } from '../helpers/engine.js';

const catalog = realCatalog();
const offerCount = catalog.signsFor('offer').filter((s) => s.question !== undefined).length;
const title = (id: string) => catalog.sign(id)?.title.id ?? '';

describe('offer check (yes/no questions)', () => {
  it('gives "looks procedural, still verify" when every answer is no', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    let out = await c.send({ choiceId: 'questions' });
    expect(last(out).title).toBe(`Pertanyaan 1 dari ${offerCount} · Yang menawari dan perusahaannya`);
    for (let i = 0; i < offerCount; i++) out = await c.say(i % 2 === 0 ? 'tidak' : '2');
    expect(out[0]?.title).toBe(catalog.level('procedural')?.title.id);
    // Said once, by the level's text (content review §1 #22).
    expect(c.text(out)).toContain('Dari jawaban Anda, tidak ada tanda bahaya yang kuat.');
    expect(c.text(out)).not.toContain('Tidak ada tanda bahaya dari jawaban Anda.');
    // The bot's own report form first, then the numbers (review §1 #8).
    expect(last(out).choices.map((x) => x.id)).toEqual(['report', 'numbers', 'signs', 'again', 'menu']);
  });

  it('offers the result at once after a critical answer, and names the reason', async () => {
    const c = chat(makeEngine().engine);
    await c.say('5');
    await c.say('2');
    const critical = await c.say('ya');
    expect(last(critical).title).toBe('Tanda bahaya serius');
    expect(last(critical).body).toContain(title('individual-recruiter'));
    const out = await c.say('1');
    expect(out[0]?.title).toBe(catalog.level('high')?.title.id);
    expect(out[0]?.body).toContain(title('individual-recruiter'));
  });

  it('adds up serious answers to "verify first"', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    await c.say('tidak');
    await c.say('tidak');
    let out = await c.say('ya'); // Q-03, weight 2
    for (let i = 3; i < offerCount; i++) out = await c.say('tidak');
    expect(out[0]?.title).toBe(catalog.level('verify')?.title.id);
  });

  it('re-asks for answers other than yes or no', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    for (const answer of ['mungkin', 'gak tau', 'hmm??']) {
      const out = await c.say(answer);
      expect(c.text(out)).toContain('Jawab ya atau tidak');
      expect(last(out).title).toContain('Pertanyaan 1 dari');
    }
    expect(c.text(await c.say('7'))).toContain('Pilih nomor 1 sampai 2');
  });

  it('can be left and resumed from the menu', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    await c.say('tidak');
    await c.say('tidak');
    await c.say('tidak');
    await c.say('0');
    await c.say('5');
    const resume = await c.say('2');
    expect(c.text(resume)).toContain(`Anda sudah menjawab 3 dari ${offerCount} pertanyaan`);
    expect(last(await c.say('1')).title).toContain(`Pertanyaan 4 dari ${offerCount}`);
    await c.say('stop');
    await c.say('5');
    await c.say('2');
    expect(last(await c.say('2')).title).toContain(`Pertanyaan 1 dari ${offerCount}`);
  });

  it('shows emergency numbers for an SOS word in the middle of the check', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    const out = await c.say('darurat');
    expect(out[0]?.title).toBe('Nomor darurat');
  });
});

const CAMBODIA =
  'LOWONGAN KERJA KAMBOJA!!! 🔥 Dibutuhkan admin online / CS, gaji 15jt/bln, tanpa pengalaman, tiket & visa ditanggung. Berangkat cepat, proses 2 minggu. Minat hub WA 0812-3456-7890 (Bu Rina)';
const SAUDI =
  'Dibuka lowongan PRT ke Arab Saudi, gaji 1500 riyal, berangkat pakai visa umroh, paspor disimpan agen dulu ya. hub sponsor pak Darto 085712345678';
const MANY_SIGNS =
  'Dicari pengasuh lansia ke Taiwan, umur 16 boleh, biaya 25 juta transfer ke rekening saya, berangkat pakai visa turis lewat Batam, jangan bilang keluarga, tidak perlu ke Disnaker. PT Cahaya Makmur Sentosa, WA 0812-9876-5432';

describe('checking a pasted offer', () => {
  it('reads a forwarded offer typed at the menu: level, reasons about the advert, actions, choices', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(CAMBODIA);
    const text = c.text(out);
    expect(last(out).title).toBe(catalog.level('high')?.title.id);
    expect(unglossed(text)).toContain(catalog.sign('scam-compound')?.title.id ?? 'x');
    expect(text).toContain('Yang perlu Anda lakukan:');
    expect(text).not.toContain('Anda belum terdaftar');
    expect(last(out).choices.map((x) => x.id)).toEqual(['report', 'details', 'questions', 'paste', 'menu']);
    const details = c.text(await c.send({ choiceId: 'details' }));
    expect(details).toContain('Nomor telepon: +62 812 3456 7890');
    expect(details).toContain('Negara: Kamboja');
    expect(last(await c.send({ choiceId: 'questions' })).title).toContain('Pertanyaan 1 dari');
  });

  it('keeps the result within 900 characters, with three reasons and "and N more"', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(MANY_SIGNS);
    const text = c.text(out);
    expect(text.length).toBeLessThanOrEqual(900);
    expect(text).toMatch(/dan \d+ tanda lain/);
    expect(text.match(/^- /gm)?.length).toBe(4);
    for (const action of catalog.level('high')?.actions ?? []) expect(unglossed(text)).toContain(action.id);
    const e = chat(makeEngine().engine);
    await e.say('english');
    const english = e.text(await e.say(MANY_SIGNS));
    expect(english).toContain('and');
    expect(english.length).toBeLessThanOrEqual(900);
  });

  it('says "no warning signs found — that does not make it legal" without positive evidence', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(
      'Lowongan kerja pabrik di Taiwan, gaji 25 juta per bulan, kontrak 3 tahun, hub 0812 4545 6767',
    );
    expect(last(out).title).toBe(catalog.level('unconfirmed')?.title.id);
    expect(c.text(out)).toContain('tidak berarti resmi');
  });

  it('calls an advert "looks procedural" only with positive evidence', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(
      'PT Contoh Maju Jaya (P3MI berizin) membuka lowongan operator pabrik Taiwan, gaji NT$ 27.470. Daftar di kantor cabang.',
    );
    expect(last(out).title).toBe(catalog.level('procedural')?.title.id);
  });

  it('reads a pasted offer from the offer menu, and says what it cannot read', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'paste' });
    expect(c.text(await c.say('😀😀😀🔥🔥'))).toContain('tidak bisa membaca teks ini');
    await c.send({ choiceId: 'paste' });
    expect(c.text(await c.say('招聘海外工作，月薪高，包吃包住'))).toContain('tidak bisa membaca teks ini');
    await c.send({ choiceId: 'paste' });
    const out = await c.say(SAUDI);
    expect(last(out).title).toBe(catalog.level('high')?.title.id);
  });

  it('recognises an official warning as a notice, not an offer', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(
      'WASPADA!! KP2MI mengimbau masyarakat tidak tergiur tawaran kerja admin online di Kamboja dengan gaji tinggi. Cek lowongan resmi di SISKOP2MI.',
    );
    expect(c.text(out)).toContain('peringatan atau pengumuman, bukan tawaran kerja');
    expect(c.text(out)).not.toContain(catalog.level('high')?.title.id ?? 'x');
  });

  it('answers a 20,000-character paste', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(`${SAUDI} `.repeat(200).slice(0, 20_000));
    expect(out[0]?.body).toContain('sangat panjang');
    expect(last(out).title).toBe(catalog.level('high')?.title.id);
  });

  it("opens the report wizard with the advert's phone numbers and company filled in", async () => {
    const c = chat(makeEngine().engine);
    await c.say(MANY_SIGNS);
    const out = await c.send({ choiceId: 'report' });
    const text = c.text(out);
    expect(text).toContain('+62 812 9876 5432');
    expect(text).toContain('PT Cahaya Makmur Sentosa');
    expect(text).toContain('Tawaran datang lewat: aplikasi chat (WhatsApp)');
    expect(last(out).title).toBe('Laporkan perekrut (1/16)');
    // The name is asked; the phone, company and "how did it reach you" steps are skipped (the advert
    // says "WA 0812…"); the review shows them.
    const next = await c.say('Pak Darto');
    expect(last(next).title).toBe('Laporkan perekrut (5/16)');
  });
});

describe('family check', () => {
  it('asks where, then the questions, and names whom to call for that country', async () => {
    const c = chat(makeEngine().engine);
    await c.say('7');
    expect(last(await c.say('Malaysia')).title).toContain('Pertanyaan 1 dari 7');
    await c.say('tidak');
    const critical = await c.say('ya'); // phone taken, no contact with family
    // A family in crisis is told to call, with the numbers, before anything else (review §1 #1).
    expect(last(critical).title).toBe('Ini tanda bahaya serius');
    expect(c.text(critical)).toContain('+62 812 9007 0027');
    expect(c.text(critical)).toContain('+60 17-668 8032');
    expect(last(critical).choices.map((x) => x.id)).toEqual(['result', 'continue', 'menu']);
    const out = await c.send({ choiceId: 'result' });
    const text = c.text(out);
    expect(out[0]?.title).toBe('Segera minta bantuan');
    expect(out[0]?.body).toMatch(
      /^Jangan tunggu\. Telepon sekarang[^\n]*\n\n- Hotline Kementerian Luar Negeri[^:]*: \+62 812 9007 0027/,
    );
    expect(out[1]?.title).toBe(catalog.level('urgent')?.title.id);
    expect(text).toContain('+60 17-668 8032');
    expect(text).toContain('+62 812 9007 0027');
    expect(text).toContain('129');
    expect(text).toContain('0800-1000');
  });

  it('says when no checked mission number exists for the country', async () => {
    const c = chat(makeEngine().engine);
    await c.say('7');
    await c.send({ choiceId: 'sg' });
    let out = await c.say('tidak');
    for (let i = 1; i < 7; i++) out = await c.say('tidak');
    expect(out[0]?.title).toBe(catalog.level('calm')?.title.id);
    expect(c.text(out)).toContain('belum ada di daftar kami');
  });
});

describe('warning signs and help contacts', () => {
  it('browses the signs by group with why and what to do instead', async () => {
    const c = chat(makeEngine().engine);
    await c.say('6');
    await c.send({ choiceId: 'money' });
    const out = await c.send({ choiceId: 'fee-zero-cost-job' });
    expect(last(out).title).toBe(title('fee-zero-cost-job'));
    expect(last(out).body).toContain('Kenapa berbahaya:');
    expect(last(out).body).toContain('Yang sebaiknya dilakukan:');
    expect(last(await c.send({ choiceId: 'next' })).title).toBe(title('wage-deduction-debt'));
  });

  it('lists help by situation, abroad by country', async () => {
    const c = chat(makeEngine().engine);
    await c.say('10');
    await c.send({ choiceId: 'abroad' });
    const out = await c.send({ choiceId: 'hk' });
    expect(last(out).body).toContain('+852 6773 0466');
    expect(last(out).body).toContain('+62 812 9007 0027');
    const village = await c.send({ choiceId: 'back' });
    expect(last(village).title).toBe('Perwakilan RI di luar negeri');
  });
});
