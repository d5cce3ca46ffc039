import { foldedWords } from '../content/text-terms.js';

export { withinOneEdit } from '../content/text-terms.js';
/** A flag emoji: two regional indicator letters ("🇰🇭" is K + H). */
const FLAG = /[\u{1F1E6}-\u{1F1FF}]{2}/gu;
/** Flags of the destinations the phrase lists know, read as the country's name ("🇰🇭" → "kamboja"). */
const FLAGS = new Map(
  Object.entries({
    KH: 'kamboja',
    MM: 'myanmar',
    LA: 'laos',
    TH: 'thailand',
    PH: 'filipina',
    VN: 'vietnam',
    MY: 'malaysia',
    SG: 'singapura',
    BN: 'brunei',
    HK: 'hongkong',
    TW: 'taiwan',
    JP: 'jepang',
    KR: 'korea',
    SA: 'saudi',
    AE: 'dubai',
    QA: 'qatar',
    KW: 'kuwait',
    OM: 'oman',
    BH: 'bahrain',
    JO: 'yordania',
    TR: 'turki',
    PL: 'polandia',
    DE: 'jerman',
    IT: 'italia',
    AU: 'australia',
    NZ: 'new zealand',
  }).map(([code, name]) => [
    String.fromCodePoint(0x1f1e6 + code.charCodeAt(0) - 65, 0x1f1e6 + code.charCodeAt(1) - 65),
    name,
  ]),
);

/** A hashtag: its words are written together, each starting with a capital ("#WaspadaTPPO", "#KerjaDiJepang"). */
const HASHTAG = /#(\p{L}[\p{L}\p{N}]*)/gu;
const splitHashtag = (_: string, tag: string): string => ` ${tag.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')} `;

/**
 * The form pasted text and phrase lists are compared in: lower case, no diacritics, only letters and
 * digits separated by single spaces, and letters repeated three times or more written once
 * ("gratisss" → "gratis", "bangettt" → "banget"); a hashtag's words apart ("#waspadaTPPO" → "waspada tppo").
 */
export function normalizeForScan(text: string): string {
  return foldedWords(
    text
      .replace(HASHTAG, splitHashtag)
      .replace(/\$/g, ' usd ')
      .replace(/€/g, ' eur ')
      .replace(/¥/g, ' yen ')
      .replace(/₩/g, ' won ')
      .replace(/🆓/gu, ' gratis ')
      .replace(FLAG, (flag) => ` ${FLAGS.get(flag) ?? ''} `),
  )
    .map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1'))
    .map((w) => SHORT_FORMS.get(w) ?? w)
    .join(' ')
    .split(' ')
    .reduce<string[]>(numberWords, [])
    .join(' ');
}

/** Numbers 1–9 in words (Indonesian, Javanese, Sundanese, English), for "lima juta", "umur nembelas". */
const DIGITS = new Map(
  Object.entries({
    satu: 1,
    siji: 1,
    hiji: 1,
    one: 1,
    dua: 2,
    loro: 2,
    two: 2,
    tiga: 3,
    telu: 3,
    tilu: 3,
    three: 3,
    empat: 4,
    papat: 4,
    opat: 4,
    four: 4,
    lima: 5,
    limo: 5,
    five: 5,
    enam: 6,
    enem: 6,
    genep: 6,
    six: 6,
    tujuh: 7,
    pitu: 7,
    seven: 7,
    delapan: 8,
    wolu: 8,
    dalapan: 8,
    eight: 8,
    sembilan: 9,
    songo: 9,
    sanga: 9,
    salapan: 9,
    nine: 9,
    // Javanese numbers before a unit ("telung yuta", "rong minggu", "limang atus ewu").
    rong: 2,
    telung: 3,
    patang: 4,
    limang: 5,
    pitung: 7,
    wolung: 8,
    sangang: 9,
  }),
);
/** Numbers 10–19 and round tens written as one word. */
const WHOLE = new Map(
  Object.entries({
    sepuluh: 10,
    sapuluh: 10,
    ten: 10,
    sebelas: 11,
    sewelas: 11,
    sabelas: 11,
    eleven: 11,
    rolas: 12,
    twelve: 12,
    telulas: 13,
    thirteen: 13,
    patbelas: 14,
    fourteen: 14,
    limolas: 15,
    fifteen: 15,
    nembelas: 16,
    sixteen: 16,
    pitulas: 17,
    seventeen: 17,
    wolulas: 18,
    eighteen: 18,
    songolas: 19,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    seket: 50,
    seratus: 100,
    satus: 100,
  }),
);
const TEENS = new Set(['belas', 'welas']);
const TENS = new Set(['puluh', 'likur']);
const HUNDREDS = new Set(['ratus', 'atus', 'hundred']);

/**
 * Folds numbers written in words into digits, one word at a time: "lima" → 5, "lima belas" → 15, "dua
 * puluh lima" → 25, "nembelas" → 16, "lima ratus" → 500, so "lima juta" and "lima ratus ribu" are
 * amounts and "umur nembelas" an age. Phrase lists
 * go through the same folding ("satu kanal" → "1 kanal"), so they match either way.
 */
function numberWords(out: string[], word: string): string[] {
  const last = out[out.length - 1] ?? '';
  const lastValue = /^\d+$/.test(last) ? Number(last) : undefined;
  if (lastValue !== undefined && lastValue < 10 && TEENS.has(word))
    out[out.length - 1] = String(10 + lastValue);
  else if (lastValue !== undefined && lastValue < 10 && TENS.has(word))
    out[out.length - 1] = String(10 * lastValue);
  else if (lastValue !== undefined && lastValue > 0 && lastValue < 10 && HUNDREDS.has(word))
    out[out.length - 1] = String(100 * lastValue);
  else if (
    lastValue !== undefined &&
    lastValue % 10 === 0 &&
    lastValue >= 20 &&
    lastValue < 100 &&
    DIGITS.has(word)
  )
    out[out.length - 1] = String(lastValue + (DIGITS.get(word) ?? 0));
  else out.push(String(DIGITS.get(word) ?? WHOLE.get(word) ?? word));
  return out;
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
    passports: 'paspor',
    umrah: 'umroh',
    umrho: 'umroh',
    tanpo: 'tanpa',
    pake: 'pakai',
    gausah: 'gak usah',
    gaperlu: 'gak perlu',
    yuta: 'juta',
    juto: 'juta',
    yuto: 'juta',
  }),
);

/**
 * A warning about what others promise: a warning word, then a word for promising or offering, then the
 * phrase ("waspada calo yang menjanjikan lulus tanpa tes", "beware of anyone promising a visa-free job").
 * The phrase is what the warning is about, not what this text offers.
 */
export const WARNING_WORDS = new Set([
  'waspada',
  'waspadai',
  'hati',
  'awas',
  'jangan',
  'beware',
  'avoid',
  'hindari',
  'tolak',
  'laporkan',
  'report',
  'ulah',
  'ojo',
  'aja',
  // Javanese "ati-ati", Sundanese "kade".
  'ati',
  'kade',
  // "kenali ciri calo, misalnya minta DP …": the signs of a broker, listed.
  'ciri',
  'kenali',
  'mengenali',
]);
export const PROMISE_WORDS = new Set([
  'menjanjikan',
  'janjikan',
  'menjanjikannya',
  'promising',
  'promises',
  'promise',
  'menawarkan',
  'offering',
  'mengiming',
  'iming',
  'ngajangjikeun',
  'njanjeni',
  // "calo sing janji …", "janji manis".
  'janji',
  'mengaku',
  'claiming',
  // "hati-hati calo yang meminta uang jaminan visa", "tidak tergiur ajakan …".
  'meminta',
  // "jangan lewat calo yang minta DP".
  'minta',
  // "avoid brokers who ask for a deposit" ("if anyone asks, say …" coaches a lie).
  'ask',
  'ajakan',
  'asking',
  'demanding',
  // "calo biasanya bilang: bayar 15 juta ke rekening saya …" ("biasanya" is read as "biasa"), "modusnya …".
  'biasanya',
  'biasa',
  'usually',
  'modusnya',
  // "jangan mau diajak magang tanpa LPK", "jangan mau disuruh berbohong", "hindari tawaran yang mengajak …".
  'diajak',
  'mengajak',
  'ngajak',
  'disuruh',
  'menyuruh',
  'nyuruh',
  'dibujuk',
  'membujuk',
  'dirayu',
  'merayu',
  'nawarin',
  'menawari',
  'offer',
  'nawani',
  'nawiskeun',
  // "hindari tawaran kerja tanpa kontrak".
  'tawaran',
]);

/**
 * Words after "jangan" that make it no warning: "jangan lewatkan …", "jangan ragu …", "jangan khawatir …" urge
 * the reader on ("jangan ragu, kami menawarkan visa turis" offers the visa).
 */
export const NOT_WARNING_AFTER = new Set([
  'lewatkan',
  'lewatin',
  'ragu',
  'khawatir',
  'kuatir',
  'takut',
  'bingung',
  'sampai',
  'ketinggalan',
  'lupa',
  'tunggu',
  'hesitate',
  'miss',
  'worry',
  'wait',
]);

/**
 * Someone else's "if" before a promise word: "kalau ada yang janji …", "jika ada pihak yang menjanjikan …",
 * "if anyone promises …", "nek ana sing nawani …", "upami aya nu nawiskeun …".
 */
export const CONDITIONALS = new Set([
  'kalau',
  'kalo',
  'klo',
  'jika',
  'jikalau',
  'bila',
  'apabila',
  'if',
  'nek',
  'yen',
  'menawa',
  'menawi',
  'upami',
  'lamun',
  'mun',
]);
export const THIRD_PARTIES = new Set(['ada', 'anyone', 'someone', 'somebody', 'ana', 'wonten', 'aya']);

/** Words that join list items: a negation before the first item reaches the others. */
export const COORDINATORS = new Set([
  'atau',
  'ataupun',
  'maupun',
  'dan',
  'serta',
  'or',
  'and',
  'nor',
  'utawa',
  'lan',
  'atawa',
  'sareng',
]);

/** Words that turn the phrase after them around ("tanpa potong gaji", "tidak ada biaya proses"). */
export const NEGATIONS = new Set([
  // "laporkan calo": what is reported is not offered.
  'laporkan',
  'melaporkan',
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
  // "zero recruitment fee", "zero cost".
  'zero',
  // "Pembebasan Biaya Penempatan" (the zero-cost regulation), "dibebaskan dari biaya tiket".
  'pembebasan',
  'dibebaskan',
  'membebaskan',
  // Javanese and Sundanese
  'ora',
  'mboten',
  'boten',
  'teu',
  'henteu',
  'ulah',
  'ojo',
  // "ati-ati karo calo", "kade ku calo".
  'ati',
  'kade',
]);
/** Words that may stand between a negation and the phrase ("tidak ada", "tidak perlu", "no need"). */
export const NEGATION_LINKS = new Set([
  'ada',
  'dari',
  'pakai',
  'perlu',
  'pernah',
  'boleh',
  'usah',
  'lewat',
  'melalui',
  'via',
  'through',
  'lumantar',
  'liwat',
  'ngaliwatan',
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
  'for',
  'a',
  'an',
  'punya',
  'butuh',
  'wajib',
  'harus',
  'kudu',
  'nganggo',
  'ngangge',
  'ka',
  'marang',
  'karo',
  'percanten',
  'pitados',
  'akan',
  'bakal',
  'be',
  // "not through the checkpoint".
  'the',
  // "kami tidak memungut uang jaminan", "tidak menarik biaya", "we do not charge a fee".
  'memungut',
  'menarik',
  'meminta',
  'minta',
  'mengenakan',
  'charge',
  'collect',
  'njaluk',
  'menta',
  // "tidak perlu mengurus ke Disnaker", "no need to make a …".
  'mengurus',
  'ngurus',
  'membuat',
  'make',
  // "bukan lowongan PRT", "not a position for …".
  'lowongan',
  'loker',
  'posisi',
  'jabatan',
]);
