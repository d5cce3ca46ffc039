import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Sentences written for this test (not from any corpus): each rule added for the fourth round of
// development messages is tried on paraphrases of its own.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const intent = (text: string) => u.understand(text).intent;
const heard = (text: string) => u.understand(text).distress !== undefined;

describe('safety net: own situation and harm, told in a sentence', () => {
  it.each([
    // Threats to the sender or their family.
    'setelah sy bilang mau lapor, calonya mengancam mau menculik anak sy',
    'agen ngancem bakal nyakitin keluarga sy di kampung kalau sy kabur',
    'the agent threatened to harm my family if I tell anyone',
    // Forced to drink something harmful.
    'majikan maksa adik sy minum cairan pembersih lantai',
    'istri sy dicekokin alkohol sama bosnya tiap malam',
    'the madam forced my sister to drink bleach',
    // An employer in the worker's room at night, a hidden camera.
    'anak majikan suka masuk kamar sy tiap malam, sy takut',
    'ada kamera tersembunyi di kamar mandi, bos sy suka ngintip',
    'majikan masuk ke kamar adik sy malam malam',
    // Ill or hurt and left without care.
    'suami sy di kapal sakit parah tp ga dibawa ke dokter sama kaptennya',
    'adik sy demam seminggu di mess tp tidak diobati',
    'kakak sy batuk darah di asrama, agensi diam aja',
    'my brother is vomiting blood and the boss will not take him to a clinic',
    // Cannot get away; moved on by the people holding someone.
    'sy di rumah majikan di riyadh ga bisa kabur, pintu selalu dikunci dari luar',
    'anak sy di myawaddy katanya mau dipindah ke perusahaan lain malam malam',
    'adik sy di kamboja bilang mau dipindahin ke tempat lain pake mobil',
    // Money demanded before someone may go home.
    'sy di penampungan, kalau minta pulang disuruh bayar 15 juta',
    'istri sy mau pulang tp majikannya ga ngasih, sudah 2 tahun di sana',
    'the company keeps my daughter and asks us to pay 30 million or they sell her',
    // Wages never sent; no news for months.
    'gaji suami sy di kapal belum pernah dikirim sejak berangkat',
    'udah 4 bulan adik sy ga kirim kabar dari malaysia',
    'anak sy di kapal korea tidak bisa dihubungi sama sekali',
    // A passport gone.
    'tolong, paspor kakak sy udh ga ada, dia di kamboja',
  ])('hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it('hears the plea at the end of a long story whose signs lie far apart', () => {
    const story =
      'pak saya mau cerita, adik saya tahun lalu berangkat ke malaysia lewat sponsor dari desa sebelah, ' +
      'katanya kerja di restoran gajinya lumayan, awalnya lancar telepon tiap minggu, tapi sejak puasa ' +
      'cuma sekali telepon pakai nomor orang lain sambil nangis, gajinya belum pernah dikirim sama sekali, ' +
      'sekarang nomornya mati. saya harus gimana pak, tolong bantu kami';
    expect(heard(story)).toBe(true);
  });

  it('hears it in Madurese, where "ana\'" is a child and not Javanese "ana"', () => {
    expect(heard("ana' engkok e malaysia gajina ta' ebayar duwa' taon")).toBe(true);
    expect(u.understand("ana' engkok e taiwan kangen ana'na, ta' rapa yeh?").entities.relation).toBe('child');
  });
});

describe('safety net: no emergency', () => {
  it.each([
    // A cry about something that is no emergency.
    'tolong ya, ban motor sy bocor di jalan, tambal ban terdekat dimana',
    'darurat, mobil mogok di tol, bengkel 24 jam ada ga',
    'tolong bu, anak sy di hongkong gaji lancar, dia cuma kangen rumah',
    'help, my wife in taiwan is still working, salary is fine, she just misses home',
    // A cry that asks to report someone.
    'tolong, sy mau laporin sponsor yg nipu warga desa biar ditangkap',
    'darurat, ada calo keliling kampung, gimana cara lapor ke polisi',
    'please help, I want to report an agent who took money from my neighbours',
    // An advert's hurry.
    'sy dapat pesan "emergency hiring, caregiver taiwan, berangkat minggu depan" aman ga',
    'URGENT recruitment factory worker malaysia, no fee, aman gk ini',
    // Harm imagined ahead of leaving, asked about.
    'misalnya nanti sy di malaysia dipukul majikan, harus lapor kemana? buat jaga jaga',
    'buat jaga jaga aja, kalau nanti saya dikurung majikan, nomor apa yang ditelepon?',
    'what if my employer hits me, who do I call? just in case before I leave',
    // Signs and victims in general.
    'apa saja ciri ciri perdagangan orang yang menyasar anak muda',
    'korban tppo yang sudah pulang berhak dapat pendampingan apa',
    'ancaman hukuman buat calo yg nipu berapa tahun penjara ya',
    // A signature is no sign; the employer in hospital is not the worker.
    'kontraknya harus tanda tangan dimana ya, di kantor disnaker?',
    'anak sy di taiwan gajinya telat 3 hari karena majikannya lagi opname',
  ])('no alarm: %s', (text) => {
    expect(heard(text)).toBe(false);
  });
});

describe('report or already paid: what the person asks for', () => {
  it.each([
    'sy udh bayar 12jt ke sponsor, gk berangkat, sy mau dia dilaporin ke polisi',
    'duit 5jt sy dibawa kabur calo, pengen sy laporkan biar ga ada korban lagi',
    'kami sudah transfer 20 juta ke LPK lalu kantornya tutup, kami ingin membuat pengaduan resmi',
    'I paid the agent 2000 ringgit and he disappeared, I want to report him to the police',
    'ketipu 9jt sama admin lowongan, bikin laporan dong',
  ])('asks to report: %s', (text) => {
    expect(intent(text)).toBe('report');
  });

  it.each([
    'sudah bayar 10jt ke calo, tidak jadi berangkat, lapor atau nunggu aja ya?',
    'uang sy 8jt dibawa kabur sponsor, mau lapor tapi takut, uang sy gimana',
    'I paid 20 million to a recruiter and never left, what should I do to get my money back',
  ])('asks what now or for the money back: %s', (text) => {
    expect(intent(text)).toBe('paid');
  });

  it('reads a report already sent as a status question', () => {
    expect(intent('laporan yang saya kirim kemarin sudah diproses belum')).toBe('status');
  });
});
