import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { joinPassives } from '../../../src/core/understanding/lexicon.js';
import { realContent } from '../../helpers/engine.js';

// Sentences written for this test (not from any corpus): each rule added for the fourth round's second
// block of development messages is tried on paraphrases of its own.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const heard = (text: string) => u.understand(text).distress !== undefined;

describe('safety net: harm told in broken spelling, after an offer, or inside a question', () => {
  it.each([
    // Old parents' spelling, passives written apart ("d tahan", "di kunci").
    'pk tlng ank sy d malaysia d tahan polsi, agen nya gk blng ap2',
    'ank sy d kunci d kmar sm majikan gk d ksh mkn',
    'suami sy mningal d kapal, jnazah ny blm d plngkan',
    'cucu sy umr 15 d bw tetngga k batam d suru nemnin tamu',
    // A debt or fine to leave, stop or go home.
    'sy di pabrik di taiwan, kalau mau berhenti disuruh bayar utang 60 juta ke agen',
    'kami di penampungan, kalo keluar tanpa izin didenda 3jt, ktp ditahan',
    'istri sy mau pulang tapi katanya harus ganti biaya 20 juta dulu',
    'adik sy minta pulang tp bosnya bilang harus kerja setahun lagi',
    'I am in Taiwan now, the broker says I owe him money and I cannot change job',
    // Passed on, moved away, made to keep guests company, put in a brothel.
    'kakak sy dibawa agen ke tempat lain, hp nya ditinggal di mess',
    'sy dioper ke majikan lain tanpa kontrak',
    'anak sy ternyata ditaruh di bordil sama calonya',
    // Beaten, papers held by "him", ill and made to work, locked in, put out at night.
    'majikan suka tendang sy, kepala sy dibenturin ke tembok',
    'paspor sy dia pegang, sy tidur di gudang',
    'adik sy kena demam tinggi tapi tidak boleh istirahat',
    'apakah boleh majikan kunci pintu tiap dia pergi? sy di qatar',
    'sy di oman udah 6 bulan tidak pernah keluar rumah',
    'my employer kicked me out at night, I have no money and my passport is inside',
    'the boss threw me out of the flat, now sleeping in the park',
    // Just out of immigration detention with nothing.
    'sy baru keluar dari penjara imigrasi, gak ada duit, gak ada yg jemput',
  ])('hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it('hears an offer question from someone already there', () => {
    expect(
      heard(
        'ada lowongan lain gk di korea? soalnya sy sekarang di korea, kalo mau keluar harus bayar utang 50jt',
      ),
    ).toBe(true);
    expect(
      heard(
        'I want to ask about a job in Japan... actually I am already in Japan, the agent keeps my passport',
      ),
    ).toBe(true);
  });

  it('hears a case told as over when it is not over', () => {
    expect(
      heard('adik sy dulu sudah pulang, sekarang berangkat lagi dan masih dikurung majikan, gimana?'),
    ).toBe(true);
  });
});

describe('safety net: no emergency now', () => {
  it.each([
    // A promise that it will not happen.
    'kata sponsor di sana gak bakal ditahan paspor, aman kan?',
    'agen janji tidak akan dipukul majikan, bener gak?',
    // A case told as over, asked about.
    'sepupu sy dulu dikurung majikan, tp udh dipulangin dan skrg sehat. gaji yg dulu bisa dituntut gk?',
    'teman sy pernah ditahan paspornya, sudah beres dan sudah pulang selamat. lapornya kemana ya kalo ada kasus lagi?',
    'my cousin was locked in by her employer last year but she is already home and fine now, can she claim her wages?',
    // News, training material, a role play.
    'Berita hari ini: "5 PMI disekap di kamboja dan dipukuli". cara cek PT resmi gimana?',
    'materi penyuluhan: 1. paspor ditahan 2. dikurung 3. dipukul. ada yg kurang gk?',
    'lagi latihan role play, adegannya korban bilang "tolong saya disekap". petugas jawab apa?',
    'Breaking news: workers rescued after being locked in a factory. Anyway how much is the fee to Japan?',
    // Fear before leaving; silence with its reason.
    'sy mau berangkat ke korea, takut kejadian kayak tetangga yg dikurung. apa yg harus disiapin?',
    'ayah sy di kebun sawit 2 minggu gak telp, katanya gak ada sinyal, biasanya juga gitu. perlu khawatir?',
    // Own passport.
    'I arrived safely, my employer is nice and I keep my own passport, thanks',
  ])('no alarm: %s', (text) => {
    expect(heard(text)).toBe(false);
  });

  it('keeps a framed sentence that names someone of the sender', () => {
    expect(heard('berita dari grup: adik saya disekap di kamboja, tolong')).toBe(true);
  });
});

describe('passive verbs written apart', () => {
  const passive = { exact: new Set(['ditahan', 'dikunci']), starts: ['dipukul'] };
  it('joins "di" and a verb the rules name, not a place', () => {
    expect(joinPassives(['di', 'tahan', 'di', 'kamar'], passive)).toEqual(['ditahan', 'di', 'kamar']);
    expect(joinPassives(['di', 'pukulin', 'di', 'luar'], passive)).toEqual(['dipukulin', 'di', 'luar']);
    expect(joinPassives(['di', 'kunci'], passive)).toEqual(['dikunci']);
  });
});
