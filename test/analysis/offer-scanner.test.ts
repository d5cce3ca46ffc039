import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scanFileSchema } from '../../src/content/warnings-schema.js';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

/** The signs the real scanner finds in a text, and what the bot calls it. */
function check(text: string): { signs: string[]; level: string; positive: readonly string[] } {
  const { scanner, catalog } = realContent();
  const scan = scanner.scan(text);
  const v = offerVerdict(catalog, scan, TODAY);
  return {
    signs: v.signs.map((s) => s.id),
    level: scan.notice ? 'notice' : v.level,
    positive: scan.positive,
  };
}

describe('fees: amounts, occupations and who gets paid, read together', () => {
  it.each([
    'Dibutuhkan PRT ke Hongkong, gaji HK$ 4.990. Biaya 25 juta, bisa dicicil.',
    'Lowongan pengasuh lansia Taiwan, bayar 15 juta sudah termasuk tiket.',
    'Dicari ABK kapal ikan tujuan Korea, biayanya 35 juta all in.',
    'Caregiver for elderly in Singapore, agency fee 20 million rupiah before departure.',
    'Sing arep dadi rewang neng Hongkong, biayane 20 juta, iso dicicil.',
    'Dipilarian pangasuh budak ka Singapura, biayana 18 juta.',
    'Maid for Singapore, fee $500 before you fly.',
  ])('a fee for a zero-cost occupation is high, citing the rule: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('fee-zero-cost-job');
    expect(r.signs).not.toContain('cash-to-individual');
    expect(r.level).toBe('high');
  });

  it('cites Perban BP2MI 9/2020 in the reason and L-41/L-42 in the facts', () => {
    const sign = realContent().catalog.sign('fee-zero-cost-job');
    expect(sign?.scan_title?.id).toContain('9/2020');
    expect(sign?.facts).toEqual(expect.arrayContaining(['L-41', 'L-42']));
  });

  it.each([
    ['Lowongan pabrik Taiwan, biaya Rp 25.000.000, hub kantor', 'fee-check-costs'],
    ['Lowongan TKW pabrik elektronik Malaysia, biaya medical 1,5 juta', 'fee-check-costs'],
    ['Dibutuhkan ABK kapal niaga (cargo), biaya sertifikat BST 3 juta', 'fee-check-costs'],
  ])('a fee for another job is checked against the cost structure (L-43, L-44): %s', (text, sign) => {
    const r = check(text);
    expect(r.signs).toEqual([sign]);
    expect(r.level).toBe('verify');
    expect(realContent().catalog.sign(sign)?.facts).toEqual(expect.arrayContaining(['L-43', 'L-44']));
  });

  it('calls money to a person or a personal account what it is', () => {
    expect(check('Pabrik Taiwan, biaya 30 juta transfer ke rekening saya').signs).toContain(
      'cash-to-individual',
    );
    expect(check('Pabrik Taiwan, biaya 30 juta').signs).not.toContain('cash-to-individual');
  });

  it.each([
    'Kerja pabrik Malaysia, gaji 8 juta per bulan, biaya ditanggung majikan',
    'Kerja pabrik Taiwan, tanpa potong gaji, tidak dipungut biaya',
    'PRT Hongkong, biaya penempatan Rp 0, gaji 8.000.000 per bulan',
    'Lowongan ART Hongkong, gaji 8 juta per bulan, tidak ada potongan gaji, bebas biaya',
  ])('reads no fee where there is none: %s', (text) => {
    const r = check(text);
    expect(r.signs).not.toContain('fee-zero-cost-job');
    expect(r.signs).not.toContain('fee-check-costs');
    expect(r.signs).not.toContain('wage-deduction-debt');
  });

  it('does not treat "tkw" or a bare "abk" as a zero-cost occupation', () => {
    expect(check('Lowongan TKW Taiwan pabrik, biaya 20 juta').signs).not.toContain('fee-zero-cost-job');
    expect(check('ABK kapal tanker, biaya 20 juta').signs).not.toContain('fee-zero-cost-job');
    expect(check('ABK kapal ikan, biaya 20 juta').signs).toContain('fee-zero-cost-job');
  });

  it.each([
    'Kerja kebun sawit di Sabah, berangkat gratis, nanti potong gaji 7 bulan.',
    'Loker PRT Taiwan, sistem talangan, dipotong gaji 9 bulan.',
    'Biaya berangkat ditalangi dulu sama agen, nanti potong gaji 8 bulan.',
  ])('reads deductions from pay for the costs as debt bondage: %s', (text) => {
    const r = check(text);
    expect(r.signs.some((s) => s === 'wage-deduction-debt' || s === 'fee-zero-cost-job')).toBe(true);
    expect(r.level).toBe('high');
  });

  it('gives a visa deposit its own reason', () => {
    const r = check('Lowongan hotel di Turki. Wajib bayar uang jaminan visa 5 juta.');
    expect(r.signs).toContain('visa-deposit');
    expect(r.signs).not.toContain('fee-check-costs');
    expect(r.level).toBe('high');
  });
});

describe('scam compounds, minors, visas and routes', () => {
  it.each([
    'Dibutuhkan staf admin di Sihanoukville, gaji 15 juta, tiket pesawat dan mess gratis',
    'Kerja di Mae Sot gaji 12 juta, tiket dan mess gratis',
    'Hiring typists in Poipet, Cambodia. USD 1,200 per month, free flight, free housing.',
  ])('calls the scam-compound pattern high without saying "online": %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('scam-compound');
    expect(r.level).toBe('high');
    const title = realContent().catalog.sign('scam-compound')?.title;
    expect(`${title?.id} ${title?.en}`.toLowerCase()).not.toContain('online');
  });

  it.each([
    ['Dicari karyawati restoran Malaysia, usia 16-25 tahun', true],
    ['Factory workers for Malaysia, age 17 to 30', true],
    ['Lowongan pabrik Korea, syarat umur min 17 th', true],
    ['Dipilarian budak awewe umur 16 taun', true],
    ['Operator pabrik, usia 18-35 tahun, pengalaman 2 tahun', false],
    ['Kontrak 3 tahun, 16 jam seminggu lembur', false],
  ] as const)('reads an age below 18: %s', (text, minor) => {
    expect(check(text).signs.includes('under-18')).toBe(minor);
  });

  it.each([
    'Kerja di Dubai pakai visa kunjungan 3 bulan, visa kerja diurus di sana',
    'Berangkat umroh dulu, sampai Saudi langsung kerja',
    'Kerja Malaysia lewat Tanjung Pinang pakai paspor pelancong',
    'Work in Poland: enter on a tourist visa, work visa processed there after arrival',
    'Budhal umroh disik, tekan Arab langsung kerja',
    'Angkat umroh heula, di ditu langsung damel',
  ])('reads a non-work visa: %s', (text) => {
    expect(check(text).signs).toContain('wrong-visa');
  });

  it.each([
    'Naik speedboat dari Batam malam hari ke Johor',
    'Masuk lewat Entikong, kerja dulu tanpa permit kerja',
    'lewat jalur tikus dari Nunukan',
  ])('reads an irregular route: %s', (text) => {
    expect(check(text).signs).toContain('irregular-crossing');
  });

  it('reads Korea outside EPS and an internship without an LPK', () => {
    expect(check('Kerja Korea tanpa tes bahasa, dijamin lulus').signs).toContain('korea-outside-eps');
    expect(check('Damel di Korea teu kedah tes basa, pasti lulus').signs).toContain('korea-outside-eps');
    expect(check('Program G to G Korea: wajib lulus ujian EPS-TOPIK').signs).not.toContain(
      'korea-outside-eps',
    );
    expect(check('Magang ke Jepang tanpa LPK, langsung berangkat').level).toBe('high');
    expect(check('Magang neng Jepang ora perlu LPK').signs).toContain('unverified-internship');
  });
});

describe('labels and levels', () => {
  it('never reads a statement about the user from an advert ("proses cepat")', () => {
    const r = check('Lowongan pabrik Malaysia, proses cepat, langsung berangkat');
    expect(r.signs).toEqual(['rushed-process']);
    expect(r.signs).not.toContain('not-registered');
  });

  it('gives every sign it can show a neutral title about the advert, never about the user', () => {
    const { catalog } = realContent();
    const scan = scanFileSchema.parse(parse(readFileSync('content/warnings/scan.yaml', 'utf8')));
    const shown = new Set([
      ...scan.rules.flatMap((r) => r.sign ?? []),
      ...scan.combos.flatMap((c) => c.sign ?? []),
    ]);
    expect(shown.has('not-registered')).toBe(false);
    for (const id of shown) {
      const sign = catalog.sign(id);
      const title = sign?.scan_title ?? sign?.title;
      expect(`${title?.id} ${title?.en}`, id).not.toMatch(/\bAnda\b|\byou\b|\bYou\b|\bYour\b/);
    }
  });

  it('calls "looks procedural" only with positive evidence', () => {
    expect(check('Lowongan pabrik Taiwan, gaji 25 juta per bulan').level).toBe('unconfirmed');
    expect(check('Pabrik Taiwan, daftar lewat SISKOP2MI, ada job order').level).toBe('procedural');
    expect(check('PT Contoh Maju Jaya membuka lowongan pabrik Taiwan').level).toBe('procedural');
    expect(check('Pabrik Taiwan tanpa job order, langsung kerja').level).not.toBe('procedural');
    expect(check('Pabrik Taiwan, proses cepat').level).toBe('verify');
  });

  it("keeps an advert that borrows a warning's words an advert", () => {
    expect(check('Hati hati penipuan! Loker PRT Hongkong biaya 20 juta, WA 0812 3456 7890').level).toBe(
      'high',
    );
    expect(check('KP2MI mengimbau masyarakat tidak tergiur kerja online di Kamboja.').level).toBe('notice');
  });

  it('answers a 20,000-character paste', () => {
    const r = check('Admin CS Kamboja gaji 15jt tiket gratis. '.repeat(600).slice(0, 20_000));
    expect(r.signs).toContain('scam-compound');
  });
});

describe('companies alone', () => {
  it.each([
    'Saya sudah bayar 30jt ke PT Maju Jaya lewat sponsor',
    'cek PT. Sinar Abadi Sejahtera resmi ga',
    'lapor calo dari cv harapan bangsa dan Pt Mitra Kerja di desa',
    'mau lapor calo di desa saya',
    `${'x '.repeat(10_000)} PT Terlalu Jauh`,
  ])('names the companies the whole scan names: %s', (text) => {
    const { scanner } = realContent();
    expect(scanner.companies(text)).toEqual(scanner.scan(text).companies);
  });

  it('names a company, and none in a text without one', () => {
    const { scanner } = realContent();
    expect(scanner.companies('cek PT Maju Jaya resmi ga')).toEqual(['PT Maju Jaya']);
    expect(scanner.companies('mau lapor calo di desa saya')).toEqual([]);
  });
});
