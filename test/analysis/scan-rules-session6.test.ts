import { describe, expect, it } from 'vitest';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

/**
 * Offer-checker rules for the kinds of advert of author G's last misses and writer H's development part (session
 * 6), each tried on wordings of our own (never the corpus sentences), with lawful near-misses that stay below high:
 * the recruiter behind a chat group, an unnamed company or a private house; a passport made from photos, sent to
 * the office and kept; the medical at the recruiter's clinic; Korea outside G to G EPS; a private office selling a
 * government route; ages adjusted on the form; household work named by the family that seeks it; crossings with
 * the papers sorted on the other side; deductions every month; money to a named person.
 */
function check(text: string): { signs: string[]; level: string } {
  const scan = realContent().scanner.scan(text);
  const v = offerVerdict(realContent().catalog, scan, TODAY);
  return { signs: v.signs.map((s) => s.id), level: scan.notice ? 'notice' : v.level };
}

/** Each text is high and shows the sign. */
function allHigh(sign: string, texts: readonly string[]): void {
  it.each(texts)(`is high with ${sign}: %s`, (text) => {
    const r = check(text);
    expect(r.signs).toContain(sign);
    expect(r.level).toBe('high');
  });
}

/** Each text stays below high (a lawful near-miss). */
function noneHigh(texts: readonly string[]): void {
  it.each(texts)('is not high: %s', (text) => {
    expect(check(text).level).not.toBe('high');
  });
}

describe('a passport made by the recruiter from photos of the papers (facts S-14, L-16, L-20)', () => {
  allHigh('skips-official-steps', [
    'Lowongan pabrik sarung tangan di Malaysia. Paspor kami buatkan, cukup kirim foto KTP dan KK lewat WhatsApp.',
    'Kerja restoran di Brunei. Paspornya dibikinin tim kami, kamu tinggal kirim foto akta sama ijazah.',
    'Factory job in Taiwan. We will make your passport for you, just send a photo of your ID card and family card.',
    'Kerja kebon ing Sabah. Berkas cukup difoto wae, paspor tak urusne, ora usah antri.',
  ]);
  noneHigh([
    'Pendaftaran awal: kirim foto KTP dan CV. Paspor dibuat sendiri di kantor imigrasi dengan surat rekomendasi Disnaker. PT berizin, job order ada.',
    'Upload foto paspor dan KTP di formulir pendaftaran SISKOP2MI. Lowongan pabrik Taiwan lewat P3MI berizin.',
    'Belum punya paspor? Datang sendiri ke kantor imigrasi dengan rekomendasi Disnaker; kami jelaskan langkahnya.',
  ]);
});

describe('the medical check at the recruiter’s own clinic, or its result promised (facts S-11)', () => {
  allHigh('skips-official-steps', [
    'Operator gudang di Taiwan. Cek kesehatan di klinik milik kantor kami, biaya Rp 1.100.000 dibayar pelamar.',
    'Pabrik Malaysia, RM 1.800. Medical check up cukup di klinik kami sendiri, ongkos 800 ribu.',
    'Factory work in Japan. The medical examination is done by our own doctor; the fee is IDR 1.5 million.',
    'Kerja pabrik Korea. Hasil medical dijamin lolos, biaya tes kesehatan 2 juta.',
  ]);
  noneHigh([
    'Pemeriksaan kesehatan di sarana kesehatan resmi yang ditunjuk Kemenkes. PT berizin, caregiver Taiwan, gratis biaya penempatan.',
    'Klinik kami di Riyadh membutuhkan perawat berpengalaman. Medical check up di rumah sakit terakreditasi, visa kerja dari rumah sakit.',
    'Medical di klinik rujukan yang ditunjuk, biaya ditanggung majikan. Lowongan PRT Hong Kong lewat P3MI berizin.',
  ]);
});

describe('no office to visit: a chat group, a direct message, a private house (facts Q-01, Q-06, T-12)', () => {
  allHigh('individual-recruiter', [
    'Kerja pabrik di Osaka, gaji 180.000 yen. Semua info dan pendaftaran hanya di grup Telegram kami, kantor tidak menerima kunjungan.',
    'Warehouse jobs in Poland. We have no office; registration only in our WhatsApp group, fee IDR 3 million.',
    'Lowongan kebun di Malaysia, gaji RM 1.700. Daftar lewat DM saja, biaya proses 4 juta.',
    'Yang mau ke Taiwan, berkas dikumpulkan di rumah Pak Darmo hari Minggu, bayar ongkos 2 juta.',
    'Sing arep melu kerja nang Malaysia, kumpul nang omahku dina Setu, nggowo berkas lan dhuwit 3 yuta.',
  ]);
  noneHigh([
    'Info resmi BP3MI: gabung grup WhatsApp informasi lowongan; pendaftaran tetap lewat SISKOP2MI dan Disnaker.',
    'PT kami berizin (SIP3MI). Kantor pusat di Jakarta, tidak ada kantor cabang di Lombok; datang langsung untuk pendaftaran.',
    'Klarifikasi P3MI: kami tidak merekrut lewat grup Telegram, pendaftaran hanya di kantor kami dan di Disnaker.',
  ]);
});

describe('a company kept unnamed until the applicant has passed or paid (facts T-12, L-22)', () => {
  allHigh('individual-recruiter', [
    'Lowongan pabrik di Taiwan, gaji NT$ 27.000. Nama perusahaan dikasih tahu setelah lolos seleksi.',
    'Hotel jobs in Dubai. The company name will be given after you pay the registration fee.',
    'Kerja kilang di Johor. Nama PT dirahasiakan dulu, yang serius hubungi saya.',
    'Saya petugas lapangan sebuah PT. Pabrik di Jepang, biaya seleksi Rp 500.000.',
  ]);
  noneHigh([
    'Nama perusahaan: PT Contoh Sinar Abadi (P3MI berizin), alamat kantor di Surabaya. Lowongan pabrik Taiwan, job order ada.',
    'Sebelum mendaftar, tanyakan nama PT dan cek izinnya di SISKOP2MI. Lowongan resmi ada di Disnaker.',
    'The company name and licence number are printed on the job order; check them at the labour office.',
  ]);
});

describe('Korea outside G to G EPS (facts S-20..S-23)', () => {
  allHigh('korea-outside-eps', [
    'Lowongan pabrik baja di Korea, gaji 2,3 juta won. Gabung grup WhatsApp untuk pendaftaran.',
    'Yayasan kami menyalurkan tenaga kerja ke pabrik di Korea Selatan. Biaya pendaftaran Rp 7.500.000.',
    'Program G to G Korea jalur prioritas: masuk roster lebih cepat, biaya Rp 6.000.000.',
    'Keluarga di Busan mencari pengasuh anak dari Indonesia, gaji 2 juta won.',
    'A family in Seoul needs a live-in maid, KRW 2,000,000 per month. Visa handled by our agent.',
  ]);
  noneHigh([
    'Pendaftaran G to G Korea sektor manufaktur dibuka di SISKOP2MI. Biaya ujian EPS-TOPIK US$28 dibayar di BNI dengan kode bayar.',
    'Kursus bahasa Korea persiapan EPS-TOPIK 3 bulan. Kami tidak menyalurkan kerja; pendaftaran ujian dilakukan sendiri di SISKOP2MI.',
    'Hasil seleksi EPS: peserta yang lulus masuk roster dan menunggu dipilih pemberi kerja lewat HRD Korea. Tidak ada jalur prioritas berbayar.',
  ]);
  it('a Korean job offered without pay named is a sign to check', () => {
    expect(check('Lowongan pabrik mobil di Korea, hubungi kami.').signs).toContain('korea-outside-eps');
  });
});

describe('a government route sold by a private office (facts S-21, S-31, L-21)', () => {
  allHigh('skips-official-steps', [
    'Kuota G to G Jepang untuk perawat masih ada lewat kantor kami. Biaya pelatihan Rp 15.000.000.',
    'Kursi G to G Korea tinggal 3 di kantor perwakilan kami, kontribusi 20 juta.',
    'Government-to-government nurse programme for Germany through our office; registration fee IDR 10 million.',
    'Program perawat ke Jerman jalur pemerintah bisa lewat kami, tidak perlu daftar SISKOP2MI, biaya 30 juta.',
  ]);
  noneHigh([
    'Verifikasi dokumen G to G Jepang di kantor UPT BP3MI Jawa Tengah. Pendaftaran di SISKOP2MI, tanpa biaya.',
    'Pendaftaran G to G tidak melalui kantor kami atau agen mana pun, hanya di SISKOP2MI.',
    'Info G to G Korea: daftar sendiri di SISKOP2MI, biaya ujian hanya US$28 di BNI.',
  ]);
});

describe('an age or birth date adjusted on the papers (facts L-14, Q-21)', () => {
  allHigh('identity-falsified', [
    'Untuk anaknya yang baru 16 tahun, tanggal lahirnya nanti kami sesuaikan di berkas ya.',
    'Kerja pabrik di Malaysia. Tahun lahir di formulir diakali sedikit biar masuk umur.',
    'Lowongan restoran Brunei. Umur kurang gak masalah, nanti dibuat supaya cukup umur di data.',
    'Anakmu sing lagi 17 iso melu, umure ditulis luwih tuwo nang KTP.',
  ]);
  noneHigh([
    'Usia 21-35 tahun, disesuaikan dengan permintaan majikan. PT berizin, caregiver Taiwan, job order ada.',
    'Tanggal lahir di paspor harus sesuai dengan akta kelahiran dan KTP. Lowongan pabrik Jepang lewat LPK berizin.',
    'Data tanggal lahir disesuaikan dengan akta kelahiran oleh Dukcapil sebelum paspor dibuat.',
  ]);
});

describe('household work named by the family that seeks it (facts M-10..M-15, L-26)', () => {
  allHigh('middle-east-household', [
    'Ada keluarga di Riyadh yang mencari orang untuk masak dan bersih-bersih, gaji SAR 1.500.',
    'A family in Kuwait is looking for someone to look after two children, KWD 110.',
    'Keluarga ing Doha golek wong kanggo ngrumat bocah, bayaran QAR 1.300.',
  ]);
  noneHigh([
    'Hotel di Dubai mencari housekeeping staff lewat PT berizin, gaji AED 1.800, job order ada.',
    'Rumah sakit di Riyadh membutuhkan perawat; keluarga di kampung tidak perlu khawatir, kontrak diteken di Disnaker.',
    'Lowongan PRT ke Arab Saudi hanya lewat Sistem Penempatan Satu Kanal (SPSK) dan syarikah resmi.',
  ]);
});

describe('original papers sent to the office or left with a person, and kept (facts T-01, Q-20)', () => {
  allHigh('documents-held', [
    'Please courier your original passport to our office; we will keep it safe until departure.',
    'Mbak, kirim paspor asli ke kantor ya, disimpan sampai keberangkatan.',
    'Paspor sama ijazahnya dititipkan ke saya saja dulu, nanti dikembalikan setelah sampai.',
    'Crew for a Taiwanese longliner, USD 550. Passports are collected on board and kept by the captain.',
  ]);
  noneHigh([
    'Bawa paspor asli saat OPP di BP3MI; paspor dikembalikan hari itu juga dan tetap dipegang pekerja.',
    'Fotokopi paspor dan ijazah dititipkan ke saya, petugas desa, untuk pendataan. PT berizin.',
    'Your passport stays with you. We keep a copy for the visa application. Licensed agency, factory in Japan.',
  ]);
});

describe('a fee for a zero-cost job in Javanese numbers and cost items (facts L-41, L-42)', () => {
  allHigh('fee-zero-cost-job', [
    'Kapal iwak ing Taiwan butuh wong. Kanggo sertifikat karo seragam telung yuta.',
    'Dibutuhkan ABK kapal ikan Korea. Seragam dan sertifikat 2,5 juta dibayar calon.',
    'Rewang omah ing Hong Kong, medical limang atus ewu dibayar dhewe.',
    'Deckhand on a purse seiner, USD 600. A manning fee is deducted from the first payslip.',
  ]);
  noneHigh([
    'ABK kapal ikan Taiwan lewat P3MI berizin. Seragam dan sertifikat disediakan perusahaan, biaya penempatan nol.',
    'Pengasuh lansia Taiwan: medical, pelatihan dan sertifikat tidak dibebankan kepada pekerja. PT berizin, job order ada.',
  ]);
});

describe('money to a person: "dibayar ka abdi", "nang aku", a coordinator, a named account (facts Q-10, L-45)', () => {
  allHigh('cash-to-individual', [
    'Kerja pabrik di Taiwan. Artos pendaftaran sajuta dibayar ka abdi heula.',
    'Pabrik ing Malaysia. DP 2 yuta titip nang aku disik, ora iso dibalekke.',
    'Study and work in Japan: the enrolment fee of IDR 12 million is paid to our coordinator.',
    'Slot kerja pabrik Jepang tinggal dua. Transfer deposit 4 juta ke rekening Pak Slamet.',
  ]);
  noneHigh([
    'Gaji ditransfer ke rekening Mbak sendiri tiap bulan. Caregiver Taiwan lewat PT berizin, job order ada.',
    'Pembayaran biaya ujian hanya lewat kode bayar di BNI, tidak ke rekening perorangan.',
  ]);
});

describe('a membership payment, a contribution (facts L-21, L-43)', () => {
  allHigh('fee-zero-cost-job', [
    'Koperasi kami menyalurkan anggota ke kebun sawit di Sabah. Simpanan pokok 3 juta.',
    'Yayasan membuka kerja ladang di Sarawak, uang pangkal anggota Rp 1.500.000.',
    'Pekerja kebun sawit Malaysia, iuran anggota 2 juta sebelum berangkat.',
  ]);
  noneHigh([
    'Koperasi purna PMI menjual keripik dan kopi. Simpanan pokok anggota Rp 50.000. Kami tidak merekrut tenaga kerja.',
  ]);
});

describe('non-work entry: a short-stay visa, entering as a traveller (facts T-11, T-15, Q-30)', () => {
  allHigh('wrong-visa', [
    'Seasonal orchard work in Spain. You enter on a short-stay visa and the farm sorts out the rest.',
    'Kerja kilang di Penang. Masuk sebagai pelancong dulu, permit diproses belakangan.',
    'Kerja restoran di Singapura, berangkat sebagai pengunjung, gaji SGD 1.600.',
  ]);
  noneHigh([
    'Do not travel on a short-stay visa to work. Licensed agencies arrange a work visa before departure.',
    'Pekerja masuk dengan visa kerja (calling visa), bukan sebagai pengunjung. Pabrik di Penang, PT berizin.',
  ]);
});

describe('crossings with the papers sorted across the border, without a passport, work before the permit (facts Q-32, T-13, T-14)', () => {
  allHigh('irregular-crossing', [
    'Rombongan berangkat dari Nunukan hari Kamis, surat-suratnya nanti diurus di Tawau.',
    'Kerja kebun di Sabah. Yang belum punya paspor tetap bisa ikut lewat Nunukan.',
    'Pabrik kayu di Kuching. Nyeberangnya dibantu orang kita, kerja dulu baru permit diurus.',
    'Mangkat saka Sebatik numpak spit, sing durung duwe paspor tetep iso melu.',
  ]);
  noneHigh([
    'Keberangkatan lewat PLBN Entikong dengan paspor dan visa kerja yang sudah terbit. PT berizin, job order ada.',
    'Belum punya paspor? Tetap bisa mendaftar; paspor dibuat di kantor imigrasi dengan rekomendasi Disnaker.',
    'Permit kerja sudah terbit sebelum berangkat; setelah kerja dua tahun permit diperpanjang majikan. Pabrik di Johor, P3MI berizin.',
  ]);
});

describe('deductions every month, costs paid first by the agent (facts Q-12, Q-13, T-01)', () => {
  allHigh('wage-deduction-debt', [
    'Pabrik di Taiwan. Tiket dan visa dibayar dulu oleh agensi, nanti dipotong NT$ 3.000 tiap bulan.',
    'Factory job in Malaysia. Costs are advanced by the agent and deducted at RM 300 per month for eight months.',
    'Kerja kilang di Johor, potongan RM 350 setiap bulan selama 6 bulan untuk biaya proses.',
  ]);
  noneHigh([
    'Potongan gaji hanya BPJS dan pajak per bulan sesuai aturan. Pabrik Jepang lewat LPK berizin.',
    'KUR PMI dari bank: cicilan per bulan ringan, bunga 6 % per tahun. Pabrik Taiwan lewat PT berizin, job order ada.',
    'Gaji RM 1.800 per bulan tanpa potongan. Makan dan asrama disediakan. PT berizin.',
  ]);
});

describe('official registration or the village said not to be needed (facts L-16, L-32)', () => {
  allHigh('skips-official-steps', [
    'Kerja pabrik di Taiwan, tidak perlu daftar SISKOP2MI, semua kami yang input.',
    'Teu kedah daptar ka Disnaker, sadayana diurus ku abdi. Kebon di Malaysia.',
  ]);
  allHigh('keep-secret', [
    'Kerja di Malaysia, teu kedah menta idin ka kuwu, nu penting angkat minggu payun.',
    'Ora usah njaluk idin bojo lan pak kades, langsung mangkat wae.',
    'Tidak perlu minta izin orang tua atau kepala desa, berangkat saja dulu.',
  ]);
  noneHigh([
    'Pendaftaran di SISKOP2MI tidak dipungut biaya. Lowongan resmi caregiver Taiwan lewat P3MI berizin.',
    'Jangan berangkat tanpa daftar di SISKOP2MI dan Disnaker. Lowongan pabrik Taiwan lewat P3MI berizin.',
    'Tidak perlu bayar untuk daftar SISKOP2MI; pendaftarannya gratis. Caregiver Taiwan, PT berizin.',
  ]);
});

describe('scam-compound adverts in English wording (facts T-10)', () => {
  allHigh('scam-compound', [
    'Customer relations staff in Sihanoukville, USD 1,000, flights covered.',
    'Client relations team at a campus in Myawaddy. Housing and flights covered, no degree needed.',
    'Customer success agents for Phnom Penh, flights covered, Indonesian speakers.',
  ]);
});

describe('warnings and training notices that quote the signs', () => {
  it.each([
    'Pelatihan untuk keluarga PMI di balai desa: mengenali tanda perekrutan tidak resmi, misalnya "paspor dibuatkan dari foto KTP" atau "potong gaji tiap bulan".',
    'Kabar saka Disnaker: sinten kemawon ingkang nyuwun arta kangge "jalur prioritas" G to G Korea, menika apus-apus.',
    'Materi penyuluhan: kenali ciri perekrutan non prosedural, seperti nama PT dirahasiakan dan pendaftaran hanya lewat grup WhatsApp.',
  ])('is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });
});

describe('the first wages, a share of the pay, or costs paid first by the agent, as the fee (facts Q-12, Q-13, T-01)', () => {
  allHigh('fee-zero-cost-job', [
    'Pengasuh anak untuk keluarga di Taiwan. Gaji tiga bulan pertama untuk melunasi biaya kantor.',
    'Housemaid for Singapore: your first salary goes to the agency.',
    'Rewang omah nang Hong Kong, gaji sasi kapisan kanggo mbayar agen.',
  ]);
  allHigh('wage-deduction-debt', [
    'Pabrik di Taiwan. Fee agensi 20 persen dari gaji selama dua tahun, biaya proses 5 juta.',
    'Factory job in Japan. The placement costs are paid first by the agency and repaid from wages over six months.',
    'Kerja kilang di Johor. Tiket kami tanggung dulu, nanti dipotong gaji 5 bulan.',
  ]);
  noneHigh([
    'Gaji pertama dibayar penuh ke rekening pekerja. Pabrik Taiwan lewat PT berizin, job order ada.',
    'Pajak penghasilan 5 persen dari gaji sesuai aturan Taiwan. PT berizin, tanpa biaya penempatan.',
  ]);
});

describe('a licence or a job order still in process (facts Q-02, Q-03, L-22)', () => {
  allHigh('unlicensed-company', [
    'LPK kami masih mengurus izin ke Disnaker, tapi pendaftaran magang Jepang sudah dibuka.',
    'Our licence is being processed; register now for factory jobs in Taiwan.',
    'Perusahaan sedang mengurus SIP3MI, lowongan pabrik Malaysia bisa daftar sekarang.',
  ]);
  allHigh('no-job-order', [
    'Lowongan pabrik di Taiwan. Job order belum keluar, tapi daftar dulu dengan DP 3 juta.',
    'Hotel jobs in Qatar, the demand letter is still pending; pay the booking fee now.',
    'Kerja pabrik di Jepang tanpa job order, biaya pendaftaran 2 juta.',
  ]);
  noneHigh([
    'Izin kerja (permit) sedang diproses majikan sebelum berangkat. PT berizin, job order ada, pabrik Malaysia.',
    'Job order sudah terbit dan tercatat di SISKOP2MI. PT berizin, caregiver Taiwan, tanpa biaya penempatan.',
    'Izin tinggal diperpanjang majikan setiap dua tahun. PT berizin, pabrik Taiwan.',
  ]);
});

describe('a crossing through the forest, money handed over at a meeting (facts Q-32, Q-10)', () => {
  allHigh('irregular-crossing', [
    'Kerja kebun di Sarawak. Masuknya lewat jalur hutan, dijemput mobil bos.',
    'Construction work in Malaysia; we cross through the jungle at the border.',
    'Nyambut gawe nang Malaysia, nyabrang liwat alas, dipapag kancaku.',
  ]);
  allHigh('cash-to-individual', [
    'Pabrik di Taiwan. Biaya proses 5 juta dibayar pas ketemu di rumah makan.',
    'Kerja kilang Malaysia, DP 2 juta diserahkan langsung waktu kopdar di alun-alun.',
    'Factory work in Korea. Bring the fee in cash when we meet at the station.',
  ]);
  noneHigh([
    'Pekerja perkebunan sawit di Sabah, kerja di tepi hutan, berangkat lewat bandara dengan visa kerja. PT berizin.',
    'Biaya pelatihan dibayar di kasir kantor dengan kuitansi resmi. Pabrik Jepang lewat LPK berizin.',
  ]);
});

describe('study-and-work schemes with a fee, a contract explained only abroad (facts T-15, Q-36, L-18)', () => {
  allHigh('unverified-internship', [
    'Sekolah bahasa sambil kerja di Jepang, kerja pabrik tiap hari, biaya program 45 juta.',
    'Taiwan study and work programme: factory shifts every week, programme fee IDR 28 million.',
    'Beasiswa kerja ke Taiwan, kuliah gratis, bayar pendaftaran 10 juta.',
  ]);
  allHigh('no-agreements', [
    'Kerja pabrik di Taiwan. Isi kontrak nanti dijelaskan setelah sampai di asrama.',
    'Factory work in Korea. The contract will be explained on arrival by the supervisor.',
    'Kerja kilang di Johor, perjanjian kerja dijelaskan di sana oleh mandor.',
  ]);
  noneHigh([
    'Isi perjanjian kerja dijelaskan petugas Disnaker sebelum tanda tangan. Caregiver Taiwan, PT berizin.',
    'Program magang Jepang resmi lewat LPK berizin dan Kemnaker; biaya sesuai aturan, kontrak ditandatangani sebelum berangkat.',
  ]);
});

describe('other wordings of known signs', () => {
  it.each([
    ['Kerja kilang di Penang, masuk pakai cop pelancong, permit menyusul.', 'wrong-visa'],
    ['Lowongan pabrik Korea, berangkat pakai visa D-2 pelajar.', 'wrong-visa'],
    ['Dicari pramusaji untuk restoran di Makkah, ikut rombongan jamaah umroh.', 'wrong-visa'],
    ['Kerja pabrik di Polandia, visa kerja nanti diurus di sana, biaya 30 juta.', 'wrong-visa'],
    ['Kerja di Malaysia, keluarga tidak perlu dikasih tahu dulu sebelum berangkat.', 'keep-secret'],
    ['Kerja restoran di Brunei, cukup kita berdua yang tahu ya.', 'keep-secret'],
    ['Carer in a private home in Taipei; the carer pays her own training.', 'fee-zero-cost-job'],
    ['Pabrik Jepang, biaya pendaftaran 500 ribu transfer ke DANA nomor saya.', 'cash-to-individual'],
    ['Kerja di Taiwan lewat kenalan saya, biaya 25 juta dibayar ke dia.', 'cash-to-individual'],
    ['Kerja di Jepang, biaya 40 juta saya yang terima, sisanya di sana.', 'cash-to-individual'],
    ['KK asli dan ijazah asli ditinggal di rumah saya sampai berangkat.', 'documents-held'],
    ['Factory work in Korea, no EPS test, pay the processing fee of IDR 30 million.', 'korea-outside-eps'],
    [
      'Customer support for a crypto firm in Dubai, salary 13 million, free ticket, no experience.',
      'easy-job-high-pay',
    ],
    ['Kerja pabrik di Eropa, gaji 45 juta, syarat cuma KTP.', 'easy-job-high-pay'],
    ['Jadi PRT di Hong Kong, berangkat sendiri tanpa PT, biaya lebih murah.', 'independent-household'],
    [
      'Factory job in Taiwan, agency service fee IDR 20 million, salary deducted for the first year.',
      'fee-check-costs',
    ],
  ])('is high: %s', (text, sign) => {
    const r = check(text);
    expect(r.signs).toContain(sign);
    expect(r.level).toBe('high');
  });
  noneHigh([
    'Visa kerja diurus perusahaan sebelum berangkat. Pabrik Polandia lewat P3MI berizin, job order ada.',
    'Pengasuh lansia di panti jompo Jepang (SSW) lewat LPK berizin; ujian bahasa dibayar ke penyelenggara.',
    'Dana pelatihan dari pemerintah desa untuk purna PMI, daftar di kantor desa. Gratis.',
  ]);
});

describe('a carer employed by a care home is not a household carer (facts L-41)', () => {
  noneHigh([
    'Caregiver di panti jompo Jepang (SSW) lewat LPK berizin. Biaya kursus bahasa 7 juta, bisa KUR PMI.',
    'Care workers for a nursing home in Osaka through a licensed institute; Japanese course fee IDR 6 million.',
    'Perawat lansia untuk rumah sakit di Taipei lewat PT berizin, biaya pelatihan 4 juta.',
  ]);
  allHigh('fee-zero-cost-job', [
    'Caregiver untuk nenek di rumah keluarga di Taipei, biaya pelatihan 4 juta.',
    'Elderly carer living with a family in Kaohsiung, training fee IDR 5 million.',
    'Perawat lansia Taiwan, jaga kakek di rumah, biaya proses 6 juta.',
  ]);
});

describe('a flyer that lists the signs of a broker is a notice', () => {
  it.each([
    'Sosialisasi di balai desa: kenali ciri calo, misalnya minta DP ke rekening pribadi atau bilang tidak perlu ke Disnaker.',
    'Materi pelatihan: ciri sponsor ilegal antara lain meminta transfer ke rekening pribadi dan menyimpan paspor.',
    'Mengenali calo: biasanya minta uang tunai ke saya tanpa kuitansi. Laporkan ke desa.',
  ])('is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });
});

describe('"no agent can guarantee a pass" denies a promise, not the company (facts S-21)', () => {
  it.each([
    'Korea EPS registration is open on SISKOP2MI. The test fee is US$28 at BNI. No agent can guarantee a pass.',
    'Pendaftaran G to G Korea di SISKOP2MI. Tidak ada agen yang bisa menjamin kelulusan.',
    'Ujian EPS-TOPIK: tidak ada PT yang menjamin lulus, semua nilai dari sistem.',
  ])('shows no individual recruiter: %s', (text) => {
    expect(check(text).signs).not.toContain('individual-recruiter');
  });
  allHigh('individual-recruiter', [
    'Kerja pabrik Malaysia tanpa PT, langsung ke majikan, biaya 5 juta.',
    'Factory work in Taiwan, no agency, you pay me the processing fee of IDR 8 million.',
    'Kerja kilang ing Johor ora nganggo PT, ragad 4 yuta.',
  ]);
});

describe('the same signs in Javanese, Sundanese and English wordings', () => {
  it.each([
    ['Lowongan ngurus sepuh di Bahrain, gajih 130 dinar, ngalangkungan sponsor.', 'middle-east-household'],
    ['Dibutuhke wong kanggo ngopeni simbah nang Kuwait, bayaran 120 dinar.', 'middle-east-household'],
    ['Damel di kebon sawit Sarawak, gajih dipotong 5 bulan kanggo ongkos angkat.', 'fee-zero-cost-job'],
    ['Paspormu tak gawa wae nganti rampung kontrak, ben ora ilang.', 'documents-held'],
    [
      'Kerja pabrik Malaysia. Nek ditakoni petugas bandara, kandha arep dolan nang sedulur.',
      'lie-to-immigration',
    ],
    ['Damel di Malaysia. Lamun ditaros petugas, nyarios bade ulin ka dulur.', 'lie-to-immigration'],
    ['Kerja restoran di Brunei, bilang mau jenguk saudara saja ya.', 'lie-to-immigration'],
    ['Factory job in Johor. At the airport, say you are visiting relatives.', 'lie-to-immigration'],
    ['Factory work in Malaysia. We can adjust your age on the papers; 17 is fine.', 'identity-falsified'],
    ['Umurmu durung 18 ora popo, umurmu diganti nang KTP.', 'identity-falsified'],
    ['Plantation work in Sabah: leave Tawau by boat at night, the boss meets you.', 'irregular-crossing'],
    ['Internship at a Japanese farm without an LPK, programme fee IDR 38 million.', 'unverified-internship'],
    ['Shipyard job in Korea, the language test is not required, fee IDR 50 million.', 'korea-outside-eps'],
  ])('is high: %s', (text, sign) => {
    const r = check(text);
    expect(r.signs).toContain(sign);
    expect(r.level).toBe('high');
  });
  noneHigh([
    'Jangan bilang mau liburan kalau tujuannya kerja: pakai visa kerja lewat P3MI berizin. Pabrik Taiwan, job order ada.',
    'Pekerja dari Batam berangkat lewat bandara Hang Nadim dengan visa kerja. Shift malam di pabrik Johor, P3MI berizin.',
    'Paspormu tetap kamu pegang sendiri. Pabrik Taiwan lewat PT berizin, job order ada.',
  ]);
});

describe('an optional course is not a waived test', () => {
  noneHigh([
    'Kursus bahasa Korea tidak wajib, tapi tes bahasa EPS-TOPIK tetap wajib diikuti lewat SISKOP2MI. Biaya ujian US$28.',
    'Our Korean course is optional; the EPS-TOPIK language test must still be taken on SISKOP2MI.',
  ]);
});

describe('evidence words', () => {
  it.each([
    [
      'Kerja pabrik di Malaysia tanpa medical, biaya 6 juta.',
      'skips-official-steps',
      'tanpa medical',
      'medical',
    ],
    [
      'Paspor kami pegang dulu sampai berangkat. Pabrik Taiwan.',
      'documents-held',
      'paspor kami pegang',
      'paspor',
    ],
    [
      'Kerja pabrik di Taiwan lewat sponsor, hubungi sponsor Pak Darto.',
      'individual-recruiter',
      'hubungi sponsor',
      'sponsor',
    ],
  ])('leave out a word another quotes already: %s', (text, sign, kept, dropped) => {
    const evidence =
      realContent()
        .scanner.scan(text)
        .findings.find((f) => f.signId === sign)?.evidence ?? [];
    expect(evidence.some((e) => e.includes(kept))).toBe(true);
    expect(evidence).not.toContain(dropped);
  });
});

describe('staged fees, money to a recruitment officer, an offer kept private (facts Q-04, Q-10)', () => {
  it.each([
    [
      'Cruise jobs: pay USD 300 for the interview slot, then the visa package. Transfer to our recruitment officer.',
      'cash-to-individual',
    ],
    [
      'Hotel work in Dubai. The interview fee of USD 200 is paid to our agent before the call.',
      'cash-to-individual',
    ],
    [
      'Kerja kapal pesiar, biaya wawancara 3 juta transfer ke saya. Jangan disebar ke grup lain ya.',
      'keep-secret',
    ],
    [
      'Warehouse work in Poland, fee IDR 20 million. Please do not share this offer in public groups.',
      'keep-secret',
    ],
  ])('is high: %s', (text, sign) => {
    const r = check(text);
    expect(r.signs).toContain(sign);
    expect(r.level).toBe('high');
  });
});

describe('lawful adverts and notices that name the signs they are not', () => {
  noneHigh([
    'LPK Sakura (LPK berizin Disnaker, terdaftar di Kemnaker): magang Jepang 3 tahun, biaya pelatihan 9 juta ke rekening lembaga; berangkat dengan visa magang resmi.',
    'Lowongan resmi Arab Saudi sektor formal: waiter hotel di Madinah lewat P3MI berizin, bukan lowongan PRT, bukan visa umroh.',
    'Fishing crew for Taiwan through a licensed P3MI: zero cost. Wages go into your own account; you keep your passport and seaman book.',
    'Hotel jobs in Qatar, not a position for household work. Licensed P3MI, work visa, contract signed at Disnaker.',
  ]);
  it.each([
    'Dulu aku hampir berangkat kerja admin di Kamboja, katanya gaji 18 juta dan tiket gratis. Untung cek dulu ke Disnaker.',
    'Disnaker mengingatkan: jika ada yang bilang "biaya proses 10 juta bisa potong gaji", itu bukan prosedur resmi. Laporkan.',
    'Advisory: do not accept jobs in Myawaddy that promise high pay for chatting, free flights and a tourist visa. Check SISKOP2MI.',
    'Saya hampir berangkat ke Malaysia lewat jalur tikus, katanya gaji RM 2.000. Jangan sampai kalian tertipu.',
  ])('is a notice: %s', (text) => {
    expect(check(text).level).toBe('notice');
  });
});
