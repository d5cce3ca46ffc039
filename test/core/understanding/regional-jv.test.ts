import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../../src/bootstrap.js';
import { realContent } from '../../helpers/engine.js';

// Javanese (content/understanding/jv.yaml): sentences written for this test, not taken from any corpus.
const { catalog, scanner } = realContent();
const u = createUnderstandingFor(catalog, scanner);

describe('Javanese: the safety net', () => {
  it.each([
    // Locked up, not let out, phone taken (ngoko, krama, Banyumasan, Cirebon–Indramayu).
    'tulung anakku dikunci majikane, ora oleh metu omah',
    'kula dipun kunci wonten kamar, hp kula dipundhut',
    'inyong ora olih metu karo majikan, paspore dijukut',
    'isun dikurung ning penampungan, bli olih balik',
    'hpku disita majikan, aku ora oleh nelpon keluarga',
    // Beaten, threatened, abused, not fed.
    'adhiku nang malaysia digebugi bose saben dina',
    'awakku biru kabeh dipukuli majikan',
    'mbakku diancam arep dipateni yen kabur',
    'aku ra dikei mangan karo majikanku',
    // Passport held, unpaid, unreachable.
    'bojoku ning arab paspore dicekel majikan',
    'mbakyuku wis nem sasi ora dibayar gajine',
    'anakku ora tau ngabari wis rong sasi',
    'anak kula sampun tigang wulan mboten saged dipun hubungi',
    // Forced to scam, a child taken, sold, kidnapped.
    'sedulurku dipeksa ngapusi wong neng kamboja',
    'anakku wedok umur 16 digowo calo menyang batam',
    'bojoku didol calo dadi PSK nang malaysia',
    // Died, badly hurt, stranded, a cry.
    'bapakku seda ning malaysia, jenazahe durung dipulangke',
    'anakku tiwas nang kapal',
    'anakku mlebu rumah sakit nang taiwan, lara nemen',
    'kancaku keleleran nang bandara ora duwe duwit kanggo mulih',
    'aku kabur saka majikan saiki ndhelik nang masjid',
    'aku wedi banget, tulungi aku',
    // Said by the family, or asked as a question.
    'kangmasku nang kapal ikan ora oleh munggah darat wis setaun',
    'kepiye yen agensi ora gelem mbalekke paspor bojoku, dheweke pengin mulih',
    'piye carane mulangke layon adhiku saka arab?',
    'aku kepengin mati wae, ora kuat maneh',
  ])('hears distress: %s', (text) => {
    expect(u.distress(text), text).toBeDefined();
  });

  it('says where the person is when the message names the country', () => {
    expect(u.distress('adhiku dikunci majikan neng malaysia')).toMatchObject({
      where: 'abroad',
      country: 'my',
    });
  });

  it('does not hear distress in "tulung" used as "please", nor in a passport that has expired', () => {
    expect(u.distress('tulung jelaske syarate kerja nang taiwan')).toBeUndefined();
    expect(u.distress('nyuwun tulung takon, umur pira minimal dadi TKW?')).toBeUndefined();
    expect(u.distress('paspore adhiku wis mati, carane nganyari piye?')).toBeUndefined();
  });
});

describe('Javanese: what a message asks for', () => {
  it.each([
    ['aku arep lapor sponsor sing njaluk duwit akeh', 'report'],
    ['aku wis mbayar 15 yuta nang PT tapi durung budhal', 'paid'],
    ['aku ditawani kerja nang jepang gratis, iku tenan ora?', 'offer'],
    ['PT Maju Makmur kuwi resmi ora?', 'agency'],
    ['golek gawean nang taiwan sing resmi', 'jobs'],
    ['ana lowongan pabrik nang korea ora?', 'jobs'],
    ['anakku nang hongkong wis telung dina ora ngabari, aku kuwatir', 'family'],
    ['bojoku nang malaysia pengin mulih, kontrake durung entek', 'family'],
    ['nganggo basa jawa wae', 'language'],
    ['matur suwun mas', 'greeting'],
    ['iki piye nganggone?', 'help'],
  ] as const)('%s → %s', (text, intent) => {
    expect(u.understand(text).intent).toBe(intent);
  });
});
