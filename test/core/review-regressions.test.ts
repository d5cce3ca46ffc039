import { describe, expect, it } from 'vitest';
import { chat, last, makeEngine, realContent } from '../helpers/engine.js';

describe('answers are read as meant', () => {
  it('does not read "saya belum punya" or "ktp saya hilang" as yes', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    await c.say('25');
    await c.send({ choiceId: 'tw' });
    await c.send({ choiceId: 'household' });
    for (const text of ['ktp saya hilang', 'saya sedang urus']) {
      expect(c.text(await c.say(text))).toContain('Silakan jawab ya atau tidak');
    }
    expect(last(await c.say('belum punya')).title).toBe('Dokumen (2/5)');
  });

  it('does not read "I dont know" as no in the English offer check', async () => {
    const c = chat(makeEngine().engine);
    await c.say('language');
    await c.say('6');
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    const out = await c.say('I dont know');
    expect(c.text(out)).toContain('Answer yes or no');
    expect(last(out).title).toContain('Question 1 of');
  });
});

describe('free text at the menu', () => {
  it('scans an offer that starts with a company name instead of looking the company up', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say(
      'PT Maju Jaya buka lowongan ke Taiwan, daftar lewat sponsor, biaya proses 5 juta',
    );
    expect(last(out).title).toBe(realContent().catalog.level('high')?.title.id);
  });

  it('scans a long forwarded offer even when it contains a menu label', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('LOWONGAN KERJA RESMI ke Malaysia! hubungi sponsor, paspor dititipkan dulu ya');
    expect(out[0]?.title).toBe(realContent().catalog.level('high')?.title.id);
  });

  it('answers greetings and thanks with the menu', async () => {
    const c = chat(makeEngine().engine);
    expect(c.text(await c.say('halo'))).toContain('Halo! Silakan pilih dari menu');
    const thanks = await c.say('terima kasih');
    expect(c.text(thanks)).toContain('Sama-sama');
    expect(last(thanks).title).toBe('Menu utama');
  });

  it('opens a deep link to the country notes', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.send({ start: true, text: 'negara' });
    expect(last(out).title).toBe('Info negara tujuan');
  });

  it('lists pay as the promised salary, not fees', () => {
    const r = realContent().scanner.scan('Gaji 8jt per bulan. Biaya proses 5 juta, DP 1jt dulu.');
    expect(r.salaries).toEqual(['8jt']);
  });
});

describe('checks keep and drop their progress as promised', () => {
  it('keeps the progress when the user leaves the "continue?" screen', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    await c.say('tidak');
    await c.say('0');
    await c.send({ choiceId: 'offer' });
    expect(c.text(await c.send({ choiceId: 'questions' }))).toContain('Anda sudah menjawab 1 dari');
    await c.say('0');
    await c.send({ choiceId: 'offer' });
    expect(c.text(await c.send({ choiceId: 'questions' }))).toContain('Anda sudah menjawab 1 dari');
  });

  it('forgets the progress on "batal"', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'offer' });
    await c.send({ choiceId: 'questions' });
    await c.say('tidak');
    await c.say('batal');
    await c.send({ choiceId: 'offer' });
    expect(last(await c.send({ choiceId: 'questions' })).title).toContain('Pertanyaan 1 dari');
  });

  it('does not keep the age and documents after the eligibility result', async () => {
    const { engine, store } = makeEngine();
    const c = chat(engine);
    await c.say('2');
    await c.say('27');
    await c.send({ choiceId: 'tw' });
    await c.send({ choiceId: 'factory' });
    await c.say('tidak');
    for (let i = 0; i < 5; i++) await c.say('ya');
    const data = (await store.load('console:test')).decoded.session.data;
    expect(data).toEqual({ r: 'scheme-p2p', d: 'tw', x: 'next-register' });
  });
});

describe('facts', () => {
  it('does not call household work in the Middle East a zero-cost job to register for', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    await c.say('30');
    await c.send({ choiceId: 'me' });
    await c.send({ choiceId: 'household' });
    let out = await c.say('ya');
    for (let i = 1; i < 5; i++) out = await c.say('ya');
    const zeroCost = realContent().catalog.verdict('zero-cost')?.text.id ?? '';
    expect(c.text(out)).not.toContain(zeroCost.slice(0, 40));
    expect(last(out).choices.map((x) => x.id)).toEqual(['country', 'again', 'menu']);
  });

  it('does not show care-home work as free of placement costs', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'jobs' });
    await c.send({ choiceId: 'country' });
    await c.send({ choiceId: 'jp' });
    const detail = await c.send({ choiceId: 'contoh-lo-015' });
    expect(c.text(detail)).not.toContain('bebas biaya penempatan');
  });
});
