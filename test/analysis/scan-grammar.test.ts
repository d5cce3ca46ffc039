import { describe, expect, it } from 'vitest';
import { normalizeForScan } from '../../src/analysis/normalize.js';
import { minorBirthYearAfter } from '../../src/analysis/near.js';
import { negated, stemWord } from '../../src/analysis/phrase-index.js';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

const signsOf = (text: string): string[] => {
  const { scanner, catalog } = realContent();
  return offerVerdict(catalog, scanner.scan(text), TODAY).signs.map((s) => s.id);
};

describe('scan grammar: word forms, numbers in words, negation over lists and warnings', () => {
  it('reads suffixed and plural forms as the phrase-list word, and leaves short stems alone', () => {
    const vocabulary = new Set(['biaya', 'ragad', 'charge', 'nanny', 'calo']);
    expect(stemWord('biayane', vocabulary)).toBe('biaya');
    expect(stemWord('ragade', vocabulary)).toBe('ragad');
    expect(stemWord('charges', vocabulary)).toBe('charge');
    expect(stemWord('nannies', vocabulary)).toBe('nanny');
    expect(stemWord('calone', vocabulary)).toBe('calone');
  });

  it('folds numbers written in words into digits', () => {
    expect(normalizeForScan('umur nembelas taun')).toBe('umur 16 taun');
    expect(normalizeForScan('biaya lima belas juta')).toBe('biaya 15 juta');
    expect(normalizeForScan('dua puluh lima juta')).toBe('25 juta');
  });

  it('lets a negation reach the later items of a list that start with the same word', () => {
    const tokens = normalizeForScan('bukan visa turis atau visa kunjungan').split(' ');
    expect(negated(tokens, 4, 'visa kunjungan')).toBe(true);
    const other = normalizeForScan('tanpa pengalaman dan biaya 25 juta').split(' ');
    expect(negated(other, 3, 'biaya')).toBe(false);
  });

  it('reads what a warning says others promise as the warning, not as an offer', () => {
    const tokens = normalizeForScan('waspada calo yang menjanjikan lulus tanpa tes').split(' ');
    expect(negated(tokens, 5, 'tanpa tes')).toBe(true);
  });
});

describe('phrases with a partner word nearby, or a word that undoes them', () => {
  it.each([
    'Setibanya di Malaysia paspor wajib diserahkan ke pihak kilang untuk disimpan.',
    'Your passport will be kept by the company during the contract.',
  ])('a passport and a word for keeping it: %s', (text) => {
    expect(signsOf(text)).toContain('documents-held');
  });

  it.each([
    'Paspor wajib dipegang sendiri oleh pekerja.',
    'Syarat: serahkan fotokopi KTP dan KK ke petugas LTSA.',
    'Paspor Anda tidak akan ditahan.',
  ])('a passport the worker keeps, or copies for an office, are not held: %s', (text) => {
    expect(signsOf(text)).not.toContain('documents-held');
  });

  it('reads a visa kind written apart from "visa", unless negated', () => {
    expect(signsOf('Kerja ladang di Korea, masuk pakai visa C-3 (turis) 90 hari.')).toContain('wrong-visa');
    expect(signsOf('Wajib visa kerja, bukan visa turis atau visa kunjungan.')).not.toContain('wrong-visa');
  });

  it('does not read a hotel housekeeper in Dubai as household work', () => {
    expect(signsOf('Housekeeper hotel bintang 5 di Dubai, visa kerja, job order resmi.')).not.toContain(
      'middle-east-household',
    );
    expect(signsOf('Dibutuhke rewang kanggo kulawarga neng Dubai, langsung mangkat.')).toContain(
      'middle-east-household',
    );
  });
});

describe('birth years, reduplication, typos and places with lawful jobs', () => {
  const after = (text: string, year: number) => {
    const words = normalizeForScan(text).split(' ');
    return minorBirthYearAfter(words, 1, year);
  };

  it('reads a birth year, or the youngest of a range, of someone under 18 this year', () => {
    expect(after('kelahiran 2008-2010', 2026)).toBeGreaterThan(0);
    expect(after('lahir tahun 2009 ke atas', 2026)).toBeGreaterThan(0);
    expect(after('born in 2010', 2026)).toBeGreaterThan(0);
    expect(after('kelahiran 1995-2005', 2026)).toBe(-1);
    expect(after('lahir 2008', 2026)).toBe(-1);
    expect(after('lahir 3 anak', 2026)).toBe(-1);
  });

  it('reads reduplication written with a 2 as the word itself', () => {
    expect(stemWord('ketik2', new Set(['ketik']))).toBe('ketik');
    expect(stemWord('abc2', new Set(['ketik']))).toBe('abc2');
  });

  it('keeps the first letter for typos: a shipyard is not a loan', () => {
    expect(signsOf('Mekanik untuk galangan kapal di Surabaya')).not.toContain('recruiter-loan');
    expect(signsOf('biaya berangkat ditalangi dulu')).toContain('recruiter-loan');
  });

  it.each([
    'Perawat untuk rumah sakit swasta di Bangkok, gaji 35.000 THB per bulan, visa kerja dari rumah sakit.',
    'Restoran di Manila mencari juru masak, gaji 35.000 peso per bulan, tiket ditanggung majikan.',
  ])('a named trade in Thailand or the Philippines with pay is not the scam-compound pattern: %s', (text) => {
    expect(signsOf(text)).not.toContain('scam-compound');
  });

  it.each([
    'Kerja di Thailand gaji 20 juta per bulan, tiket gratis, langsung berangkat.',
    'Admin di Bangkok, ketik2 aja, tiket dibayarin bos.',
    'Berangkat ke Filipina bareng tim, akomodasi dan tiket ditanggung.',
    'Berangkat ke Laos, semua biaya berangkat kami tanggung.',
    'Kerja di Mae Sot sebagai koki, gaji 15 juta per bulan.',
  ])('pay, free travel or an office job there, with no other trade, or a scam town, is: %s', (text) => {
    expect(signsOf(text)).toContain('scam-compound');
  });
});

describe('flags, hotlines and who an account belongs to', () => {
  it('reads a destination flag as the country and 🆓 as free', () => {
    expect(normalizeForScan('Kerja di 🇲🇲 tiket 🆓')).toBe('kerja di myanmar tiket gratis');
  });

  it('keeps a notice a notice when its mobile number is a hotline to report to', () => {
    const { scanner } = realContent();
    const notice =
      'Satgas TPPO mengimbau: waspadai lowongan ke Kamboja "gaji 20 juta, tiket gratis", modus TPPO. Laporkan ke WA Satgas 0812-9000-1122.';
    expect(scanner.scan(notice).notice).toBe(true);
    const advert = 'Waspada penipuan! Lowongan resmi ke Kamboja gaji 20 juta, hubungi 0812-9000-1122.';
    expect(scanner.scan(advert).notice).toBe(false);
  });

  it("reads an account in a person's name as money to an individual, not a company account", () => {
    expect(signsOf('DP 5 juta ke rek BCA a.n. Suryani')).toContain('cash-to-individual');
    expect(signsOf('Biaya pelatihan ke rekening BCA a.n. PT Contoh Sinar Abadi')).not.toContain(
      'cash-to-individual',
    );
  });

  it('reads "zero … fee" as no fee', () => {
    expect(signsOf('Cleaners for offices in Abu Dhabi, zero recruitment fee.')).not.toContain(
      'fee-zero-cost-job',
    );
  });
});

describe("what an advert says of the workplace, and ages that are not the worker's", () => {
  it("does not read the age of a child to be cared for as the worker's", () => {
    expect(signsOf('Mencari nanny di Hongkong: mengasuh 2 anak usia 12 dan 15 tahun.')).not.toContain(
      'under-18',
    );
    expect(signsOf('Dicari penjaga toko di Johor, usia 16 boleh.')).toContain('under-18');
  });

  it('reads a phone taken, contact forbidden, and 20-hour days', () => {
    expect(signsOf('HP dikumpulkan selama kontrak.')).toContain('isolated');
    expect(signsOf('Tidak boleh hubungi keluarga sebulan pertama.')).toContain('isolated');
    expect(signsOf('Kerja di kapal 20 jam sehari.')).toContain('excessive-hours');
    expect(signsOf('Jam kerja 8 jam sehari, libur mingguan.')).not.toContain('excessive-hours');
  });

  it('leaves a passport held by the worker alone', () => {
    expect(signsOf('Gaji BND 600, paspor dipegang pekerja.')).not.toContain('documents-held');
  });
});

describe('costs the employer bears under the zero-cost rule', () => {
  it.each([
    'Sesuai Peraturan BP2MI tentang Pembebasan Biaya Penempatan, PRT dan ABK perikanan dibebaskan dari biaya tiket, visa, pelatihan dan jasa perusahaan.',
    'PRT ke Taiwan, biaya pelatihan ditanggung majikan, potongan gaji tidak ada.',
    'Sopir keluarga di Hongkong. Semua biaya proses sudah termasuk dan ditanggung oleh majikan.',
  ])('is no fee: %s', (text) => {
    expect(signsOf(text)).not.toContain('fee-zero-cost-job');
  });

  it('still reads a fee beside another item the employer pays', () => {
    expect(signsOf('PRT Hongkong, biaya proses 15 juta, tiket ditanggung majikan.')).toContain(
      'fee-zero-cost-job',
    );
  });
});

describe('companies, contracts, wages and passports said to be unneeded or later', () => {
  it.each([
    ['Kerja pabrik Malaysia, tidak usah pakai PT.', 'individual-recruiter'],
    ['Restoran di Malaysia, tidak usah kontrak.', 'no-agreements'],
    ['Contract will be given after arrival.', 'no-agreements'],
    ['Gaji ditahan agen sampai kontrak habis.', 'wages-withheld'],
    ['Pay RM 300 to me for the calling visa.', 'cash-to-individual'],
    ['Berangkat naik bis ke Kuching, paspor urus belakangan.', 'irregular-crossing'],
    ['Pabrik Malaysia, gak usah daftar Disnaker.', 'skips-official-steps'],
  ])('%s', (text, sign) => {
    expect(signsOf(text)).toContain(sign);
  });

  it('leaves a contract length or an extension abroad alone', () => {
    expect(signsOf('Kontrak kerja di sana 3 tahun.')).not.toContain('no-agreements');
    expect(signsOf('Kontrak 2 tahun, bisa diperpanjang di sana.')).not.toContain('no-agreements');
  });
});
