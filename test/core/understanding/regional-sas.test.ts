import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Sasak (content/understanding/sas.yaml): sentences written for this test, not taken from any corpus.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);

describe('Sasak: the safety net', () => {
  it.each([
    // Locked up, not let out, phone taken.
    'tulung anak tiang tekunci sik majikanne, ndeq tebeng sugul',
    'tiang tekunci leq kamar, hp tiang tebait',
    'hp tiang tebait sik majikan, tiang ndeq tebeng nelpon keluarga',
    'tiang tesekep leq kantor leq kamboja, tesuruh nipu dengan',
    // Beaten, threatened, abused, not fed.
    'ariq tiang leq malaysia tepantok terus sik bosne',
    'anak tiang teseksa sik majikan leq taiwan',
    'ariq tiang teperkosa sik bosne leq hongkong',
    'tiang ndeq tebeng mangan sik majikan',
    // Passport held, unpaid, unreachable.
    'semame tiang leq arab pasporne tetahan sik majikan',
    'kakaq tiang uah enem bulan ndeq tebayah gajine',
    'anak tiang uah telu bulan ndeq bau tehubungi',
    'senine tiang ilang ndarak kabar uah setaun',
    // Forced to scam, a child taken, sold, kidnapped.
    'semeton tiang tepaksa nipu dengan leq kamboja',
    'anak dedare tiang umurne 16 tebait sik calo ojok batam',
    'senine tiang tejual sik calo leq malaysia',
    'semeton tiang teculik sik dengan leq malaysia',
    // Died, badly hurt, stranded, a cry.
    'amaq tiang ninggal leq malaysia, jenazahne ndeqman teulekang',
    'inaq tiang jatuh leman lantai telu, nane koma',
    'semame tiang tebuang sik tekong leq pelabuhan tawau, ndeq bedoe kepeng',
    'tiang takut gati, tulung tiang',
    // Said by the family, or asked as a question.
    'berembe mun agensi ndeq mele nyerahang paspor semame tiang, nie mele ulek',
    'kanak tiang tesuruq nipu dengan lewat hp leq kamboja',
    'ariq tiang umurne 15 tejauq sik tekong ojok malaysia',
    'senine tiang tekancing leq bale majikan, tetampar terus',
  ])('hears distress: %s', (text) => {
    expect(u.distress(text), text).toBeDefined();
  });

  it('does not hear distress in "tulung" used as "please", nor in a passport that has expired', () => {
    expect(u.distress('tulung tiang betakon, pire umur paling kodeq bau jari TKW?')).toBeUndefined();
    expect(u.distress('paspor semame tiang uah mate, berembe carene ngurus?')).toBeUndefined();
  });
});

describe('Sasak: what a message asks for', () => {
  it.each([
    ['tiang mele lapor sponsor saq minta kepeng loeq', 'report'],
    ['tiang uah bayah 15 juta ojok PT laguq ndeqman berangkat', 'paid'],
    ['tiang tetawarang begawean leq jepang gratis, bener ke?', 'offer'],
    ['PT Maju Makmur nike resmi ke ndeq?', 'agency'],
    ['boyaq gawean leq taiwan saq resmi', 'jobs'],
    ['araq lowongan pabrik leq korea ke?', 'jobs'],
    ['semame tiang leq malaysia mele ulek, kontrakne ndeqman selese', 'family'],
    ['kadu base sasak doang', 'language'],
    ['tampiasih', 'greeting'],
  ] as const)('%s → %s', (text, intent) => {
    expect(u.understand(text).intent).toBe(intent);
  });
});
