import type { OfferScanner, OfferScanResult, ScanFinding } from '../core/ports.js';
import type { ScanFile, Sign } from '../content/warnings-schema.js';
import { NOTICE_RULE } from '../content/ids.js';
import { extractCompanies, extractPhones, extractSalaries } from './extract.js';
import { NEGATION_LINKS, NEGATIONS, normalizeForScan, withinOneEdit } from './normalize.js';

/** Longest text scanned; a longer paste is cut (the engine already caps messages). */
const MAX_SCAN = 20_000;
/** Single words at least this long also match with one typo ("kamboya" → "kamboja"). */
const FUZZY_MIN = 6;

interface PhraseTarget {
  /** Rule id, or country id. */
  readonly marker: string;
  readonly phrase: string;
}

interface Index {
  /** Single-word phrases by word. */
  readonly words: Map<string, PhraseTarget[]>;
  /** Multi-word phrases, matched as whole words in the text. */
  readonly phrases: PhraseTarget[];
  /** Single words long enough for typo matching, by length. */
  readonly fuzzy: Map<number, string[]>;
}

function buildIndex(scan: ScanFile): Index {
  const index: Index = { words: new Map(), phrases: [], fuzzy: new Map() };
  const add = (marker: string, raw: string) => {
    const phrase = normalizeForScan(raw);
    if (phrase === '') return;
    if (phrase.includes(' ')) {
      index.phrases.push({ marker, phrase });
      return;
    }
    const list = index.words.get(phrase) ?? [];
    list.push({ marker, phrase });
    index.words.set(phrase, list);
    if (phrase.length >= FUZZY_MIN && !/\d/.test(phrase)) {
      const bucket = index.fuzzy.get(phrase.length) ?? [];
      bucket.push(phrase);
      index.fuzzy.set(phrase.length, bucket);
    }
  };
  for (const rule of scan.rules)
    for (const list of Object.values(rule.phrases)) for (const p of list) add(rule.id, p);
  for (const country of scan.countries) for (const w of country.words) add(country.id, w);
  return index;
}

/** True when the words just before position `at` negate what follows ("tanpa …", "tidak ada …"). */
function negated(tokens: readonly string[], at: number, phrase: string): boolean {
  if (NEGATIONS.has(phrase.split(' ')[0] ?? '')) return false;
  const before = tokens[at - 1] ?? '';
  if (NEGATIONS.has(before)) return true;
  return NEGATION_LINKS.has(before) && NEGATIONS.has(tokens[at - 2] ?? '');
}

/** Markers (rule ids and country ids) whose phrases occur in the text, with the words that matched. */
function matchMarkers(index: Index, normalized: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const hit = (t: PhraseTarget, seen: string) => {
    const set = found.get(t.marker) ?? new Set<string>();
    set.add(seen);
    found.set(t.marker, set);
  };
  const tokens = normalized.split(' ');
  tokens.forEach((token, at) => {
    const exact = index.words.get(token);
    if (exact) {
      for (const t of exact) if (!negated(tokens, at, t.phrase)) hit(t, token);
      return;
    }
    if (token.length < FUZZY_MIN - 1 || /\d/.test(token)) return;
    for (const len of [token.length - 1, token.length, token.length + 1]) {
      for (const word of index.fuzzy.get(len) ?? []) {
        if (!withinOneEdit(token, word)) continue;
        for (const t of index.words.get(word) ?? []) if (!negated(tokens, at, t.phrase)) hit(t, token);
      }
    }
  });
  const padded = ` ${normalized} `;
  for (const t of index.phrases) {
    for (
      let from = padded.indexOf(` ${t.phrase} `);
      from >= 0;
      from = padded.indexOf(` ${t.phrase} `, from + 1)
    ) {
      const at = padded.slice(0, from).trim().split(' ').filter(Boolean).length;
      if (!negated(tokens, at, t.phrase)) {
        hit(t, t.phrase);
        break;
      }
    }
  }
  return found;
}

/**
 * Reads a pasted job offer or chat: phone numbers, companies, countries and salaries it names, and the
 * warning signs its words show (phrase lists and combinations from content/warnings/scan.yaml).
 */
export function createOfferScanner(scan: ScanFile, signs: readonly Sign[]): OfferScanner {
  const index = buildIndex(scan);
  const signById = new Map(signs.map((s) => [s.id, s]));
  const countryIds = new Set(scan.countries.map((c) => c.id));
  return {
    scan(input: string): OfferScanResult {
      const text = input.slice(0, MAX_SCAN);
      const normalized = normalizeForScan(text);
      const matched = matchMarkers(index, normalized);
      const phones = extractPhones(text);
      const companies = extractCompanies(text);
      const salaries = extractSalaries(text);
      const countries = [...matched.keys()].filter((m) => countryIds.has(m));
      const markers = new Set<string>(matched.keys());
      for (const c of scan.countries) if (markers.has(c.id)) for (const m of c.markers) markers.add(m);
      if (phones.length > 0) markers.add('phone');
      if (companies.length > 0) markers.add('company');
      if (salaries.length > 0) markers.add('salary');

      /** Words behind a marker: a rule's or country's own, or those of the countries carrying it. */
      const wordsFor = (marker: string): string[] => [
        ...(matched.get(marker) ?? []),
        ...scan.countries
          .filter((c) => c.markers.includes(marker))
          .flatMap((c) => [...(matched.get(c.id) ?? [])]),
      ];
      const findings = new Map<string, { weight: 1 | 2 | 3; evidence: Set<string> }>();
      const note = (signId: string, weight: 1 | 2 | 3 | undefined, evidence: Iterable<string>) => {
        const sign = signById.get(signId);
        if (!sign) return;
        const w = weight ?? sign.weight;
        const f = findings.get(signId) ?? { weight: w, evidence: new Set<string>() };
        f.weight = Math.max(f.weight, w) as 1 | 2 | 3;
        for (const e of evidence) f.evidence.add(e);
        findings.set(signId, f);
      };
      for (const rule of scan.rules) {
        const words = matched.get(rule.id);
        if (rule.sign && words) note(rule.sign, rule.weight, words);
      }
      for (const combo of scan.combos) {
        if (!combo.all.every((m) => markers.has(m))) continue;
        note(
          combo.sign,
          combo.weight,
          combo.all.flatMap((m) => wordsFor(m)),
        );
      }
      // The phrase lists are Indonesian and English: text in another script cannot be read for signs.
      const words = normalized.split(' ').filter((w) => /[a-z]{2,}/.test(w));
      // A warning such as "KP2MI mengimbau … jangan tergiur kerja online di Kamboja" names the signs it
      // warns about: they are not signs of this text.
      const notice = matched.has(NOTICE_RULE);
      if (notice) findings.clear();
      return {
        notice,
        phones,
        companies,
        countries,
        salaries,
        findings: [...findings].map(([signId, f]): ScanFinding => ({
          signId,
          weight: f.weight,
          evidence: [...f.evidence].slice(0, 5),
        })),
        readable: words.length >= 3,
      };
    },
  };
}
