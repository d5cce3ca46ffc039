import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Madurese (content/understanding/mad.yaml): sentences written for this test, not taken from any corpus.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);

describe('Madurese: the safety net', () => {
  it.each([
    // Locked up, not let out, phone taken ("e" before a verb is "di").
    "tolong ana' engko' e konce' majikanna, ta' olle kalowar",
    "engko' e konce' e kamar, hp engko' e ala'",
    "bine kaula ekonce' bi majikan, ta' eberri' kalowar dari bengko",
    "hp engko' e ala' majikan, engko' ta' olle atelpon ka kaluarga",
    // Beaten, threatened, abused, not fed.
    "ale' engko' e malaysia e pokol terros bi bossa",
    "kaka' engko' e ancam e mate'e mon buru",
    "ale' engko' eperkosa bossa e hongkong",
    "engko' ta' eberri' ngakan bi majikan",
    // Passport held, unpaid, unreachable.
    "lake engko' e arab pasporra e tahan majikan",
    "tretan engko' la ennem bulan ta' e bajar gajina",
    "potra kaula ampon tello bulan ta' bisa ehubungi",
    "bine engko' elang ta' bada kabar la settong taon",
    // Forced to scam, a child taken, sold, kidnapped.
    "tretan engko' epaksa nipo oreng e kamboja",
    "ana' bine' engko' omorra 16 ekeba calo ka batam",
    "tretan engko' eculik oreng e malaysia",
    // Died, badly hurt, stranded, a cry.
    "eppa' engko' seda e malaysia, jenazahna ghi' ta' e molea",
    "embu' engko' labu dari lantai tello, satèya koma",
    "lake engko' ebuang tekong e pelabuhan tawau, ta' andi' pesse",
    "engko' tako' onggu, tolong engko'",
    // Said by the family, or asked as a question.
    "daremma mon agensi ta' terro mabali paspor lake engko', lake engko' terro mole",
    "tretan engko' epakon nipo oreng lebat hp e kamboja",
    "ana' kaula elang e malaysia, ta' kapangghi",
    'lake kaula e oser majikanna, satèya tedhung e masjid',
    "ana' engko' e paksa alako e karaoke",
    "paspor bine engko' egaghem agen, ta' egaji la petto' bulan",
    "engko' terro mate bhai, la ta' kuat",
  ])('hears distress: %s', (text) => {
    expect(u.distress(text), text).toBeDefined();
  });

  it('does not hear distress in "tolong" used as "please", nor in a number that is switched off', () => {
    expect(u.distress("nyo'on tolong, omor saponapa se olle dhaddhi TKW?")).toBeUndefined();
    expect(u.distress('nomerra sponsor mate, daremma carana ngecek PT-na?')).toBeUndefined();
  });
});

describe('Madurese: what a message asks for', () => {
  it.each([
    ["engko' terro lapor sponsor se menta pesse bannya'", 'report'],
    ["engko' la majar 15 juta ka PT tape ghi' ta' mangkat", 'paid'],
    ["engko' etawari alako e jepang gratis, bender ta'?", 'offer'],
    ["PT Maju Makmur jareya resmi ta'?", 'agency'],
    ['nyare lako e taiwan se resmi', 'jobs'],
    ["bada lowongan pabrik e korea ta'?", 'jobs'],
    ["lake engko' e malaysia terro mole, kontrakka ghi' ta' mare", 'family'],
    ['ngangguy bhasa madura bhai', 'language'],
    ['sakalangkong pak', 'greeting'],
  ] as const)('%s → %s', (text, intent) => {
    expect(u.understand(text).intent).toBe(intent);
  });
});
