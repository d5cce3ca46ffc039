import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractHotlines, extractPhones } from '../../src/analysis/extract.js';
import { normalizeForScan } from '../../src/analysis/normalize.js';
import { createOfferScanner } from '../../src/analysis/offer-scanner.js';
import { negated } from '../../src/analysis/phrase-index.js';
import { scanFileSchema, signsFileSchema } from '../../src/content/warnings-schema.js';
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
const weightOf = (text: string, sign: string): number | undefined =>
  realContent()
    .scanner.scan(text)
    .findings.find((f) => f.signId === sign)?.weight;

describe('scan grammar: hashtags, lists, Javanese and Sundanese warnings, typos', () => {
  it('reads the words of a hashtag apart', () => {
    expect(normalizeForScan('#waspadaTPPO #KerjaDiJepang')).toBe('waspada tppo kerja di jepang');
  });

  it('lets a negation reach the other one-word items of the same list', () => {
    const tokens = normalizeForScan('laporkan calo atau sponsor').split(' ');
    const brokerWords = (w: string) => ['calo', 'sponsor', 'pl'].includes(w);
    expect(negated(tokens, 3, 'sponsor', brokerWords)).toBe(true);
    expect(negated(tokens, 3, 'sponsor')).toBe(false);
    expect(check('Disnaker: laporkan calo atau sponsor yang meminta uang.').signs).not.toContain(
      'individual-recruiter',
    );
    expect(check('Hubungi calo atau sponsor kami di desa.').signs).toContain('individual-recruiter');
  });

  it('reads Javanese "ati-ati … sing janji" as a warning and "mboten lumantar" as a negation', () => {
    expect(check('Ati-ati karo calo sing janji mangkat neng Korea tanpa tes.').signs).toEqual([]);
    expect(check('Ndaftar wonten Disnaker, mboten lumantar sponsor.').signs).not.toContain(
      'individual-recruiter',
    );
    expect(check('Ndaftar lumantar sponsor wae.').signs).toContain('individual-recruiter');
  });

  it('matches English phrases as written: "contact" is not "contract"', () => {
    expect(check('Factory job in Poland, contact us on WhatsApp.').signs).not.toContain('no-agreements');
  });

  it('needs a longer place name for a typo: Kendal (Central Java) is not Kandal (Cambodia)', () => {
    expect(realContent().scanner.scan('LPK kami di Kab. Kendal').countries).toEqual([]);
    expect(realContent().scanner.scan('kerja di kamboya').countries).toEqual(['kh']);
  });

  it('reads "yuto" as juta', () => {
    expect(normalizeForScan('ongkose 7 yuto')).toBe('ongkose 7 juta');
  });
});

describe('signs written in more ways', () => {
  it.each([
    'Lek arep melu kerjo neng Malaysia ojo kondo pak RT karo pak Kades.',
    'Ulah bebeja ka kulawarga heula nya.',
    'Tidak usah bilang ke orang tua, nanti saja kalau sudah sampai.',
  ])('telling the family or the village said to be unneeded: %s', (text) => {
    expect(check(text).signs).toContain('keep-secret');
  });

  it('leaves advice to tell the family alone', () => {
    expect(check('Sebelum berangkat, pamit dan bilang ke keluarga.').signs).not.toContain('keep-secret');
  });

  it.each(['Bayar 3 juta langsung dapat kontrak via WA.', 'Contract sent by WhatsApp after you pay.'])(
    'a contract over chat is not a contract signed before an official: %s',
    (text) => {
      expect(check(text).signs).toContain('no-agreements');
    },
  );

  it('leaves a contract signed at Disnaker alone', () => {
    expect(check('Kontrak ditandatangani di Disnaker, info lewat WA kantor.').signs).not.toContain(
      'no-agreements',
    );
  });

  it.each([
    'Kerjo neng Malaysia ora usah paspor, sing penting wani.',
    'Ka Sabah teu kedah paspor.',
    'Work in Malaysia, no need for a passport.',
  ])('a passport said to be unneeded is the irregular crossing: %s', (text) => {
    expect(check(text).signs).toContain('irregular-crossing');
  });

  it.each([
    'Tidak perlu bayar paspor, ditanggung majikan.',
    'Belum punya paspor? Kami bantu urus di imigrasi.',
  ])('a passport fee said to be free, or a passport not yet made, is not: %s', (text) => {
    expect(check(text).signs).not.toContain('irregular-crossing');
  });

  it('calls a crossing point with a boat at night critical, each alone serious', () => {
    expect(weightOf('Kumpul di Batam, terus naik kapal malam ke Johor.', 'irregular-crossing')).toBe(3);
    expect(check('Kumpul di Batam, terus naik kapal malam ke Johor.').level).toBe('high');
    expect(weightOf('Kumpul di Batam dulu.', 'irregular-crossing')).toBe(2);
  });

  it('reads "uang adm" and "tinggal transfer" as money asked', () => {
    const r = check('Pendaftaran PRT Hong Kong. Uang adm Rp 2.500.000, tidak dapat dikembalikan.');
    expect(r.signs).toContain('fee-zero-cost-job');
    expect(r.level).toBe('high');
    expect(check('Kerja pabrik Malaysia, job pasti ada, tinggal transfer.').signs).toContain(
      'fee-check-costs',
    );
  });

  it('knows the big cities of the scam-compound countries', () => {
    const r = check('Hostess for a KTV in Yangon, USD 1,500 + tips, free housing.');
    expect(r.signs).toContain('scam-compound');
    expect(r.level).toBe('high');
  });

  it('reads a stated 2-6 months as the usual time, not a rush; one month or next month is', () => {
    expect(check('Pabrik Malaysia, proses cepat 2-3 bulan.').signs).not.toContain('rushed-process');
    expect(check('Pabrik Malaysia, proses cepat 1 bulan.').signs).toContain('rushed-process');
    expect(check('Pabrik Malaysia, langsung terbang bulan depan.').signs).toContain('rushed-process');
  });

  it('does not take a course that prepares for EPS-TOPIK as the G to G route, nor exempt its fee', () => {
    const course = check('Kursus persiapan EPS-TOPIK 3 bulan, biaya Rp 4.000.000.');
    expect(course.positive).toEqual([]);
    expect(course.signs).toContain('fee-check-costs');
    expect(course.level).toBe('verify');
    expect(check('Pendaftaran ujian EPS-TOPIK Korea dibuka.').positive).toContain('eps topik');
  });

  it("reads the government's internship programme as a known route", () => {
    expect(
      check('Program pemagangan ke Jepang kerja sama Kemnaker dan IM Japan, seleksi di Disnaker.').signs,
    ).not.toContain('unverified-internship');
    expect(check('Program magang ke Jepang, langsung kerja.').signs).toContain('unverified-internship');
  });
});

describe('more wordings of money, occupations and minors', () => {
  it.each([
    ['Kerja di Malaysia gak usah pake PT, langsung sama majikan.', 'individual-recruiter'],
    ['Kerja pabrik Malaysia, biaya 5 juta ke aku.', 'cash-to-individual'],
    ['Kerja ngurus simbah neng Taiwan, mbayar 20 juta disik.', 'fee-zero-cost-job'],
    ['Job in a Japanese factory, just pay 35 million for everything.', 'fee-check-costs'],
  ])('%s', (text, sign) => {
    expect(check(text).signs).toContain(sign);
  });

  it.each([
    'Pelamar usia 17 tahun ke bawah tidak diterima. Usia minimal 18 tahun.',
    'Calon pekerja di bawah 18 tahun dilarang mendaftar.',
    'Applicants under 18 will be rejected.',
  ])('an age ruled out is the law applied, not a minor recruited: %s', (text) => {
    expect(check(text).signs).not.toContain('under-18');
  });

  it('still reads an age below 18 that is welcome', () => {
    expect(check('Dicari pelayan, usia 16 boleh, langsung kerja.').signs).toContain('under-18');
  });

  it('reads the EPS-TOPIK test fee as no recruiter fee, even for fishing crew (facts S-21, S-22)', () => {
    const r = check(
      'Lowongan ABK kapal ikan ke Korea lewat G to G EPS. Daftar di SISKOP2MI, biaya ujian EPS-TOPIK US$28.',
    );
    expect(r.signs).toEqual([]);
    expect(r.level).toBe('procedural');
  });
});

describe('lawful adverts and warnings are not high; a scam that claims a licence still is', () => {
  it.each([
    'PT Sinar Harapan Abadi (P3MI, SIP3MI) membuka lowongan operator pabrik di Taiwan. Job order dari pabrik elektronik di Kaohsiung. Pendaftaran di Disnaker. Gaji NT$ 28.000/bulan.',
    'Dicari pengasuh lansia untuk Taiwan. Tidak dipungut biaya penempatan. Tiket, visa dan medical ditanggung majikan. Daftar di Disnaker.',
    'Lowongan operator pabrik Malaysia, gaji RM 1.800. Biaya yang dibayar calon PMI: paspor Rp 350.000, medical Rp 800.000, BPJS Ketenagakerjaan Rp 370.000. Tiket dan visa ditanggung majikan.',
    'Pengumuman Program G to G Jepang (perawat dan careworker) dibuka di SISKOP2MI. Verifikasi dokumen di BP3MI. Tanpa biaya.',
    'Dibutuhkan PRT untuk Singapura, berangkat cepat (±3 bulan), gaji SGD 700. Tidak dipungut biaya apa pun. Pendaftaran lewat Disnaker.',
  ])('a lawful advert: %s', (text) => {
    expect(check(text).level).not.toBe('high');
  });

  it.each([
    'Waspada lowongan Kamboja! Gaji 15 juta, kerja admin, tiket gratis itu modus TPPO. Laporkan ke 0800-1000.',
    'HATI-HATI! Kerja ke Korea hanya lewat G to G. Tidak ada jalur khusus, orang dalam atau garansi lulus. Kalau ada yang minta uang, itu penipuan.',
    'Ditawari kerja di Myanmar gaji 20jt, tiket gratis? Stop dulu! Tanya BP3MI. #waspadaTPPO',
    'Ati-ati lowongan neng Kamboja gaji gedhe, iku modus TPPO. Laporke neng BP3MI.',
    'Kade ku calo nu ngajak damel ka Kamboja, éta modus TPPO.',
    'Pemdes ngelingke: menawa ana sing nawani kerja neng luar negeri ora liwat Disnaker, lapurke menyang desa.',
    'Hati-hati lowongan kerja di Kamboja! Kerja admin gaji 15 juta, tiket gratis, itu jebakan. Lapor ke 0800-1000.',
    'Kenali tanda-tanda calo: minta uang muka, janji berangkat cepat, tanpa pelatihan.',
    'Red flags of illegal recruitment: you pay a fee to a person, your passport is kept, you travel on a tourist visa.',
    'KBRI memulangkan 20 WNI korban online scam. Mereka dijanjikan gaji 15 juta dan tiket gratis sebagai admin.',
    'BP3MI menerima pengaduan warga yang diberangkatkan ke Arab Saudi dengan visa ziarah.',
  ])('a warning or the news of a case that quotes scam words is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });

  it.each([
    'PT resmi berizin! Kerja admin di Kamboja gaji 15 juta, tiket gratis, hubungi WA 0812-3456-7890.',
    'Agen resmi ber-SIP3MI. PRT Hongkong, biaya proses 15 juta, bisa potong gaji. WA 0813-1111-2222.',
    'Hati-hati penipuan, kami resmi. Itu penipuan kalau bukan lewat kami: PRT Taiwan biaya 20 juta, WA 0812-3456-7890.',
  ])('a scam that claims to be licensed or warns of others: %s', (text) => {
    expect(check(text).level).toBe('high');
  });
});

describe('phone numbers and the clock of an advert', () => {
  it('reads a list of numbers as several numbers and a sum of money as none', () => {
    expect(extractPhones('hub 0812-3456-7890, 0813 1111 2222 ext. 5')).toEqual([
      '+62 812 3456 7890',
      '+62 813 1111 2222',
    ]);
    expect(extractPhones('Uang adm Rp 2.500.000 (tidak dapat dikembalikan)')).toEqual([]);
    expect(extractPhones('Biaya 25.000.000, WA 0812 3456 7890')).toEqual(['+62 812 3456 7890']);
    expect(extractHotlines('Laporkan ke WA Satgas 0812-1111-2222, bukan ke 0813 3333 4444')).toEqual([
      '+62 812 1111 2222',
    ]);
  });

  it("reads birth years against the bot's clock, not the machine's", () => {
    const scan = scanFileSchema.parse(parse(readFileSync('content/warnings/scan.yaml', 'utf8')));
    const { signs } = signsFileSchema.parse(parse(readFileSync('content/warnings/signs.yaml', 'utf8')));
    const minorIn = (year: number) =>
      createOfferScanner(scan, signs, () => new Date(`${year}-06-01T00:00:00Z`))
        .scan('Dicari pelayan restoran, kelahiran 2010.')
        .findings.some((f) => f.signId === 'under-18');
    expect(minorIn(2026)).toBe(true);
    expect(minorIn(2030)).toBe(false);
    // The catalog's scanner reads them as of the date the content was loaded for (the tests' TODAY, 2026).
    expect(check('Dicari pelayan restoran, kelahiran 2009.').signs).toContain('under-18');
    expect(check('Dicari pelayan restoran, kelahiran 2008.').signs).not.toContain('under-18');
  });
});

describe('news of a case, promises about payment, deductions in instalments, ordinary words', () => {
  it.each([
    'Polisi menggagalkan keberangkatan 12 calon PMI ke Malaysia. Para korban mengaku membayar Rp 8 juta kepada perekrut.',
    'Lima tersangka dijerat UU TPPO. Korban dijanjikan gaji 10 juta dan membayar Rp 5 juta per orang.',
    'Press release: 20 workers were deported from Malaysia after paying brokers Rp 6 million each to cross by boat.',
  ])('news that names what victims paid is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });

  it('keeps news words with an invitation to apply or a mobile number an advert', () => {
    expect(
      check('Bukan tersangka, kami resmi! PRT Taiwan biaya 20 juta, minat hubungi kami di Telegram.').level,
    ).toBe('high');
    expect(check('Para korban calo, daftar lagi lewat saya. Biaya 15 juta, WA 0812-3456-7890.').level).toBe(
      'high',
    );
  });

  it('reads a flyer that quotes what brokers say as a warning', () => {
    expect(
      check(
        'Bujukan calo: "gaji 25 juta tanpa pengalaman", "paspor saya yang pegang". Jangan berangkat, lapor desa.',
      ).level,
    ).toBe('notice');
  });

  it('reads a promise never to take money into a personal account as no demand', () => {
    expect(
      check('We never ask for payment to a personal account. Interviews at our office.').signs,
    ).not.toContain('cash-to-individual');
    expect(check('Kami tidak menerima transfer ke rekening pribadi.').signs).not.toContain(
      'cash-to-individual',
    );
    expect(check('Biaya 10 juta, transfer ke rekening pribadi saya.').signs).toContain('cash-to-individual');
    expect(check('Cicilan ditransfer ke rekening pengurus.').signs).toContain('cash-to-individual');
  });

  it('reads a debt paid back in instalments from pay as a deduction, a fee for a zero-cost job', () => {
    expect(check('Semua biaya dipinjami majikan, nanti nyicil dari gaji sampai lunas.').signs).toContain(
      'wage-deduction-debt',
    );
    expect(check('Jaga jompo di Taiwan, gratis di awal, biaya dicicil dari gaji tiap bulan.').level).toBe(
      'high',
    );
  });

  it('does not read "Mandala" in a company name as the town of Mandalay', () => {
    expect(
      check('PT Sinar Mandala Karya membuka lowongan operator pabrik, tiket ditanggung.').signs,
    ).not.toContain('scam-compound');
    expect(check('Lowongan operator di Mandalay, tiket ditanggung.').signs).toContain('scam-compound');
  });
});
