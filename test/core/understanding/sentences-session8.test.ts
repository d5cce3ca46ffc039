import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Sentences written for this test (not from any corpus): each rule added after the eighth session's
// block of development messages is tried on paraphrases of its own.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);
const heard = (text: string) => u.understand(text).distress !== undefined;

describe('safety net: fear, forced labour, sexual exploitation and confinement said without "tolong"', () => {
  it.each([
    // Afraid, and about to be moved on.
    'sy takut bgt, kata agen malam ini sy mau dipindah ke majikan lain',
    'aku wedi, jarene sesuk aku arep digowo nang panggonan liyo',
    'i am scared they will move me to another place tonight',
    // Kept from sleep or rest, days far too long, a bed on a floor.
    'majikan ga ngasih tidur, kerja dari jam 4 pagi sampai jam 12 malam tiap hari',
    'istri saya tidak dikasih istirahat, tidur cuma 3 jam sehari',
    'i sleep on the kitchen floor and work from 5 am until midnight every day, no day off 6 months',
    // Someone of the house at the worker's door at night.
    'anak majikan tiap malam ngetok pintu kamar saya, saya takut',
    // Made to serve men after a job was promised.
    'adik sy dijanjikan kerja di restoran malaysia ternyata disuruh nemenin tamu laki2',
    'she was promised a job in a shop but now she is forced to serve male guests',
    // Not let out; the phone used only in secret.
    'madam never let me out of the house, i can only call when she is asleep',
    'sy cuma bisa pegang hp diam diam pas majikan tidur',
  ])('hears: %s', (text) => {
    expect(heard(text)).toBe(true);
  });

  it.each([
    // An everyday hurry, an advert's or a recruiter's hurry.
    'darurat! batre hp sy mau habis, charger dimana yg murah',
    'di rumah lagi mati lampu, darurat, pln nomornya berapa',
    'URGENT replacement needed, caregiver taiwan, departure next week, hubungi 0812xxxx',
    // Money (and papers) lost to a recruiter, the sender at home.
    'tolong, uang sama paspor sy dibawa kabur sponsor, sy masih di rumah',
    // Normal hours; serving guests as the job; fear of flying.
    'kerja di pabrik korea dari jam 8 pagi sampai jam 5 sore, ada lembur gk',
    'anak sy kerja di hotel dubai, tugasnya melayani tamu, gajinya lancar',
    'saya takut naik pesawat, besok dibawa ke bandara sama sponsor',
  ])('no alarm: %s', (text) => {
    expect(heard(text)).toBe(false);
  });

  it('reads "di rumah" as home, not Italy ("roma" is Madurese for "rumah")', () => {
    const d = u.distress('tolong anak sy dikurung, sy di rumah gk bisa apa2');
    expect(d?.where).toBe('home');
    expect(d?.country).toBeUndefined();
  });
});

describe('age limits asked about someone close are questions, not family help', () => {
  it.each([
    ['bapak sy umur 41 mau ke korea, masih keburu gk umurnya', 'korea-eps-requirements'],
    ['kakak sy 38 thn mau ikut program jepang, ketuaan gk', 'japan-g2g-requirements'],
  ])('%s', (text, card) => {
    const r = u.understand(text);
    expect(r.distress).toBeUndefined();
    expect(r.intent).toBe('question');
    expect(r.answer?.id).toBe(card);
  });
});
