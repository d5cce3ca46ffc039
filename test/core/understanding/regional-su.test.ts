import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Sundanese (content/understanding/su.yaml): sentences written for this test, not taken from any corpus.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);

describe('Sundanese: the safety net', () => {
  it.each([
    // Locked up, not let out, phone taken.
    'tulung anak abdi dikonci ku majikanna, teu kenging kaluar',
    'abdi dikonci di kamar, hp abdi dicandak',
    'kuring teu meunang kaluar ku majikan, paspor dicokot',
    'hp abdi dirampas majikan, abdi teu kenging nelepon kulawarga',
    // Beaten, threatened, abused, not fed.
    'adi abdi di malaysia digebugan wae ku bosna',
    'teteh abdi diancam bade dipaehan lamun kabur',
    'adi abdi diperkosa ku bosna di hongkong',
    'abdi teu dibere dahar ku majikan',
    // Passport held, unpaid, unreachable.
    'salaki abdi di arab pasporna ditahan majikan',
    'lanceuk abdi tos genep sasih teu dibayar gajihna',
    'putra abdi tos tilu sasih teu tiasa dihubungi',
    'pamajikan abdi leungit teu aya wartos tos sataun',
    'anak abdi teu kantos ngabejaan tos dua sasih',
    // Forced to scam, a child taken, sold.
    'dulur abdi dipaksa nipu jalma di kamboja',
    'budak abdi umur 16 dibawa ku calo ka batam',
    'pamajikan abdi dijual ku calo jadi PSK di malaysia',
    // Died, badly hurt, stranded, a cry.
    'bapa abdi pupus di malaysia, layonna teu acan dipulangkeun',
    'anak abdi maot di kapal',
    'anak abdi asup rumah sakit di taiwan, gering parah',
    'abdi kabur ti majikan ayeuna nyumput di masjid',
    'abdi sieun pisan, tulungan abdi',
    // Said by the family, or asked as a question.
    'adi abdi katalangsara di terminal teu boga ongkos mulang',
    'kumaha lamun agensi teu daek mulangkeun paspor salaki abdi, anjeunna hoyong wangsul',
    'kumaha carana mulangkeun layon bapa abdi ti saudi?',
    'abdi hoyong maot wae, tos teu kuat',
  ])('hears distress: %s', (text) => {
    expect(u.distress(text), text).toBeDefined();
  });

  it('does not hear distress in "tulung" used as "please", nor in a passport that has expired', () => {
    expect(u.distress('punten tulung terangkeun syarat damel di taiwan')).toBeUndefined();
    expect(u.distress('tulung, aya nu ningali ucing abdi nu leungit?')).toBeUndefined();
    expect(u.distress('paspor adi abdi tos paeh, kumaha carana ngadamel deui?')).toBeUndefined();
  });

  it('reads "30 urang" in an advert as people, not as the sender', () => {
    const advert =
      'DIBUTUHKEUN GANCANG 30 urang damel di pabrik taiwan, gajih 9jt, teu kedah pangalaman, darurat, hubungi kang Asep 0812 3456 7890';
    expect(u.distress(advert)).toBeUndefined();
    expect(u.understand(advert).intent).toBe('offer');
  });
});

describe('Sundanese: what a message asks for', () => {
  it.each([
    ['abdi hoyong lapor sponsor anu menta artos seueur', 'report'],
    ['abdi tos mayar 15 juta ka PT tapi teu acan angkat', 'paid'],
    ['abdi ditawisan damel di jepang gratis, leres teu?', 'offer'],
    ['PT Maju Makmur teh resmi teu?', 'agency'],
    ['milarian padamelan di taiwan anu resmi', 'jobs'],
    ['aya lowongan pabrik di korea teu?', 'jobs'],
    ['salaki abdi di malaysia hoyong wangsul, kontrakna teu acan beres', 'family'],
    ['nganggo basa sunda wae', 'language'],
    ['hatur nuhun kang', 'greeting'],
  ] as const)('%s → %s', (text, intent) => {
    expect(u.understand(text).intent).toBe(intent);
  });
});
