import { foldedWords } from '../content/text-terms.js';

export { withinOneEdit } from '../content/text-terms.js';
/**
 * The form pasted text and phrase lists are compared in: lower case, no diacritics, only letters and
 * digits separated by single spaces, and letters repeated three times or more written once
 * ("gratisss" → "gratis", "bangettt" → "banget").
 */
export function normalizeForScan(text: string): string {
  return foldedWords(
    text.replace(/\$/g, ' usd ').replace(/€/g, ' eur ').replace(/¥/g, ' yen ').replace(/₩/g, ' won '),
  )
    .map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1'))
    .map((w) => SHORT_FORMS.get(w) ?? w)
    .join(' ');
}

/** Chat spellings written out, so phrase lists need one spelling only. */
const SHORT_FORMS = new Map(
  Object.entries({
    gk: 'gak',
    ga: 'gak',
    gak: 'gak',
    nggak: 'gak',
    ngga: 'gak',
    enggak: 'gak',
    engga: 'gak',
    tdk: 'tidak',
    dr: 'dari',
    dri: 'dari',
    tak: 'tidak',
    tnp: 'tanpa',
    jgn: 'jangan',
    yg: 'yang',
    dgn: 'dengan',
    utk: 'untuk',
    blm: 'belum',
    sdh: 'sudah',
    udh: 'sudah',
    udah: 'sudah',
    bln: 'bulan',
    hrs: 'harus',
    bs: 'bisa',
    bsa: 'bisa',
    lgsg: 'langsung',
    lgsung: 'langsung',
    langsg: 'langsung',
    cpt: 'cepat',
    cepet: 'cepat',
    onlen: 'online',
    onlin: 'online',
    krja: 'kerja',
    kerjo: 'kerja',
    pngalaman: 'pengalaman',
    pengalamn: 'pengalaman',
    pasport: 'paspor',
    passport: 'paspor',
    umrah: 'umroh',
    umrho: 'umroh',
    tanpo: 'tanpa',
  }),
);

/** Words that turn the phrase after them around ("tanpa potong gaji", "tidak ada biaya proses"). */
export const NEGATIONS = new Set([
  'tanpa',
  'tidak',
  'gak',
  'bukan',
  'bebas',
  'no',
  'not',
  'without',
  'never',
  'jangan',
  'hindari',
  'waspada',
  'awas',
  'hati',
  'avoid',
  'beware',
  'dont',
  'dilarang',
  'larangan',
  // Javanese and Sundanese
  'ora',
  'mboten',
  'boten',
  'teu',
  'henteu',
]);
/** Words that may stand between a negation and the phrase ("tidak ada", "tidak perlu", "no need"). */
export const NEGATION_LINKS = new Set([
  'ada',
  'pakai',
  'perlu',
  'pernah',
  'boleh',
  'usah',
  'lewat',
  'melalui',
  'need',
  'any',
  'percaya',
  'mau',
  'tergiur',
  'ke',
  'sama',
  'dengan',
  'dipungut',
  'menggunakan',
  'memakai',
  'berangkat',
  'membayar',
  'bayar',
  'diminta',
  'dikenakan',
  'dikenai',
  'ana',
  'wonten',
  'aya',
  'kedah',
]);
