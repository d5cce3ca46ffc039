import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { findReportCode } from '../../../src/core/understanding/understand.js';
import { realContent } from '../../helpers/engine.js';

const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const intent = (text: string) => u.understand(text).intent;

describe('safety net (DESIGN §11.1)', () => {
  it.each([
    'tolong sy dikurung majikan di arab',
    'tlg adik sy dipukulin majikannya',
    'paspor anak saya ditahan agen dan dia tidak boleh pulang',
    'suami saya tidak bisa dihubungi sudah 4 bulan',
    'my sister was forced to scam people in cambodia',
    'kakak saya meninggal di malaysia',
    'help me please i am locked in the house',
  ])('hears distress in a sentence: %s', (text) => {
    expect(u.understand(text).distress).toBeDefined();
  });

  it('chooses where the person is: abroad with the country, or at home', () => {
    expect(u.distress('tolong adik sy dikurung majikan di malaysia')).toMatchObject({
      where: 'abroad',
      country: 'my',
    });
    expect(u.distress('anak saya disekap di penampungan sponsor')).toMatchObject({ where: 'home' });
  });

  it('does not read "tolong" as a cry when it means "please"', () => {
    expect(u.distress('tolong jelaskan syarat kerja ke taiwan')).toBeUndefined();
    expect(u.distress('tolong cek PT Maju Jaya')).toBeUndefined();
  });

  it('does not read an advert as distress, even with an urgent word', () => {
    const advert =
      'DARURAT!! dibutuhkan segera 20 orang TKW ke Malaysia, gaji 8jt, tiket dan mess gratis, syarat usia 18-35, hubungi WA 0812 3456 7890';
    expect(u.distress(advert)).toBeUndefined();
    expect(intent(advert)).toBe('offer');
  });

  it('hears a child taken by a recruiter without an age number, and a grave sign told in the first person inside an advert-like text', () => {
    expect(u.distress('anak saya masih SMP diajak sponsor ke batam katanya mau dikerjakan')).toBeDefined();
    expect(u.distress('adik saya umur 16 ditawari kerja jadi LC karaoke di malaysia')).toBeDefined();
    expect(
      u.distress(
        'saya di kamboja disuruh nipu orang, gaji 15jt tidak dibayar, paspor ditahan, dibutuhkan bantuan segera, hubungi keluarga saya 0812 3456 7890',
      ),
    ).toBeDefined();
  });

  it('reads a general question about a case as a question, not distress', () => {
    expect(u.distress('kalau tki meninggal siapa yang wajib mengurus jenazahnya')).toBeUndefined();
  });
});

describe('safety net guards, on sentences written for this test (not from any corpus)', () => {
  it('sets aside words that are no sign of distress where they stand, and still hears the rest', () => {
    for (const text of [
      'istri saya di taiwan, majikannya sudah meninggal, perlu cari majikan baru?',
      'kakek yang dirawat istri saya sudah meninggal, istri saya mau pulang',
      'suami saya di korea kecelakaan ringan di pabrik, bisa klaim bpjs?',
      'bapak menjual sawah buat bayar sponsor, tapi belum berangkat juga',
      'we sold our land to pay the agent and my brother is still waiting',
      'calo yang menipu warga kami? calonya sudah ditangkap polisi, uang kami gimana',
      'nomor darurat kbri kuala lumpur berapa?',
      'what is the emergency number of the embassy in riyadh',
    ])
      expect(u.distress(text), text).toBeUndefined();
    expect(u.distress('majikannya meninggal, lalu adik saya dipukul anak majikan')?.kinds).toContain('abuse');
    expect(u.distress('kecelakaan ringan kemarin, sekarang dia koma di rumah sakit')?.kinds).toContain(
      'death',
    );
  });

  it('reads papers kept by a recruiter at home as a warning sign of the offer, unless someone close or a place abroad is named', () => {
    expect(u.distress('kata sponsornya ijazah sama paspor saya dia simpan dulu, wajar?')).toBeUndefined();
    expect(u.distress('paspor adik saya ditahan sponsor')).toBeDefined();
    expect(u.distress('paspor saya ditahan sponsor di malaysia')).toBeDefined();
    expect(u.distress('paspor saya ditahan majikan')).toBeDefined();
    // Told as a fact, not asked about or reported: the numbers first.
    expect(u.distress('paspor saya ditahan calo di batam')).toBeDefined();
  });

  it('reads a question about the signs of a crime as a question, unless the sender tells of harm', () => {
    expect(u.distress('ciri2 perdagangan orang apa aja, biar saya tidak tertipu')).toBeUndefined();
    expect(u.distress('what are the signs of human trafficking, so i can protect myself')).toBeUndefined();
    expect(u.distress('saya disekap, apa ini tanda perdagangan orang?')).toBeDefined();
  });

  it('does not read a plea to act on a recruiter as a cry', () => {
    expect(u.distress('ada calo keliling desa bawa brosur kerja ke kamboja, tolong diusut')).toBeUndefined();
  });
});

describe('safety net on sentences written for this test (not from any corpus)', () => {
  it.each([
    'my employer does not let me go home',
    'they took my passport and i cannot leave',
    'i have not been paid for 5 months and they say i cannot go',
    'please help me get out of here',
    'i am being held in a house in riyadh',
    'they keep us locked in the dormitory',
    'my boss beats me every day',
    'i cannot contact my family, they took my phone',
    'my sister has been missing since march',
    "we haven't heard from him since he left last year",
    'my brother is in jail in malaysia',
    'my mother died in saudi, how to bring her body home',
    'he was arrested by immigration police',
    'my cousin is in a detention centre in sabah',
    'they force us to work 20 hours and never pay',
    'he cannot leave the fishing boat for 2 years',
    'the agent sold my daughter to another boss',
    "i was raped by my employer's son",
    "my wife is very sick and the employer won't take her to hospital",
    'we are stuck at the border without passports',
    'my daughter is only 16 and the sponsor took her to jakarta',
    'i escaped from my employer and i am hiding',
    'the company in cambodia forces us to scam people online',
    'they want 5000 dollars before they let my son go',
    'my husband says he wants to kill himself',
    'i am scared, my employer threatens to kill me',
    'tolong kakak saya tidak boleh pulang sudah 3 tahun',
    'adik saya di sekap di mess pabrik',
    'ibu saya di arab tidak digaji 8 bulan dan hpnya disita',
    'anak saya kerja di kapal ikan tidak bisa turun sudah setahun',
    'suami saya ditangkap polisi malaysia karena tidak ada permit',
    'keponakan saya dibawa calo ke batam umurnya 15',
    'kakak saya dipaksa kerja di tempat karaoke di malaysia',
    'istri saya meninggal di taiwan, jenazahnya belum dipulangkan',
    'adik saya kabur dari majikan sekarang tidur di masjid',
    'help my daughter she is locked in the room',
    'adik saya di dubai disuruh bayar 30 juta dulu baru boleh pulang',
    'anak saya bilang mau loncat aja dari jendela, sudah tidak kuat',
    'kakek majikan sering pegang paha saya kalau malam',
    'ibu saya di malaysia kena stroke dan ditinggal di rumah sakit',
    'sudah dua hari adik cuma minum air, majikan tidak kasih makan',
    'saya dideportasi, sekarang di pelabuhan tidak punya ongkos pulang',
    'abang saya ditembak waktu lari dari kebun',
    'my employer does not give my salary 7 months and does not give exit visa',
    'tolong jemput saya, saya telepon diam diam dari kamar mandi',
    'anak saya masih kelas 3 smp dijemput orang PT mau dikerjakan di malaysia',
    'my cousin was shot while running away from the compound',
  ])('hears: %s', (text) => {
    expect(u.understand(text).distress).toBeDefined();
  });
});

describe('intent from the whole sentence (DESIGN §11.3)', () => {
  it.each([
    ['mau lapor calo di desa saya', 'report'],
    ['I want to report a recruiter', 'report'],
    ['ada sponsor narik duit tetangga saya', 'report'],
    ['sy sdh bayar 30jt ke sponsor utk ke jepang blm brgkt2 udh 1thn', 'paid'],
    ['ada yg nawarin kerja ke malaysia aman ga', 'offer'],
    ['cek PT Maju Jaya resmi ga', 'agency'],
    ['lowongan pabrik di jepang', 'jobs'],
    ['anak saya kerja di taiwan, gajinya telat', 'family'],
    ['cek laporan R-7KQ4MX', 'status'],
    ['ini bot bisa apa aja', 'help'],
    ['ganti bahasa', 'language'],
    ['assalamualaikum', 'greeting'],
  ])('%s → %s', (text, expected) => {
    expect(intent(text)).toBe(expected);
  });

  it('reads what a job search names', () => {
    expect(u.understand('lowongan pabrik di jepang').entities).toMatchObject({
      country: 'jp',
      sector: 'manufacturing',
    });
    expect(u.understand('umur anak saya 16 tahun').entities).toMatchObject({ age: 16, relation: 'child' });
    expect(u.understand('sudah bayar 30jt').entities.amount).toBe(30_000_000);
    expect(u.understand('biaya Rp 15.000.000').entities.amount).toBe(15_000_000);
  });

  it('answers a frequent question with its card', () => {
    const got = u.understand('berapa umur minimal jadi PMI');
    expect(got.intent).toBe('question');
    expect(got.answer?.id).toBe('min-age');
  });

  it.each([
    ['apakah pinjaman kur pmi butuh jaminan sertifikat tanah?', 'kur-pmi'],
    ['bulan apa pendaftaran perawat g to g ke jepang dibuka', 'japan-g2g-process'],
    ['who pays the flight of a domestic worker going to hong kong', 'household-must-not-pay'],
    ['berapa tahun hukuman untuk pelaku perdagangan orang', 'tppo-penalty'],
    ['daftar program eps korea lewat website apa', 'siskop2mi'],
  ])('routes "%s" to the card %s', (text, card) => {
    expect(u.understand(text).answer?.id).toBe(card);
  });

  it('understands nothing in gibberish, emoji or numbers only', () => {
    for (const text of ['asdfgh qwerty', '🙏😭🙏', '12345'])
      expect(u.understand(text).distress).toBeUndefined();
    expect(intent('asdfgh qwerty')).toBeUndefined();
  });

  it('copes with a very long message', () => {
    const long = `${'kerja di pabrik jepang gaji besar '.repeat(200)} tolong saya dikurung`;
    expect(u.understand(long).distress).toBeDefined();
  });
});

describe('intent on sentences written for this test (not from any corpus)', () => {
  it.each([
    ['I gave 15 million to a sponsor last year and I am still waiting to go', 'paid'],
    ['we paid the LPK for japan training but they closed the office', 'paid'],
    ['how do i get my money back from the sponsor', 'paid'],
    ['i was cheated by a recruiter, lost 20 million', 'paid'],
    ['my sister works in hong kong and her salary is late this month', 'family'],
    ['my husband in taiwan wants to change employer, how', 'family'],
    ['my mother is in saudi, her contract is finished and she wants to come home', 'family'],
    ['how can i contact the indonesian embassy in malaysia for my son', 'family'],
    ['i want to report a fake agent in my village', 'report'],
    ['there is a man in our village collecting money to send people to malaysia', 'report'],
    ['where can i complain about an illegal recruiter', 'report'],
    ['is PT Sinar Abadi licensed?', 'agency'],
    ['can you check if this company is registered', 'agency'],
    ['any factory jobs in korea?', 'jobs'],
    ['i am looking for caregiver work in taiwan', 'jobs'],
    ['show me vacancies in japan', 'jobs'],
    ['someone offered me a job in dubai with free ticket, is it real?', 'offer'],
    ['what documents do i need to work abroad', 'question'],
    ['how much is the bpjs for migrant workers', 'question'],
    ['is it free to become a domestic worker in hong kong', 'question'],
    ['what is the minimum age', 'question'],
    ['how do i register for the korea eps test', 'question'],
    ['what is the call centre number', 'question'],
    ['what happened to my report', 'status'],
    ['any update on R-7KQ4MX', 'status'],
    ['how do i use this', 'help'],
    ['what can you help me with', 'help'],
    ['can we talk in english', 'language'],
    ['good morning', 'greeting'],
    ['thank you very much', 'greeting'],
    ['paid 10 juta to calo but still not depart', 'paid'],
    ['sponsor bawa kabur duit saya 10 juta', 'paid'],
    ['udah transfer ke pt tapi nomornya diblokir', 'paid'],
    ['duit sy ilang dibawa calo', 'paid'],
    ['saya ketipu lpk, uang pendaftaran tidak kembali', 'paid'],
    ['ibu saya kerja di hongkong, kontraknya mau habis, gimana perpanjangnya', 'family'],
    ['suami sy di malaysia jarang kirim uang, harus gimana', 'family'],
    ['anak sy di taiwan mau pindah majikan', 'family'],
    ['istri saya di hongkong sudah 3 hari tidak membalas wa, biasanya setiap malam telepon', 'family'],
    ['my son in korea no reply for 4 days, maybe busy', 'family'],
    ['adik saya lagi kerja di kapal, gajinya dipotong terus sama agensi, katanya wajar, benar?', 'family'],
    ['apakah benar PRT ke arab saudi sudah dibuka lagi?', 'question'],
    ['is it true the bpjs premium must be paid before leaving?', 'question'],
    ['what number can i call for free from indonesia, the hotline for migrant workers', 'question'],
    ['laporan yang saya kirim kemarin sudah dibaca petugas?', 'status'],
    ['saya sudah lapor dua minggu lalu tapi belum ada tanggapan', 'status'],
    ['tolong catat laporan saya, ada sponsor menipu warga', 'report'],
    ['lapor pak, ada calo bawa anak muda ke malaysia', 'report'],
    ['he took money from many people in our village, i want to report him', 'report'],
    ['my father paid 30 million to the agent and is still waiting', 'paid'],
    ['transfer 5 juta ke orang yang ngaku dari PT, sekarang nomornya tidak aktif', 'paid'],
    ['bayar 15jt ke oknum, ternyata visanya palsu', 'paid'],
    ['saya dapat tawaran kerja dari teman fb, ini lowongan asli?', 'offer'],
    ['kalau mau mengadu ke bp3mi, harus bawa dokumen apa saja?', 'question'],
    ['saya mau lapor, caranya gimana?', 'report'],
    ['anak saya umur 17, boleh daftar kerja ke jepang?', 'question'],
    ['adik saya di taiwan mau pulang sebelum kontrak habis, gimana?', 'family'],
    ['my cousin wants to go work in korea, what is the minimum age?', 'question'],
    ['ditawari PT kerja di jepang, bayar 30 juta, PT nya resmi ga?', 'offer'],
    [
      'saya bayar 12 juta ke sponsor untuk ke taiwan, katanya visa sedang diurus, lalu dia pindah rumah dan sampai sekarang nomornya diblokir',
      'paid',
    ],
    [
      'sponsornya bilang sekarang sudah bisa, tinggal bayar 5 juta langsung berangkat ke malaysia, percaya tidak?',
      'offer',
    ],
    ['gimana cara cek perusahaan penyalur itu punya izin atau tidak?', 'question'],
    ['bot ini resmi dari pemerintah? bisa dipakai untuk apa', 'help'],
    ['can this bot help my sister in taiwan?', 'help'],
    ['apakah jadi PRT ke kuwait sekarang sudah boleh?', 'question'],
    ['who pays the medical check if i go as a caregiver to hong kong', 'question'],
    ['kalau nanti di luar negeri majikan nakal, mengadunya kemana ya', 'question'],
    ['saya mau tanya, daftar kerja ke jepang itu langkah pertamanya apa ya', 'question'],
    ['iya', 'greeting'],
    ['sepupu saya di hongkong mau menikah dengan orang sana, harus lapor kemana?', 'family'],
    ['anak saya di taiwan gajinya dipotong agensi terus, bisa lapor ke kdei?', 'family'],
    ['mau komplain agensi yang motong gaji adik saya di taiwan', 'report'],
    ['ada lowongan pabrik di korea yang lewat PT resmi?', 'jobs'],
    ['factory job in korea please', 'jobs'],
    ['is PT Karya Mandiri legit or not', 'agency'],
    ['biaya pelatihan dan medical caregiver ditanggung majikan kan? tidak boleh potong gaji kan', 'question'],
    ['is it dangerous to work in laos as an admin?', 'question'],
    ['ada tawaran kerja ke rumania lewat agen, disuruh transfer DP 8 juta dulu, legal tidak ya', 'offer'],
    ['kalau kerja di kapal pesiar ternyata gajinya tidak dibayar, itu termasuk penipuan tidak?', 'question'],
    ['keponakan saya 16 tahun mau kerja ke malaysia, sudah boleh belum umur segitu', 'question'],
  ])('%s → %s', (text, expected) => {
    expect(intent(text)).toBe(expected);
  });
});

describe('report codes in their real shape', () => {
  it('finds R-7KQ4MX, r7kq4mx and mistyped codes with a dash, never ordinary words', () => {
    expect(findReportCode('cek R-7KQ4MX ya')).toBe('R-7KQ4MX');
    expect(findReportCode('status r7kq4mx')).toBe('R-7KQ4MX');
    expect(findReportCode('lapor R-3HZ9PA sudah sampai mana')).toBe('R-3HZ9PA');
    expect(findReportCode('lihat rumahku')).toBeUndefined();
    expect(findReportCode('rumahku di desa')).toBeUndefined();
  });
});
