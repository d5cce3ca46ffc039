import { describe, expect, it } from 'vitest';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

/**
 * Offer-checker rules for the kinds of advert of the seventh writer's development part (session 4, author G),
 * each tried on wordings of our own (never the corpus sentences): one cost item of facts L-42 charged in a
 * zero-cost job without the words "biaya penempatan", the labour office said not to be needed, warnings that
 * quote scam money, items said not to be charged.
 */
function check(text: string): { signs: string[]; level: string } {
  const { scanner, catalog } = realContent();
  const scan = scanner.scan(text);
  const v = offerVerdict(catalog, scan, TODAY);
  return { signs: v.signs.map((s) => s.id), level: scan.notice ? 'notice' : v.level };
}

describe('one listed cost item borne by the worker in a zero-cost job (facts L-41, L-42)', () => {
  it.each([
    'Dicari pengasuh anak untuk keluarga di Singapura. Gaji SGD 650. Pelamar menanggung biaya SKCK dan tes psikologi, lainnya ditanggung majikan.',
    'Housekeeper for a family in Taipei, NT$ 20,000. The worker pays her own return ticket; everything else is covered by the employer.',
    'Nelayan kapal tuna Korea, USD 600. Sertifikat BST disiapkan sendiri oleh peserta sebelum berangkat.',
    'Lowongan sopir keluarga di Hong Kong. Tiket pesawat ditalangi kantor lalu dicicil dari gaji tiga bulan.',
    'Dibutuhke rewang omah kanggo kulawarga ing Taiwan. Ragad paspor lan SKCK dibayar dhewe.',
    'Lowongan pangasuh budak di Hongkong. Biaya medical sareng pelatihan ditanggung ku calon.',
    'Tukang kebun untuk keluarga di Brunei. Yang menjadi tanggungan calon pekerja hanya BPJS PMI dan legalisasi kontrak.',
  ])('is a fee for a zero-cost job: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('fee-zero-cost-job');
    expect(r.level).toBe('high');
  });

  it.each([
    'Pengasuh lansia di Taiwan lewat P3MI berizin. Tiket, visa, pelatihan dan pemeriksaan kesehatan tidak dibebankan kepada pekerja.',
    'Domestic helpers for Hong Kong: the air ticket, visa and training come from the employer, not charged to the worker.',
    'PRT Taiwan: majikan membayar tiket dan visa; pekerja tidak perlu membayar pelatihan maupun sertifikat.',
    'Perawat lansia Jepang (SSW): ujian bahasa dibayar sendiri ke penyelenggara; tiket dan visa dari pemberi kerja.',
  ])('items borne by the employer or not charged are no fee: %s', (text) => {
    expect(check(text).signs).not.toContain('fee-zero-cost-job');
    expect(check(text).level).not.toBe('high');
  });

  it('a factory job is not a zero-cost job, the same item is a cost to check', () => {
    expect(check('Operator pabrik di Taiwan. Calon pekerja menanggung biaya tiket.').signs).not.toContain(
      'fee-zero-cost-job',
    );
  });
});

describe('the labour office said not to be needed (facts L-12, L-20)', () => {
  it.each([
    'Lowongan pabrik sepatu di Taiwan. Daftar lewat kami saja, tidak perlu ngurus ke Disnaker.',
    'Kerja konstruksi Malaysia, gaji RM 2.000. Teu kedah daftar ka Disnaker, sadayana ku kantor.',
    'Factory work in Korea. No need to go to the labour office, our team handles everything.',
    'Paspor kami buatkan tanpa perlu surat rekomendasi, lowongan kilang di Johor.',
    'Ora usah neng Disnaker, kabeh diurus kantor. Pabrik ing Malaysia.',
  ])('is high: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('skips-official-steps');
    expect(r.level).toBe('high');
  });

  it.each([
    'Jangan berangkat tanpa lewat Disnaker. Lowongan resmi pabrik di Taiwan lewat PT berizin, daftar di Disnaker kabupaten.',
    'Pendaftaran di Disnaker tidak dipungut biaya. PT kami berizin, job order untuk pabrik di Taiwan.',
    'Pastikan Anda tidak berangkat tanpa surat rekomendasi Disnaker. Lowongan caregiver lewat P3MI berizin.',
  ])('advice to go through it is not: %s', (text) => {
    expect(check(text).level).not.toBe('high');
  });
});

describe('warnings that quote the money a scam asks for', () => {
  it.each([
    'Waspada! Upami aya nu nawiskeun damel ka Taiwan sareng mayar ka rekening pribadi, éta téh ciri calo. Lapor ka BP3MI.',
    'Hati-hati penipuan. Kalau ada yang minta transfer ke rekening pribadi untuk biaya visa, itu ciri calo. Laporkan ke desa.',
    'Village notice. If anyone asks you to pay a deposit into a personal account, that is a scam. Report it to BP3MI.',
  ])('is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });

  it.each([
    'Hati-hati penipuan! Kalau ada yang minta biaya lain, abaikan. Kami resmi: DP 2 juta ke rekening pribadi saya, minat japri.',
    'Waspada calo. Kalau ada yang menawarkan jalur lain, jangan percaya. Kami resmi, DP 1 juta ke rekening pribadi, daftar sekarang.',
  ])('an advert with contact words stays an advert: %s', (text) => {
    expect(check(text).level).not.toBe('notice');
  });

  it.each([
    'Aku berangkat caregiver Taiwan lewat PT berizin, biaya penempatan Rp 0. Jangan lewat calo yang minta DP ya.',
    'Kerja PRT Hong Kong resmi lewat Disnaker, nol rupiah. Hindari sponsor yang minta uang muka.',
    'I went to Taiwan as a caregiver through a licensed agency. Avoid brokers who ask for a deposit.',
  ])('someone who warns of a fee asked by others does not ask it: %s', (text) => {
    expect(check(text).signs).not.toContain('fee-zero-cost-job');
    expect(check(text).level).not.toBe('high');
  });
});

describe('a contract signed only abroad, a departure within days (facts L-16, L-18, S-19a)', () => {
  it.each([
    'Cleaning staff for a hotel in Doha, QAR 1,500. The employment contract is signed at the hotel after you arrive.',
    'Pekerja gudang di Dubai. Perjanjian kerja ditandatangani nanti di negara tujuan bersama manajer.',
    'Kuli bangunan di Malaysia. Kontrak mah engke di ditu wae ditandatanganan ku bos.',
    'Kerja pabrik Taiwan, kontrake ditandatangani mengko neng kana.',
  ])('a contract only abroad is high: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('no-agreements');
    expect(r.level).toBe('high');
  });

  it.each([
    'Perjanjian kerja ditandatangani di Disnaker sebelum berangkat; setelah tiba, pekerja dijemput agensi. Pabrik Taiwan lewat PT berizin.',
    'The contract is signed at the labour office before departure and renewed on arrival after two years. Licensed agency, factory in Taiwan.',
    'Kontrak kerja ditandatangani di BP3MI; setibanya di Hong Kong Anda dijemput. PT berizin, job order ada.',
  ])('a contract signed before leaving is not: %s', (text) => {
    expect(check(text).signs).not.toContain('no-agreements');
  });

  it.each([
    'Kerja pabrik di Korea, gaji 2 juta won. Daftar sekarang, dua minggu lagi sudah berangkat.',
    'Warehouse job in the Czech Republic. You fly out within ten days of registration.',
    'Pabrik elektronik Malaysia. Rong minggu maneh wis budhal, dokumen diurus kantor.',
    'Kerja kebon di Australia, tilu minggu deui angkat, seminggu deui kumpul di Bandung.',
  ])('a departure within days or weeks is high: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('rushed-process');
    expect(r.level).toBe('high');
  });

  it.each([
    'Pabrik Taiwan lewat PT berizin. Proses 3-4 bulan; keberangkatan dua minggu setelah visa terbit.',
    'Caregiver Taiwan, job order resmi. Libur seminggu sekali, keberangkatan sesuai jadwal BP3MI.',
    'Factory work in Japan through a licensed agency: training 4 months; departure within two weeks after the visa is issued.',
  ])('a departure after the visa, or a weekly day off, is not a rush: %s', (text) => {
    expect(check(text).level).not.toBe('high');
  });
});

describe('pay to the recruiter, papers as a guarantee, a deposit until the contract ends (facts Q-10, Q-42, T-01)', () => {
  it.each([
    [
      'Pabrik di Malaysia, RM 1.900. Gaji dikirim ke rekening kantor dulu, lalu kami teruskan ke keluarga.',
      'wages-withheld',
    ],
    [
      'Factory job in Taiwan. Your salary is paid to the agency account and sent home every quarter.',
      'wages-withheld',
    ],
    ['Mbak, gajine mengko aku sing nampa disik, tak potong cicilan.', 'wages-withheld'],
    [
      'Kerja pabrik Korea. BPKB motor atau sertifikat tanah diserahkan sebagai jaminan sampai pulang.',
      'documents-held',
    ],
    [
      'Factory in Japan: the original diploma is kept by our office as a guarantee during the contract.',
      'documents-held',
    ],
    ['Pabrik Taiwan. Ijazah asli dititipkan ke kantor selama dua tahun.', 'documents-held'],
    [
      'Kerja pabrik Malaysia. Uang jaminan Rp 4 juta dikembalikan setelah kontrak selesai.',
      'cash-to-individual',
    ],
    ['Hotel work in Dubai. A bond of USD 500 is refunded at the end of the contract.', 'cash-to-individual'],
    ['Pabrik ing Taiwan. Deposit 3 yuta dibalekke sawise rampung kontrak.', 'cash-to-individual'],
  ])('is high: %s', (text, sign) => {
    const r = check(text);
    expect(r.signs).toContain(sign);
    expect(r.level).toBe('high');
  });

  it.each([
    'Pabrik Taiwan lewat PT berizin. Gaji dibayar ke rekening pekerja sendiri setiap bulan.',
    'Factory in Japan through a licensed agency. Bring your original diploma and a copy; the original is returned the same day.',
    'Caregiver Taiwan, PT berizin. Salary is paid into your own account, job order from SISKOP2MI.',
  ])('pay to the worker, a diploma shown, are not: %s', (text) => {
    expect(check(text).level).not.toBe('high');
  });
});
