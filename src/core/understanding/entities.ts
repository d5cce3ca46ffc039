import type { Reading, Relation } from './lexicon.js';

/** What a message names, for the flow it opens (DESIGN §11.3). */
export interface Entities {
  /** Destination country id (content/warnings/scan.yaml). */
  readonly country?: string;
  /** Job sector id (content/jobs/sectors.yaml). */
  readonly sector?: string;
  readonly relation?: Relation;
  /** An age in years ("umur 17", "16 thn", "17 years old"). */
  readonly age?: number;
  /** An amount of money in rupiah ("30jt", "Rp 15.000.000", "20 million"). */
  readonly amount?: number;
}

const AGE_BEFORE = new Set(['umur', 'usia', 'umurnya', 'usianya', 'age', 'aged', 'only', 'masih', 'baru']);
const AGE_AFTER = new Set(['tahun', 'thn', 'th', 'taun', 'years', 'year', 'yo', 'yrs']);
const MULTIPLIERS: Readonly<Record<string, number>> = {
  jt: 1e6,
  juta: 1e6,
  jeti: 1e6,
  million: 1e6,
  mio: 1e6,
  rb: 1e3,
  ribu: 1e3,
  k: 1e3,
  thousand: 1e3,
  m: 1e9,
  miliar: 1e9,
  milyar: 1e9,
};

/** The first match of each kind of entity in the message's words. */
export function findEntities(reading: Reading, tokens: readonly string[], raw: string): Entities {
  const country = reading.countries[0];
  const sector = reading.sectors[0];
  const relation = reading.relations[0];
  const age = ageOf(tokens);
  const amount = amountOf(tokens, raw);
  // Only what the message names, in this order.
  const out: { -readonly [K in keyof Entities]: Entities[K] } = {};
  if (country) out.country = country;
  if (sector) out.sector = sector;
  if (relation) out.relation = relation;
  if (age !== undefined) out.age = age;
  if (amount !== undefined) out.amount = amount;
  return out;
}

function ageOf(tokens: readonly string[]): number | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] ?? '';
    if (!startsWithDigit(word) || !/^\d{1,2}$/.test(word)) continue;
    const n = Number(word);
    if (n < 5 || n > 80) continue;
    if (AGE_BEFORE.has(tokens[i - 1] ?? '') || AGE_AFTER.has(tokens[i + 1] ?? '')) return n;
  }
  return undefined;
}

function amountOf(tokens: readonly string[], raw: string): number | undefined {
  // "Rp 15.000.000" / "rp15,000,000": digits grouped by dots or commas after "Rp".
  const rp = /rp\.?\s*(\d{1,3}(?:[.,]\d{3})+|\d{4,})/i.exec(raw);
  if (rp?.[1]) return Number(rp[1].replace(/[.,]/g, ''));
  for (let i = 0; i < tokens.length; i++) {
    const digits = tokens[i] ?? '';
    if (!startsWithDigit(digits) || !/^\d{1,4}$/.test(digits)) continue;
    const mult = MULTIPLIERS[tokens[i + 1] ?? ''];
    if (mult) return Number(digits) * mult;
  }
  return undefined;
}

/** A quick test before the pattern: most words are letters. */
function startsWithDigit(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57;
}
