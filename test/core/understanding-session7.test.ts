import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../src/bootstrap.js';
import { lastSentence } from '../../src/core/understanding/understand.js';
import { tokensOf } from '../../src/core/understanding/tokens.js';
import { realContent } from '../helpers/engine.js';

// Sentences written for this test (not from any corpus): each rule added in the seventh round is tried
// on paraphrases of its own, next to a sentence it must leave as it was.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const heard = (text: string) => u.understand(text).distress !== undefined;
const intentOf = (text: string) => u.understand(text).intent;
const NO_SPELLINGS = new Map<string, string>();

describe('"ibu rumah tangga" is a housewife, not a mother', () => {
  it('reads the phrase as one word', () => {
    expect(tokensOf('Sy ibu rumah tangga', NO_SPELLINGS)).toEqual(['sy', 'irt']);
    expect(tokensOf('buat ibu2 rumah tangga', NO_SPELLINGS)).toEqual(['buat', 'irt']);
    expect(tokensOf('ibu-ibu rumahtangga di desa', NO_SPELLINGS)).toEqual(['irt', 'di', 'desa']);
    // A mother at home is still a mother.
    expect(tokensOf('ibu sy di rumah', NO_SPELLINGS)).toEqual(['ibu', 'sy', 'di', 'rumah']);
  });

  it('a job search for housewives is a job search', () => {
    expect(intentOf('ada loker di taiwan buat ibu rumah tangga usia 40?')).toBe('jobs');
    expect(u.understand('lowongan pabrik di malaysia utk ibu rumah tangga').entities.country).toBe('my');
  });

  it('a mother abroad is still family, and her harm still heard', () => {
    expect(intentOf('ibu sy di taiwan gajinya telat 2 bulan')).toBe('family');
    expect(heard('sy ibu rumah tangga, anak sy dikurung majikan di arab')).toBe(true);
  });
});

describe('a case told as over, asked about for another time', () => {
  it('is a question, and no alarm', () => {
    const text =
      'kakak sy dulu hilang kontak di hongkong, skrg sudah aman. kalau nanti ada apa2, nomor hotline kbri berapa';
    expect(heard(text)).toBe(false);
    expect(intentOf(text)).toBe('question');
    expect(
      intentOf(
        'my brother was held by his agency last year, he is home now and fine. in case it happens again, what is the kemlu hotline?',
      ),
    ).toBe('question');
  });

  it('help for someone close now stays family', () => {
    expect(
      intentOf(
        'dulu adik sy pernah ditahan di penampungan, alhamdulillah sudah keluar, skrg kerja di malaysia. sy mau tau cara mantau dia',
      ),
    ).toBe('family');
  });

  it('still in it, or in it again, is heard', () => {
    expect(
      heard(
        'adik sy dulu disekap, sudah pulang, tapi skrg disekap lagi di kamboja. kalau gini lapor kemana?',
      ),
    ).toBe(true);
  });
});

describe('news, training material or an old case, then a question', () => {
  it('is a question, not an advert to scan', () => {
    expect(
      intentOf(
        'Berita di tv: 30 WNI disekap di myanmar, dipaksa jadi scammer, hubungi segera keluarga. kalau ada kejadian kayak gitu, lapornya ke nomor call center berapa ya?',
      ),
    ).toBe('question');
    expect(
      intentOf(
        'bahan penyuluhan buat kelas PKK: calo minta uang tunai, umur dipalsukan, paspor ditahan. bener gk ciri2 ini semua?',
      ),
    ).toBe('question');
    expect(
      intentOf(
        'teman sy tahun lalu disekap di kamboja, tapi sudah pulang selamat. ada program buat korban yg udh pulang gak?',
      ),
    ).toBe('question');
  });

  it('an offer made to someone close, next to the news, is still an offer to check', () => {
    expect(
      intentOf(
        'liat berita ada WNI disekap di kamboja. adik sy ditawarin sponsor kerja jd admin di thailand gaji 20jt, sama gk modusnya?',
      ),
    ).toBe('offer');
  });
});

describe('the card of a question asked after a story', () => {
  it('takes the last sentence when it fits a card better', () => {
    const card = u.understand(
      'Tadi baca berita soal PT bodong yang ditutup polisi di Jawa Timur. Serem banget. cara cek PT penyalur resmi gimana?',
    ).answer;
    expect(card?.id).toBe('check-agency');
  });

  it('finds the last sentence of a few words', () => {
    expect(lastSentence('Sudah pulang. Lapornya ke nomor berapa ya?')).toBe(' Lapornya ke nomor berapa ya');
    expect(lastSentence('satu kalimat saja tanpa titik di tengah')).toBeUndefined();
    expect(lastSentence('Cerita panjang. oke?')).toBeUndefined();
  });
});

describe('block J of the development part, in other words', () => {
  it('a down payment to a recruiter that closed is money paid', () => {
    expect(intentOf('udh DP 3jt ke PT buat ke korea, PT nya tutup, uang sy gimana')).toBe('paid');
  });

  it('an offer in polite Sundanese is an offer to check', () => {
    expect(intentOf('aya nu nawiskeun padamelan ka Jepang, kedah mayar 30 juta, aman teu?')).toBe('offer');
  });

  it('how to use the bot, in Javanese', () => {
    expect(intentOf('aku bingung, iki carane nganggo piye to')).toBe('help');
    expect(intentOf('abdi teu ngartos, kumaha carana make ieu')).toBe('help');
  });

  it('the KUR loan and the Japan age limit get their cards', () => {
    expect(u.understand('how much interest is charged on the KUR loan?').answer?.id).toBe('kur-pmi');
    expect(u.understand('umur maksimal careworker g to g jepang berapa').answer?.id).toBe(
      'japan-g2g-requirements',
    );
  });
});

describe('everyday matters are off-topic', () => {
  it.each([
    'tolong cariin anjing sy lepas dari tadi pagi',
    'hp sy panas bgt kalo dicas, kenapa ya',
    'ayo mabar ml nanti malam',
    'skor bola semalam berapa',
    'dmn beli pupuk yg murah',
    'my dog is sick what should i feed him',
    'isi pulsa yg murah dimana ya',
  ])('none: %s', (text) => {
    expect(u.understand(text).distress).toBeUndefined();
    expect(intentOf(text)).toBeUndefined();
  });

  it('an everyday word next to what the bot does changes nothing', () => {
    expect(
      heard('tolong anak sy dikurung majikan, hp nya disita, cuma bisa main game diam2 buat kirim pesan'),
    ).toBe(true);
    expect(intentOf('jual motor buat bayar sponsor 20jt, skrg sponsornya kabur')).toBe('paid');
  });
});

describe('small words of recruiters and offices', () => {
  it('money handed to a sponsor who then calls it off is money paid', () => {
    expect(intentOf('uang 15jt udh sy kasih ke calo, terus dia bilang batal, cuma mau balikin separuh')).toBe(
      'paid',
    );
  });

  it('going through a licensed company, asking what to prepare, is a question', () => {
    expect(intentOf('bulan depan sy berangkat ke korea lwt PT resmi, apa yg harus sy siapin?')).toBe(
      'question',
    );
  });

  it('what an office can help with is a question, not about the bot', () => {
    expect(intentOf('disnaker bisa bantu apa buat warga yg mau ke luar negeri')).toBe('question');
  });
});

describe('a household worker, however named', () => {
  it('gets the card on what household workers must not pay', () => {
    expect(u.understand('jadi babu ke taiwan harus bayar apa aja?').answer?.id).toBe(
      'household-must-not-pay',
    );
    expect(u.understand('pembantu ke hongkong bayar tiket sendiri gak?').answer?.id).toBe(
      'household-must-not-pay',
    );
  });
});

describe('probes of our own (session 7)', () => {
  it('hears someone in hospital abroad for days, and a nurse at work there is no alarm', () => {
    expect(heard('suami sy sudah di rs 5 hari di malaysia, agennya gak mau cerita apa2')).toBe(true);
    expect(heard('sy perawat, pengalaman kerja di rumah sakit 3 tahun, mau ke jepang')).toBe(false);
  });

  it('hears Madurese and Sasak spellings of locked in and unreachable', () => {
    expect(heard("ana' engkok e saudi e konci e kamar, ta' olle kaloar")).toBe(true);
    expect(heard('anak tiang lek taiwan ndeq bau tehubungin due bulan')).toBe(true);
  });

  it('a safe arrival told with thanks is a thank-you, unless it asks something', () => {
    expect(intentOf('suami sy udh sampai di korea dgn selamat, terima kasih infonya ya')).toBe('greeting');
    expect(intentOf('I arrived safely in Taiwan, the agency picked me up. Thank you so much')).toBe(
      'greeting',
    );
    expect(
      intentOf('anak sy udh sampai di taiwan dgn selamat, makasih. lapor diri ke KDEI perlu gak?'),
    ).not.toBe('greeting');
    expect(heard('istri sy udh sampai di arab dgn selamat tp skrg hp nya disita majikan, makasih')).toBe(
      true,
    );
  });
});

describe('questions in other words (session 7 probes)', () => {
  it.each([
    ['suami mau kerja ke korea, perlu surat izin istri gak', 'family-permission'],
    ['eps korea buka bidang apa aja selain pabrik', 'korea-sectors'],
    ['sertifikat kompetensi itu apa', undefined],
    ['setelah tiba di taiwan wajib lapor kemana', 'lapor-diri'],
    ['what documents are needed to work in korea', undefined],
  ])('a question: %s', (text, card) => {
    const got = u.understand(text);
    expect(got.intent).toBe('question');
    if (card) expect(got.answer?.id).toBe(card);
  });

  it('a question ends with where, when or who, and an English one starts with its question word', () => {
    expect(u.understand('kantor bp3mi terdekat dimana').asked).toBe(true);
    expect(u.understand('what do i need to bring to the medical check').asked).toBe(true);
    expect(u.understand('sy mau ke jepang').asked).toBe(false);
  });

  it('a relative about to start work abroad, asked about, is a question', () => {
    expect(intentOf('at what age can my daughter start working abroad')).toBe('question');
  });
});

describe('reports, money paid and offers in other words (session 7 probes)', () => {
  it("a recruiter's claim asked about, however long the story, is an offer to check", () => {
    expect(
      intentOf(
        'kata calonya nanti ke malaysia naik kapal dulu ke batam, paspor diurus belakangan, terus kerja di kebun, itu aman?',
      ),
    ).toBe('offer');
  });

  it('a company asking for money is an offer, and "PT nya" names no company', () => {
    expect(intentOf('PT nya minta biaya proses 12jt sebelum medical, wajar gak')).toBe('offer');
    expect(intentOf('PT Cahaya Abadi Sentosa resmi gak?')).toBe('agency');
  });

  it('the agency of someone close at work abroad, no money paid, is family help', () => {
    expect(intentOf('istri sy di taiwan kontraknya habis bulan depan, agensinya gak bisa dihubungi')).toBe(
      'family',
    );
    expect(intentOf('sy udh bayar 15jt ke agen buat ke taiwan, agennya gak bisa dihubungi')).toBe('paid');
  });
});

describe('distress in other words (session 7 probes)', () => {
  it.each([
    'adik sy kerja di pabrik korea, kakinya kejepit mesin, perusahaan gak mau bawa ke rs',
    'bapak sy udh 15 tahun di saudi, mau pulang tapi majikan gak ngizinin',
    'my aunt in qatar has not been allowed to call us for months',
    'he told her if she runs away they will hurt her parents',
    'my cousin was promised a hotel job but they made her an escort in kuala lumpur',
    'anak tiang lek malaysia ndeq te bau ulek isiq majikan',
    "lakè engkok mateh e malaysia, ta' onèng carana mole'agi",
  ])('hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it('a general question with an "if" is still no alarm', () => {
    expect(heard('kalau pmi meninggal di luar negeri siapa yang mengurus jenazahnya?')).toBe(false);
    expect(heard('kalo korban tppo bisa minta ganti rugi gak')).toBe(false);
  });
});

describe('more questions in other words (session 7 probes)', () => {
  it('"bisa gak …" in the middle of a sentence asks', () => {
    expect(u.understand('boleh gak kerja ke jepang tanpa lewat lpk').asked).toBe(true);
    expect(u.understand('sy tidak bisa tidur').asked).toBe(false);
    expect(u.understand('bisa gak berangkat ke korea sendiri tanpa pt').answer?.id).toBe('independent-route');
  });

  it('a hotline asked for, and registering before leaving, are questions', () => {
    expect(intentOf('di korea ada helpline buat pekerja asing?')).toBe('question');
    expect(intentOf('harus lapor ke kepala desa dulu gak sebelum berangkat')).toBe('question');
  });

  it('how to tell a job order is real is a question', () => {
    expect(intentOf('gimana cara tau job order dari agen itu asli')).toBe('question');
  });
});

describe('English and code-switched questions (session 7 probes)', () => {
  it('how to check a company is a question, in any mix of languages', () => {
    expect(intentOf('gimana cara cek agency legal or not')).toBe('question');
  });

  it('"is the … job a scam" is no job search: an offer to check, or the card on online scams', () => {
    expect(intentOf('is the admin job in laos with high salary a scam')).toBe('offer');
    expect(u.understand('is the data entry job in myanmar with free ticket a scam').answer?.id).toBe(
      'online-scam',
    );
  });
});

describe('a case told as over, with thanks', () => {
  it('is no alarm, unless it goes on', () => {
    expect(
      heard('alhamdulillah kakak sy yg dulu dikurung agen di malaysia udh pulang dgn selamat, terima kasih'),
    ).toBe(false);
    expect(heard('terima kasih, adik sy udh pulang, tapi skrg disekap lagi sama agennya')).toBe(true);
  });
});

describe('short chat spellings (session 7 probes)', () => {
  it('a penalty asked in short spelling is a question, no alarm', () => {
    const got = u.understand('hkmn pelaku tppo brp thn');
    expect(got.distress).toBeUndefined();
    expect(got.answer?.id).toBe('tppo-penalty');
  });

  it('too old to go is a question', () => {
    expect(intentOf('udah tua gini masih bisa kerja ke taiwan gak ya? umur 48')).toBe('question');
  });

  it('where to check licensed companies is a question, not one company to check', () => {
    expect(intentOf('ngecek lpk resmi dimana')).toBe('question');
  });
});

describe('a report already made, asked about', () => {
  it('is the report status', () => {
    expect(intentOf('i reported the sponsor two weeks ago, any update?')).toBe('status');
    expect(intentOf('sy udh ngelaporin calo minggu lalu, belum ada kabar')).toBe('status');
  });
});

describe('Sasak: already paid, not left yet', () => {
  it('is money paid', () => {
    expect(intentOf('inaq tiang wah bayah 12 juta jok calo, ndeq man berangkat')).toBe('paid');
  });
});

describe('"gak kabar" without "ada"', () => {
  it('is silence: months of it is distress, days of it a worry', () => {
    expect(heard('kakak sy di brunei udh 4 bulan gak kabar')).toBe(true);
    const days = u.understand('istri sy 2 hari gak kabar, katanya lagi sibuk lembur');
    expect(days.distress).toBeUndefined();
    expect(days.intent).toBe('family');
  });
});

describe('code-switched reports', () => {
  it('"mau report calo …" asks to report, even when the calo ran off with money', () => {
    expect(intentOf('sy mau report sponsor yg bawa kabur uang tetangga, gimana caranya')).toBe('report');
  });
});
