import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Sentences written for this test (not from any corpus): the rules added after block L of the
// development messages (how PMI and their families write from abroad) tried on paraphrases of their own.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const heard = (text: string) => u.understand(text).distress !== undefined;

describe('safety net: harm told in the words PMI use abroad', () => {
  it.each([
    // Hit or pinched by someone of the house, with a hand or a thing.
    'nenek yg sy jaga sering pukul punggung sy pake gagang sapu',
    'ama mukul aku pakai hanger kemarin, tanganku bengkak',
    'majikan cubit lengan adik sy tiap hari sampai memar',
    'my sister says the madam pinches her arm until it is blue every day',
    'grandpa hits me with his cane when angry',
    'the agency says my debt keeps growing, i cannot leave',
    // Touched by a man of the house; threatened with a false accusation.
    'suami majikan suka peluk saya dari belakang kalau istrinya pergi',
    'bos ngancam mau nuduh sy maling kalo sy lapor',
    // Debt bondage.
    'hutang ke agency makin banyak terus, gaji habis buat bayar, gk bisa pulang',
    'mau pulang tapi kata agen harus bayar 45 juta dulu ke kantor',
    // Not let go home; fleeing to the embassy; huroob; a boat that does not dock.
    'kontrak istri sy udh habis tp majikannya tidak mau kasih pulang',
    'aku arep kabur ke kbri, madam ngunci lawang',
    'adik sy kena huroob sama kafilnya, skrg sembunyi di rumah temen',
    'suami sy ABK, kapalnya belum pernah sandar 10 bulan, katanya dipukul mandor',
    // Pregnant and bleeding, a doctor refused; a child sent with an older age on the passport.
    'keponakan sy hamil 5 bulan di dubai, kemarin pendarahan, majikan gak mau bawa ke rumah sakit',
    'anak sy masih 15 thn, sama calo umurnya dinaikin jadi 22 di paspor, skrg di malaysia gk boleh pulang',
    // An exit visa refused; a thing thrown at someone.
    'kakak sy mau pulang, tapi kafil tidak mau buatin exit',
    'exit sy belum diurus majikan, mau pulang gk bisa',
    'madam lempar piring ke muka sy',
    // The same in Javanese and Sundanese spellings.
    'mbakyuku neng arab lagi meteng, getihe metu terus, majikane ora gelem ngeterke nang dokter',
    'madam saben dina njiwit lengenku nganti biru',
    'adi abdi di arab keur kakandungan, getihna kaluar wae, dunungan teu daek nganteur ka dokter',
    'majikan sok nyiwit leungeun abdi dugi ka bulao',
    'utangku neng agen ora lunas lunas, gajiku dipotong terus, arep mulih kon mbayar 40 juta',
    'majikan ora gelem ngekei mulih, kontrake wis entek',
    'dunungan teu masihan mulih padahal kontrak tos beres',
  ])('hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it.each([
    // Over and done, asked about.
    'kakak sy dulu kecelakaan kerja di korea 2 thn lalu, skrg udh pulih. klaim asuransinya gimana?',
    'ayah meninggal di brunei tahun lalu, udh dikubur di desa. santunan jkm nya ngurus dimana?',
    // A death imagined ahead; a trafficker arrested; a returnee's trauma.
    'nenek sy kerja di taiwan, amit amit kalau wafat disana biaya pulangnya siapa yg tanggung?',
    'calo yg menipu adik sy sudah ditangkap, hukumannya bisa berapa tahun?',
    'teman sy korban tppo udh pulang ke kampung, masih trauma. ada konseling gratis gk?',
    // Rumours and strangers; a video on social media.
    'katanya ada orang desa tetangga ditahan imigrasi malaysia, bener gk sih?',
    'nonton di youtube ada pmi disiksa majikan di arab, sedih banget',
    // A crew at sea for weeks; a toothache.
    'anak sy ABK kapal taiwan, seminggu gak ngabarin soalnya lagi melaut, biasanya emang gitu',
    'adik sy di hk sakit gigi, majikan gak mau anter ke dokter gigi',
    // Paying one's own ticket home, a water depot, a phone screen.
    'sy mau pulang tapi harus bayar tiket 5jt sendiri ya?',
    'depot air minum di dekat rumah tutup',
    'hp sy jatuh sampai biru layarnya',
    // A bank or motorbike debt, a goodbye hug, a flight to the embassy told as over, "jangan sampai".
    'cicilan hutang motor sy tidak lunas lunas, ada pinjaman lain gk',
    'majikan peluk sy waktu sy pamit pulang, sedih',
    'dulu sy pernah kabur ke kbri, skrg udh di kampung, mau daftar lagi bisa gk',
    'amit amit jangan sampai ada yang meninggal',
    'a pinch of salt for my recipe',
    'nenek suka cubit pipi anak sy gemes',
    'i will stick to my contract, is that ok',
    'my debt to the bank keeps growing, can i get a loan',
  ])('no alarm: %s', (text) => {
    expect(heard(text)).toBe(false);
  });

  // Safety first: words of a case over, imagined or heard of never silence a current danger of someone close.
  it.each([
    'suami sy udh dideportasi tp skrg terlantar di nunukan gk ada ongkos, gimana?',
    'adik sy sudah dipulangin ke agensi, sekarang dikurung di penampungan, harus gimana?',
    'almarhum ayah meninggal 3 bulan lalu di malaysia, jenazahnya belum dipulangkan, gimana caranya?',
    'kalau kabur nanti ditangkap gk? majikan pukul saya tiap hari',
    'katanya adik sy dipukul majikan di arab, gimana ini?',
    'liat di tiktok video adik sy dipukul majikan, sy harus gimana',
    'bapak sy udh sembuh dr kecelakaan tp skrg dipukul lagi sama mandor, lapor kemana?',
    'amit2 kalau meninggal, tapi skrg ibu sy sakit parah di arab gk dibawa ke dokter, gimana?',
    'jangan sampai adik sy meninggal disana, dia sakit parah gk dibawa ke rs',
    'sy mau kabur ke kbri, majikan pukul terus',
    'saya dipukul majikan, ada video buktinya',
    'adik sy meninggal 2 bulan lalu, jenazahnya masih di rumah sakit malaysia, gimana mengurusnya?',
    'adik sy sudah dideportasi tapi ditahan di imigrasi nunukan, gimana?',
    'bapak sy sudah sembuh dari stroke tapi sekarang diusir majikan, gimana?',
    'suami sy udh dideportasi thn lalu, skrg kena tangkap lagi di malaysia, gimana?',
    'video saya dipukul majikan viral, tolong',
  ])('still hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it('wages held from someone already home, to be reported, are a report', () => {
    const r = u.understand(
      'bapak sy udh pulang dgn selamat dr kapal, tp gaji 4 bln ditahan agen, mau lapor resmi',
    );
    expect(r.distress).toBeUndefined();
    expect(r.intent).toBe('report');
  });
});

describe('questions asked inside a story about someone close get their card', () => {
  it.each([
    [
      'ipar sy dulu di korea, skrg 37 thn mau daftar eps lagi, batas umurnya sampai brp',
      'korea-eps-requirements',
    ],
    [
      'adik sy perawat mau ikut program jepang, bahasa jepangnya wajib bisa sebelum daftar?',
      'japan-g2g-requirements',
    ],
    [
      'kenalan mau pinjem rekening sy buat nampung kiriman, katanya sebentar aja, bahaya gk',
      'account-lending',
    ],
    ['sy lupa nama pembekalannya, dulu ikut pap, skrg masih wajib gk sebelum berangkat?', 'opp'],
  ])('%s', (text, card) => {
    const r = u.understand(text);
    expect(r.intent).toBe('question');
    expect(r.answer?.id).toBe(card);
  });
});

describe('other intents the block-L rules settle', () => {
  it.each([
    ['ada update buat R-7KQ4MX? sudah 3 minggu tidak ada yang menghubungi', 'status'],
    ['sy pernah lapor calo lewat bot ini tapi lupa nyatet kodenya, bisa dicari?', 'status'],
    ['kurs riyal hari ini berapa ya', 'none'],
  ])('%s', (text, intent) => {
    expect(u.understand(text).intent ?? 'none').toBe(intent);
  });
});
