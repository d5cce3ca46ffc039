import { describe, expect, it } from 'vitest';
import { chat, last, makeEngine } from '../helpers/engine.js';
import { unglossed } from '../helpers/unglossed.js';

describe('job listings in chat', () => {
  it('says how old the data is and that it is example data', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('3');
    expect(last(out).title).toBe('Lowongan kerja resmi');
    // Example data says so, and claims neither that it was checked nor how old it is (review §1 #7).
    expect(last(out).body).not.toContain('Data terakhir diperiksa');
    expect(last(out).body).not.toContain('sudah diperiksa');
    expect(last(out).body).toContain('masih CONTOH');
  });

  it('searches by country, pages, and shows a listing with its agency and the official way to apply', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'jobs' });
    const countries = await c.send({ choiceId: 'country' });
    expect(last(countries).choices.map((x) => x.label)).toContain('Taiwan (5)');
    const results = await c.send({ choiceId: 'tw' });
    expect(last(results).title).toBe('Lowongan 1–5 dari 5');
    expect(last(results).choices[0]?.label).toMatch(/^\[CONTOH\] .+ — .+Taiwan · [\d.]+ TWD$/);
    const detail = await c.say('1');
    const text = c.text(detail);
    expect(text).toContain('CONTOH: ini data contoh');
    expect(text).toContain('Gaji: ');
    expect(text).toContain('Ditanggung majikan: ');
    expect(text).toMatch(/Terdaftar: PT Contoh/);
    expect(unglossed(text)).toContain('Izin SIP3MI berlaku sampai');
    expect(text).toContain('Cara melamar yang resmi');
    expect(text).toMatch(/Diperiksa \d+ Nov 2026 dari CONTOH-JO-/);
    expect(last(await c.send({ choiceId: 'back' })).title).toBe('Lowongan 1–5 dari 5');
  });

  it('shows a Javanese user the Indonesian listing, not the English one (listings have no regional text)', async () => {
    const c = chat(makeEngine().engine);
    await c.say('basa jawa');
    await c.send({ choiceId: 'jobs' });
    await c.send({ choiceId: 'country' });
    const results = await c.send({ choiceId: 'hk' });
    const labels = last(results)
      .choices.map((x) => x.label)
      .join('\n');
    expect(labels).toContain('Pekerja rumah tangga');
    expect(labels).not.toContain('Domestic helper');
    const detail = c.text(await c.say('1'));
    expect(detail).not.toMatch(/Domestic helper|Cooking and housekeeping/);
  });

  it('pages through more than five results', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'jobs' });
    await c.send({ choiceId: 'words' });
    const first = await c.say('kerja');
    expect(c.text(first)).toContain('Saya tidak menemukan kata yang bisa dicari');
    const many = await c.say('perawat');
    expect(last(many).title).toMatch(/^Lowongan 1–5 dari \d+$/);
    const more = await c.send({ choiceId: 'more' });
    expect(last(more).title).toMatch(/^Lowongan 6–/);
  });

  it('finds jobs from words typed on a list', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'jobs' });
    await c.send({ choiceId: 'country' });
    const out = await c.say('pabrik taiwan');
    expect(last(out).choices[0]?.label).toMatch(/Taiwan/);
  });

  it('refuses forged listing ids and never opens a hidden listing', async () => {
    const c = chat(makeEngine().engine);
    await c.send({ choiceId: 'jobs' });
    await c.send({ choiceId: 'country' });
    await c.send({ choiceId: 'hk' });
    expect(c.text(await c.send({ choiceId: 'contoh-lo-003' }))).toContain('Tombol itu sudah tidak berlaku');
  });
});

describe('agency check in chat', () => {
  it('answers "cek PT …" typed at the menu', async () => {
    const c = chat(makeEngine().engine);
    const licensed = await c.say('cek PT Contoh Maju Jaya');
    expect(licensed[0]?.title).toBe('Terdaftar: PT Contoh Maju Jaya');
    expect(licensed[0]?.body).toContain('Kota Administrasi Jakarta Pusat');
    expect(licensed[0]?.body).toContain('Kabupaten Indramayu');
    const impostor = await c.say('0');
    expect(impostor).toBeTruthy();
    const near = await c.say('PT Maju Jaya resmi?');
    expect(near[0]?.title).toBe('Tidak ada di daftar kami, tetapi namanya mirip');
    expect(near[0]?.body).toContain('PT Contoh Maju Jaya');
  });

  it('warns about revoked, suspended and expired licences', async () => {
    const c = chat(makeEngine().engine);
    await c.say('4');
    const revoked = await c.say('PT Contoh Anugerah Buana');
    expect(revoked[0]?.title).toBe('Hati-hati: PT Contoh Anugerah Buana');
    expect(revoked[0]?.body).toContain('DICABUT');
    await c.send({ choiceId: 'again' });
    const expired = await c.say('PT Contoh Lestari Makmur');
    expect(unglossed(expired[0]?.body ?? '')).toContain('izin SIP3MI sudah habis pada 30 Jun 2026');
  });

  it('says what to verify when a company is not found, and offers the way to report', async () => {
    const c = chat(makeEngine().engine);
    await c.say('4');
    const out = await c.say('PT Sumber Rejeki Sejahtera');
    expect(out[0]?.title).toBe('Tidak ditemukan');
    expect(c.text(out)).toContain('SISKOP2MI');
    expect(last(out).choices.map((x) => x.id)).toEqual(['again', 'report', 'numbers', 'menu']);
    expect(c.text(await c.say('cek'))).toContain('Ketik nama perusahaannya');
  });

  it('checks a phone number typed at the menu', async () => {
    const c = chat(makeEngine().engine);
    const out = await c.say('000-0000-0002');
    expect(out[0]?.title).toBe('Terdaftar: PT Contoh Sinar Abadi');
  });
});
