import { describe, expect, it } from 'vitest';
import { normalizeForScan } from '../../src/analysis/normalize.js';
import { negated } from '../../src/analysis/phrase-index.js';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

/**
 * Offer-checker rules for the kinds of advert and notice of the fourth writer's development part, each tried on
 * wordings of our own (never the corpus sentences): lists of denied fees, someone else's "if", returnee stories,
 * fees under other names, deductions by the agent, the writer's own account, a visa after arrival, the border post
 * avoided, the Middle-East countries of the moratorium, ages changed and minors in Javanese and Sundanese, pay
 * below the contract, a cover story for the family, an office address only after payment.
 */
function check(text: string): { signs: string[]; level: string } {
  const { scanner, catalog } = realContent();
  const scan = scanner.scan(text);
  const v = offerVerdict(catalog, scan, TODAY);
  return { signs: v.signs.map((s) => s.id), level: scan.notice ? 'notice' : v.level };
}

describe('a negation reaches every item of a list', () => {
  it('reaches a middle item after a phrase of the same list, and the end of a longer phrase', () => {
    const tokens = normalizeForScan('kami tidak memungut uang jaminan dp atau uang kunci').split(' ');
    const fees = (w: string) => ['uang jaminan', 'dp', 'uang kunci', 'kunci'].includes(w);
    expect(negated(tokens, 5, 'dp', fees)).toBe(true);
    expect(negated(tokens, 8, 'kunci', fees)).toBe(true);
    expect(negated(tokens, 5, 'dp')).toBe(false);
  });

  it.each([
    'Kami tidak memungut biaya pendaftaran, uang seragam, atau uang kunci. PRT Taiwan lewat PT resmi, daftar di Disnaker.',
    'Perusahaan tidak meminta DP, uang jaminan maupun uang booking. Caregiver Hong Kong, terdaftar di SISKOP2MI.',
    'We do not charge a booking fee, a deposit or any placement fee to domestic helpers.',
    'PT kami tidak menarik uang pendaftaran, DP, atau biaya jasa dari pengasuh lansia.',
  ])('fees denied in a list are no fee: %s', (text) => {
    expect(check(text).signs).not.toContain('fee-zero-cost-job');
    expect(check(text).level).not.toBe('high');
  });

  it.each([
    'GRATIS tanpa biaya proses, DP 2 juta saja. PRT Hongkong.',
    'No deposit, but a booking fee of RM 1,500 for the plantation job.',
    'Tidak ada biaya pendaftaran, cukup uang kunci 3 juta. Jaga lansia Taiwan.',
  ])('a fee after a denied one is still a fee: %s', (text) => {
    expect(check(text).level).toBe('high');
  });
});

describe('warnings that quote or deny scam words', () => {
  it.each([
    'Jika ada pihak yang meminta uang jaminan visa, laporkan ke BP3MI.',
    'If anyone offers you a job in Cambodia with free tickets and high pay, it is a scam. Report it to BP3MI.',
    'Nek ana sing nawani kerja neng Malaysia lewat jalur tikus, ojo gelem. Lapurke neng desa.',
    'Upami aya nu nawiskeun damel ka Arab janten PRT, ulah percanten. Wartosan ka desa.',
    'Kalau ada yang menjanjikan visa kerja diurus setelah sampai, itu penipuan. Tanya Disnaker.',
  ])('someone else\'s "if" is a warning: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });

  it.each([
    'Kalau ada yang tanya, bilang aja liburan ke Malaysia.',
    'If anyone asks, say you are on holiday. Factory job in Malaysia.',
    'Kalau ada yang minat, saya janji berangkat tanpa tes. Pabrik Korea.',
  ])('coaching or a recruiter\'s own "if" is no warning: %s', (text) => {
    const r = check(text);
    expect(r.level).not.toBe('notice');
    expect(r.signs.length).toBeGreaterThan(0);
  });

  it.each([
    'Hindari tawaran kerja ke luar negeri tanpa kontrak dan tanpa visa kerja. Tanyakan ke Disnaker.',
    'Jangan mau bayar uang jaminan ke sponsor. Penempatan PRT tidak dipungut biaya.',
    'Jangan mau disuruh mengaku wisata di imigrasi. Daftar kerja lewat Disnaker.',
    'Penempatan PRT ke Lebanon dan Mesir masih dilarang. Laporkan sponsor yang menawarkan.',
    'Ada yang bilang "bisa berangkat tanpa medical, visa turis dulu"? Itu non-prosedural. Tanya BP3MI.',
    'Layanan pengaduan: pihak yang menahan paspor atau memotong gaji bisa dilaporkan ke BP3MI.',
  ])('a warning in other words is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });

  it.each([
    'Jangan ragu, kami menawarkan kerja di Malaysia tanpa paspor, biaya 3 juta. WA 0812-1111-2222',
    'Jangan lewatkan tawaran ini: kerja admin di Kamboja tanpa pengalaman, gaji 15 juta.',
    'Jangan khawatir, kami menawarkan visa turis dulu, kerja restoran di Jepang.',
  ])('"jangan ragu / lewatkan / khawatir" urges the reader on, it warns of nothing: %s', (text) => {
    expect(check(text).level).toBe('high');
  });

  it.each([
    'Pesan dari purna PMI: dulu saya berangkat lewat calo, paspor ditahan majikan 2 tahun. Sekarang lewat P3MI resmi saja.',
    'Cerita saya: dulu saya ditawari kerja di Kamboja gaji 15 juta, untung saya tanya ke desa. Jangan tergiur ya.',
    'My story: I was once offered a maid job in Riyadh on a visit visa. I went to Taiwan through a licensed P3MI instead.',
  ])("a returnee's story is no advert: %s", (text) => {
    expect(check(text).level).toBe('notice');
  });

  it.each([
    'Tante saya di Brunei cari pembantu. Berangkat pakai paspor pelancong, ijazah kamu titip ke saya dulu ya.',
    'Transfer dulu, saya proses visa turisnya. Kerja restoran di Jepang.',
    'Purna PMI buka pendaftaran PRT Taiwan, biaya 20 juta, WA 0812-3333-4444.',
  ])('an offer with story-like words stays an offer: %s', (text) => {
    expect(check(text).level).toBe('high');
  });
});

describe('fees under other names, deductions and accounts', () => {
  it.each([
    'Bayar uang kunci 5 juta supaya slot PRT Hongkong tidak diambil orang lain.',
    'Booking fee RM 1,500 to secure your plantation job in Sabah.',
    'Uang komitmen 2 juta, kerja kebun sawit Sarawak.',
    'Kerja sawit di Sabah, biaya jalan 4 juta dibayar di depan.',
  ])('a fee under another name for a zero-cost job: %s', (text) => {
    expect(check(text).signs).toContain('fee-zero-cost-job');
  });

  it.each([
    'Gaji dipotong sponsor 6 bulan buat ganti biaya, kerja jaga lansia di Taiwan.',
    'Caregiver Taiwan, the agency deducts NT$ 5,000 monthly for 9 months.',
    'PRT Singapura, gaji dipotong agensi tiap bulan sampai lunas.',
  ])('pay cut by the agent or the sponsor: %s', (text) => {
    expect(check(text).signs).toContain('wage-deduction-debt');
    expect(check(text).level).toBe('high');
  });

  it.each([
    'Transfer 3 juta ke rek BRI saya buat urus berkas, kerja pabrik Taiwan.',
    'Berry picking in Sweden. Send EUR 900 to my Revolut account.',
    'Bayar ke rekening mandiri aku 4 juta ya.',
  ])("money to the writer's own account: %s", (text) => {
    expect(check(text).signs).toContain('cash-to-individual');
  });

  it.each([
    'Gaji RM 1.800 per bulan dibayar ke rekening atas nama pekerja sendiri. Pekerja kebun sawit, tanpa biaya penempatan.',
    'Salary of SGD 750 paid into your own bank account every month. No placement fee for helpers.',
    'Upah USD 500/bulan ditransfer ke rekening atas nama ABK. Kapal ikan Taiwan, tanpa biaya.',
  ])("pay into the worker's own account is no money asked: %s", (text) => {
    expect(check(text).signs).not.toContain('cash-to-individual');
  });

  it('keeps a fee paid into an account after the pay is named', () => {
    expect(check('Gaji 5 juta. Biaya 10 juta dibayar ke rekening saya.').signs).toContain(
      'cash-to-individual',
    );
  });

  it.each([
    'Paspor tetap dipegang pelamar, kami hanya menyimpan fotokopi. Caregiver Taiwan.',
    'Dokumen asli tetap disimpan calon PMI sendiri; kami minta salinan saja.',
    'Semua ijazah asli dipegang pelamar, yang kami terima hanya scan.',
  ])('documents the worker keeps: %s', (text) => {
    expect(check(text).signs).not.toContain('documents-held');
  });
});

describe('visas, routes, destinations', () => {
  it.each([
    'Work visa after you arrive, just come on a tourist entry first.',
    'Kerja pabrik Jepang, visanya nyusul setelah sampai.',
    'Kerja restoran di Korea, visa kerja diurus pas udah di sana.',
  ])('a visa only after arrival: %s', (text) => {
    expect(check(text).signs).toContain('wrong-visa');
  });

  it('leaves a residence card made after arrival alone', () => {
    expect(
      check('Visa kerja diurus P3MI sebelum berangkat; ARC dibuat setelah tiba di Taiwan.').signs,
    ).toEqual([]);
  });

  it.each([
    'Nyebrang ke Tawau lewat jalan hutan, tidak lewat pos lintas batas, ada yang antar. Biaya 3 juta.',
    'We cross into Sabah at night, not through the checkpoint. Fee 3 million.',
    'Ke Sarawak ora lewat PLBN, ana sing ngeterke. Kerja kebon.',
  ])('the official border post avoided: %s', (text) => {
    expect(check(text).signs).toContain('irregular-crossing');
  });

  it('leaves the official border post alone', () => {
    expect(
      check('Berangkat lewat PLBN Entikong dengan paspor dan visa kerja, didampingi petugas BP3MI.').signs,
    ).not.toContain('irregular-crossing');
  });

  it.each([
    'Berangkat Sabtu malam dari pelabuhan Dumai, sampai Malaysia subuh.',
    'Kumpul jam 11 malam di dermaga Tanjung Balai, nanti ada kapal.',
    'Meet at Batam port at night, the boat leaves at 1 am.',
  ])('a night departure from a port of the known routes: %s', (text) => {
    expect(check(text).signs).toContain('irregular-crossing');
  });

  it.each([
    'Dicari ART untuk keluarga di Irak, gaji USD 350, tiket gratis.',
    'PRT ke Mesir, majikan orang baik, gaji 5 juta.',
    'Maid for a family in Yemen, USD 300, free flight.',
    'Housekeeper for a household in Beirut, Lebanon.',
  ])('household work in a Middle-East country of the moratorium: %s', (text) => {
    expect(check(text).signs).toContain('middle-east-household');
  });

  it('leaves a hospital job in Egypt alone', () => {
    expect(
      check('Lowongan perawat di rumah sakit Kairo, Mesir lewat P3MI berizin, kontrak kerja, visa kerja.')
        .signs,
    ).not.toContain('middle-east-household');
  });
});

describe('ages, pay and secrecy in more wordings', () => {
  it.each([
    'Tanggal lahir di KTP nanti diubah biar cukup umur, kerja pabrik Korea.',
    'Your age will be changed on the passport, factory work in Malaysia.',
    'Umurnya diganti di paspor, tenang aja. Kerja kafe di Singapura.',
    'Umure ing KTP mengko diganti, kerjo pabrik Malaysia.',
  ])('an age changed on the papers: %s', (text) => {
    expect(check(text).signs).toContain('identity-falsified');
  });

  it.each([
    'Umur di KTP tidak bisa diubah. Usia minimal 18 tahun.',
    'Your age cannot be changed on the passport.',
  ])('an age that cannot be changed is the law: %s', (text) => {
    expect(check(text).signs).not.toContain('identity-falsified');
  });

  it.each([
    'Sing durung 18 taun oleh daftar, kerja restoran Malaysia gaji 4 yuta.',
    'Nu can 18 oge tiasa ngiring, damel di pabrik Malaysia.',
    'Bocah sing durung cukup umur iso melu, kerjo pabrik Taiwan.',
  ])('a minor welcome, in Javanese or Sundanese: %s', (text) => {
    expect(check(text).signs).toContain('under-18');
  });

  it.each([
    'Sing durung 18 ora oleh melu. Umur minimal 18 taun.',
    'Anak di bawah 18 tahun belum boleh kerja ke luar negeri.',
    'Nu can 18 teu kenging daptar.',
  ])('a minor ruled out: %s', (text) => {
    expect(check(text).signs).not.toContain('under-18');
  });

  it.each([
    'Di kontrak gaji SGD 700, yang dibayar cuma SGD 450 karena potongan agen.',
    'The contract says NT$ 20,000 but you actually receive NT$ 12,000 for the first year.',
    'Kontrak tertulis RM 1.800, nyatanya sebulan cuma RM 1.000.',
  ])('pay below the contract, said outright: %s', (text) => {
    expect(check(text).signs).toContain('wages-withheld');
  });

  it('leaves pay as in the contract alone', () => {
    expect(check('Gaji sesuai kontrak, yang diterima utuh tanpa potongan.').signs).not.toContain(
      'wages-withheld',
    );
  });

  it.each([
    'Bilang ke orang tua kerja di Jakarta aja, padahal berangkat ke Malaysia.',
    'Tell your parents you work in Jakarta, you fly to Dubai on Monday.',
    'Pamit ke keluarga bilang kerja di Bandung, nanti langsung ke Batam.',
    'Kalau sudah sampai Arab baru kabari keluarga ya.',
    'Ojo kandha konsulat yen gajine dipotong.',
  ])('a cover story, news only once abroad, or silence to the consulate: %s', (text) => {
    expect(check(text).signs).toContain('keep-secret');
  });

  it('leaves advice to tell the family after arrival alone', () => {
    expect(
      check('Kalau sudah sampai di negara penempatan, lapor diri ke KBRI dan kabari keluarga.').signs,
    ).not.toContain('keep-secret');
  });

  it.each([
    'Lowongan pabrik roti di Eropa, gaji 35 juta. Alamat kantor kami kasih setelah transfer DP 2 juta.',
    'Office address will be shared after you pay the deposit. Warehouse job in Europe, EUR 1,800.',
    'Kerja gudang di Polandia, syarat cuma KTP. Alamat kantor dikasih sesudah bayar.',
  ])('an office address only after payment: %s', (text) => {
    expect(check(text).signs).toContain('individual-recruiter');
    expect(check(text).level).toBe('high');
  });

  it('leaves an office to visit before paying alone', () => {
    expect(
      check('Alamat kantor: Jl. Merdeka 10 Malang. Silakan datang langsung sebelum membayar apa pun.').signs,
    ).toEqual([]);
  });
});
