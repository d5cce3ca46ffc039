import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../src/bootstrap.js';
import { realContent } from '../helpers/engine.js';

// Sentences written for this test (not from any corpus): each rule added for the sixth round's block of
// development messages (writer G) is tried on paraphrases of its own.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const heard = (text: string) => u.understand(text).distress !== undefined;
const intentOf = (text: string) => u.understand(text).intent;

describe('safety net: harm said in other words', () => {
  it.each([
    // Chained or tied up.
    'tolong suami sy di kapal dirantai sama kaptennya',
    'adik sy diikat tangannya ke kursi sama bosnya kalau salah',
    'ibu sy dipasung di gudang belakang rumah majikan',
    'my sister is chained in the kitchen at night',
    'they tied my sister to the bed with rope',
    // Kept from running away.
    'kakak sy disuruh tidur di gudang pabrik, sandalnya diambil biar gak kabur',
    'anak sy di mess dijaga dua orang supaya tidak bisa lari',
    'istri sy di malaysia sepatunya disembunyiin agar tidak kabur',
    // Asking to go home, put off again and again, and ill or breaking down.
    'bapak sy di malaysia tiap minta pulang disuruh sabar terus, skrg sakit',
    'istri sy ingin pulang tapi majikan bilang nanti nanti terus, dia nangis tiap telpon',
    'adik sy udh 8 thn di brunei, izin pulang selalu ditunda, badannya sudah lemah',
    'every time my mother asks to go home the employer says later, now she is sick',
    // Taken across a border without papers or by a back way; made to go against their will.
    'sepupu sy mau diseberangkan tekong ke tawau lewat jalur tikus',
    'anak sy dibawa sponsor ke perbatasan tanpa paspor, hp nya mati',
    'my niece is being taken across the border tonight by boat without passport',
    'keponakan sy nangis gak mau ikut tapi ditarik paksa sama orang itu',
  ])('hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it('still hears a harm next to words that no longer raise an alarm alone', () => {
    // A person held right after "menahan"; a passport held after one paid for; a beating with the
    // service's name; silence not over; papers held abroad by someone close.
    expect(heard('majikannya menahan adik saya di rumah, tidak boleh keluar')).toBe(true);
    expect(heard('mereka menahan kami di gedung itu')).toBe(true);
    expect(heard('bayar 5jt buat paspor, trus paspornya ditahan sponsor di malaysia')).toBe(true);
    expect(heard('adik sy dipukul majikan, nomor pengaduan kekerasan brp?')).toBe(true);
    expect(
      heard(
        'adik sy hilang kontak 2 bulan, agen bilang sudah bisa dihubungi tapi sampai sekarang belum ada kabar, gimana?',
      ),
    ).toBe(true);
    expect(heard('dijanjikan berangkat ke malaysia, ternyata ditinggal di hutan perbatasan')).toBe(true);
    expect(heard('tolong, adik sy dikurung majikan, kalau nanti hp saya diblokir agennya gimana?')).toBe(
      true,
    );
  });
});

describe('safety net: no emergency now', () => {
  it.each([
    // "menahan" papers, not a person.
    'mau lapor yayasan di desa kami yg menahan ijazah lulusan',
    'PT di kota saya yang menahan sertifikat peserta magang mau saya adukan',
    'mau mengadu LPK di daerah kami yg menahan ijazah calon pekerja',
    // Money paid for papers.
    'sy udh ksh 5jt ke sponsor buat paspor dan visa, tp visanya ga pernah diurus',
    'ibu sy dimintain 4jt untuk paspor sama calo, ternyata paspornya tidak pernah dibuat',
    'anak sy bayar biaya paspor dan medical ke PL, skrg PL nya ngeles terus',
    // A service named by the harm it takes reports of.
    'berapa nomor layanan pengaduan kekerasan?',
    'hotline kekerasan terhadap perempuan dan anak apa ya',
    'nomor aduan kekerasan perempuan dan anak di kabupaten brp',
    // Cooking and homework.
    'tolong resep ayam bakar dong',
    'tolong tugas sekolah anak saya susah banget',
    'tolong, masakan apa yg gampang buat sahur',
    // The sender's own papers, phone or pay imagined ahead.
    'jika nanti hp aku disita bos di sana, lapor kemana?',
    'misal nanti gaji saya tidak dibayar di taiwan, telpon siapa?',
    'kalau suatu saat paspor saya diambil agen, harus gimana?',
    // Back in touch after a silence, asked about.
    'kakak sy sempat hilang kontak di malaysia, alhamdulillah sudah bisa dihubungi lagi. gimana cara dia perpanjang paspor?',
    'suami sy 3 minggu ga ada kabar, tp kemarin sudah ngabarin, aman. lapor diri ke kbri caranya gmn?',
    'ibu sy lama ga bisa ditelpon, skrg udah aktif lagi hp nya, kalau mau kirim uang ke dia gimana?',
    // A departure promised months ago and not made: waiting at home.
    'mau lapor PT yg janji berangkat 3 bulan tapi sudah setahun, kami ditelantarkan, berkas tidak dikembalikan',
    'LPK katanya berangkat bulan depan, sudah 8 bulan warga desa kami digantung, ktp ditahan',
    'dijanjikan berangkat ke jepang tapi sudah setahun terlantar, dokumen belum dikembalikan',
    // Put off going home, still calling home.
    'kakak sy mau pulang tp majikannya bilang nanti abis lebaran, masih sering telpon kok',
    // Over, and asking how to keep an eye on them.
    'dulu suami sy pernah ditahan di penampungan, alhamdulillah sudah keluar, sekarang kerja di malaysia. sy cuma mau tau cara memantau dia',
  ])('no alarm: %s', (text) => {
    expect(heard(text)).toBe(false);
  });
});

describe('intents said in other words', () => {
  it.each([
    // Reporting that someone is at work.
    ['report', 'laporan pak, ada calo di kampung yang narik uang pendaftaran'],
    ['report', 'mau melaporkan ada akun ig yang jual kursi magang ke jepang'],
    ['report', 'lapor ada yayasan yg minta dp 10jt buat berangkat ke taiwan'],
    // A complaint about a recruiter wins over having paid.
    ['report', 'saya mau komplain soal sponsor yg sudah sy bayar tp masih nahan ijazah sy'],
    ['report', 'mau komplen calo yg pegang akta anak sy padahal batal berangkat'],
    ['report', 'pengen complain agen yg sudah terima uang tp nahan kk kami'],
    // Money gone to a recruiter, the recruiter dodging, what it paid for never done.
    ['paid', 'uang 10jt udah masuk ke calo, sekarang calonya ngeles terus'],
    ['paid', 'duit 12 juta sudah ditransfer ke agen, agennya banyak alasan'],
    ['paid', 'sponsor sy berkelit terus tiap ditanya soal uang 8jt'],
    ['paid', 'sudah setor 9jt ke PL buat tiket, tiketnya ternyata tidak pernah dibeli'],
    ['paid', 'kasih 6jt ke agen untuk visa, visanya ternyata palsu'],
    ['paid', 'sy sdh serahin bpkb motor ke sponsor sbg jaminan, sampai skrg tidak dikembalikan'],
    ['paid', 'pinjam koperasi 15jt buat bayar calo, sekarang tidak jadi kerja'],
    ['paid', 'utang bank buat bayar lpk, ujungnya batal kerja, cicilan masih jalan'],
    ['paid', 'already give money to the agent for korea, now he wants more or cancel'],
    // Whether a company may place workers at all.
    ['agency', 'koperasi Maju Bersama itu punya izin memberangkatkan pmi ga'],
    ['agency', 'LPK di kota sy berhak menempatkan pekerja ke jepang?'],
    ['agency', 'yayasan itu boleh menyalurkan tkw ke hongkong atau tidak'],
    // A vacancy asked about, not a programme.
    ['jobs', 'lowongan pabrik di korea kapan buka lagi'],
    ['jobs', 'loker perawat lansia di taiwan buka kapan ya'],
    ['question', 'pendaftaran g to g jepang kapan dibuka'],
    ['question', 'moratorium arab kapan dibuka lagi'],
    // An offer told in broken English.
    ['offer', 'agent say I can work in korea with student visa first, legit?'],
    ['offer', 'sponsor tell me no need training, I can go next week. safe?'],
    ['offer', 'recruiter say salary 20 million in japan, is it real'],
    // A vacancy in code-switching.
    ['jobs', 'ada vacancy buat waiter di hotel qatar?'],
    ['jobs', 'any opening di pabrik taiwan'],
    ['jobs', 'cari job buat cleaner di singapore'],
    // Keeping an eye on someone close; a question without a question mark.
    ['family', 'sy cuma mau tau cara mantau anak sy di korea'],
    ['family', 'mau tanya gimana cara memantau kondisi istri sy di hongkong'],
    ['question', 'pengen tau cara daftar ke jepang lewat jalur resmi'],
  ])('%s: %s', (intent, text) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe('answer cards with the fact', () => {
  const card = (text: string) => u.understand(text).answer?.id;
  it.each([
    // Whether someone of an age may go: the card says 18.
    ['min-age', 'umur 17 udh bisa daftar pmi?'],
    ['min-age', 'anak sy 16 tahun boleh kerja ke malaysia?'],
    ['min-age', 'adik sy usianya 17, sudah boleh berangkat belum?'],
    // Household work in the Middle East: the ban.
    ['me-moratorium', 'boleh gak jadi babysitter di kuwait lewat pt?'],
    ['me-moratorium', 'bisa daftar jd nanny ke dubai skrg?'],
    ['me-moratorium', 'can I work as a nanny in qatar now?'],
    // The Kemlu hotline asked as a call centre, and for a phone taken by an employer.
    ['kemlu-hotline', 'call center kemenlu buat wni di luar negeri brp?'],
    ['kemlu-hotline', 'what is the kemlu call centre number for indonesians overseas?'],
    ['kemlu-hotline', 'if my employer takes my phone abroad, what should I do?'],
    // Documents before applying, in code-switching.
    ['documents-law', 'harus prepare dokumen apa sebelum apply kerja ke luar negri?'],
    ['documents-law', 'berkas apa aja yang wajib sebelum apply jadi tki?'],
    ['documents-law', 'what papers do I need to have ready before I apply for a job overseas?'],
  ])('%s: %s', (id, text) => {
    expect(card(text)).toBe(id);
  });

  it.each([
    'my employer in taiwan does not pay my salary, who do I call?',
    'salary not paid by employer in taiwan, which number?',
    'who can I call in taiwan when the salary is not paid?',
  ])('unpaid wages in Taiwan: the card names 1955 (%s)', (text) => {
    const id = card(text);
    const answer = (id ? catalog.answers.card(id)?.answer : undefined) as Record<string, string> | undefined;
    expect(answer?.en).toContain('1955');
  });

  it('names 0800-1000 and 1955 on the unpaid-wages card', () => {
    const answer = catalog.answers.card('unpaid-wages')?.answer as Record<string, string> | undefined;
    for (const text of [answer?.id, answer?.en]) {
      expect(text).toContain('0800-1000');
      expect(text).toContain('1955');
    }
  });
});

describe('job sectors', () => {
  it.each([
    'lowongan jaga orang sakit di hongkong',
    'ada kerjaan merawat orang sakit di jepang?',
    'cari loker rawat orang sakit di taiwan',
  ])('care: %s', (text) => {
    expect(u.understand(text).entities.sector).toBe('care');
  });

  // A sector named in more words wins over one of its words named by another sector.
  it.each([
    ['hospitality', 'mau kerja di kapal pesiar, ada lowongan?'],
    ['hospitality', 'loker kapal pesiar eropa yg resmi'],
    ['hospitality', 'any cruise ship crew vacancy for indonesians?'],
    ['health', 'lowongan perawat rumah sakit di arab saudi'],
    ['health', 'cari kerja perawat di rumah sakit jepang'],
    ['health', 'ada loker jadi perawat rumah sakit ke jerman?'],
    ['care', 'lowongan perawat lansia di taiwan'],
    ['fishing', 'lowongan abk kapal ikan korea'],
  ])('%s: %s', (sector, text) => {
    expect(u.understand(text).entities.sector).toBe(sector);
  });
});
