import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { areaDataFile } from './areas.js';
import { foldedWords, withinOneEdit } from './text-terms.js';

/** A village (desa/kelurahan) with the names of the areas it lies in (facts ). */
export interface Village {
  /** Kemendagri code `PP.KK.CC.VVVV`. */
  readonly code: string;
  readonly name: string;
  readonly district: string;
  readonly regency: string;
  readonly province: string;
}

export interface VillageMatch {
  readonly village: Village;
  /** Higher is better: the village name, then district, regency and province words found in the query. */
  readonly score: number;
}

export interface VillageDirectory {
  readonly size: number;
  byCode(code: string): Village | undefined;
  /** Villages named in `query` ("Ternyang Sumberpucung Malang", "desa sukamaju kab. bogor"), best first. */
  find(query: string, limit?: number): readonly VillageMatch[];
}

/** Words that only say what kind of area follows. */
const AREA_WORDS = new Set(
  'desa ds kelurahan kel kecamatan kec kabupaten kab kota kotamadya administrasi adm provinsi prov propinsi dusun rt rw di dari kampung'.split(
    ' ',
  ),
);

/** Lower case, letters and digits only, area words dropped: "Kab. Malang" → "malang". */
export function areaKey(text: string): string {
  return foldedWords(text)
    .filter((w) => !AREA_WORDS.has(w))
    .join(' ');
}

/** Longest village name in words; longer runs of the query are not tried. */
const MAX_NAME_WORDS = 4;
const MAX_QUERY_WORDS = 12;

function readCsv(file: string): string[][] {
  const rows: unknown = parse(readFileSync(areaDataFile(file), 'utf8'), { from_line: 2, skip_empty_lines: true });
  return rows as string[][];
}

/**
 * All 83,762 villages of the `idn-area-data` package (Kemendagri 2025 decree), searchable by name with
 * district, regency and province words to tell villages of the same name apart, by code, and with one
 * typo in a name of five letters or more.
 */
export function loadVillageDirectory(): VillageDirectory {
  const names = new Map<string, string>();
  for (const file of ['provinces.csv', 'regencies.csv', 'districts.csv']) {
    for (const [code = '', , name = ''] of readCsv(file).map((r) => (r.length === 2 ? [r[0], '', r[1]] : r))) {
      names.set(code, name);
    }
  }
  const villages: Village[] = [];
  /** Area words of each village's district, regency and province, worked out once per area. */
  const areaKeys: [string, string, string][] = [];
  const keyOf = new Map<string, string>();
  const cachedKey = (code: string) => {
    let key = keyOf.get(code);
    if (key === undefined) {
      key = areaKey(names.get(code) ?? '');
      keyOf.set(code, key);
    }
    return key;
  };
  const byKey = new Map<string, number[]>();
  const byCode = new Map<string, number>();
  for (const [code = '', districtCode = '', name = ''] of readCsv('villages.csv')) {
    const i = villages.push({
      code,
      name,
      district: names.get(districtCode) ?? '',
      regency: names.get(districtCode.slice(0, 5)) ?? '',
      province: names.get(districtCode.slice(0, 2)) ?? '',
    }) - 1;
    byCode.set(code, i);
    areaKeys.push([cachedKey(districtCode), cachedKey(districtCode.slice(0, 5)), cachedKey(districtCode.slice(0, 2))]);
    const key = areaKey(name);
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  }
  /** Names by first letter and length, for typo matching (a typo rarely hits the first letter). */
  const byShape = new Map<string, string[]>();
  const shape = (initial: string, length: number) => `${initial}${length}`;
  for (const key of byKey.keys()) {
    const id = shape(key[0] ?? '', key.length);
    const bucket = byShape.get(id);
    if (bucket) bucket.push(key);
    else byShape.set(id, [key]);
  }

  const typoNames = (run: string): string[] => {
    if (run.length < 5) return [];
    const initial = run[0] ?? '';
    return [run.length - 1, run.length, run.length + 1].flatMap((len) =>
      (byShape.get(shape(initial, len)) ?? []).filter((k) => withinOneEdit(run, k)),
    );
  };

  return {
    size: villages.length,
    byCode(code) {
      const dotted = /^\d{10}$/.test(code) ? `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}` : code;
      const i = byCode.get(dotted.trim());
      return i === undefined ? undefined : villages[i];
    },
    find(query, limit = 5) {
      const code = query.match(/\b\d{2}\.?\d{2}\.?\d{2}\.?\d{4}\b/)?.[0];
      if (code) {
        const v = this.byCode(code.replace(/\./g, ''));
        if (v) return [{ village: v, score: 100 }];
      }
      const words = areaKey(query.slice(0, 300)).split(' ').filter(Boolean).slice(0, MAX_QUERY_WORDS);
      const scored = new Map<number, number>();
      /** Scores villages named by words[at, at+len): the name, then area words elsewhere in the query. */
      const consider = (indices: readonly number[], at: number, len: number, nameScore: number) => {
        const rest = ` ${[...words.slice(0, at), ...words.slice(at + len)].join(' ')} `;
        const within = (key: string) => (key !== '' && rest.includes(` ${key} `) ? 1 : 0);
        for (const i of indices) {
          const [district = '', regency = '', province = ''] = areaKeys[i] ?? [];
          const score = nameScore + 3 * within(district) + 2 * within(regency) + within(province);
          if (score > (scored.get(i) ?? 0)) scored.set(i, score);
        }
      };
      const runs = (visit: (run: string, at: number, len: number) => void) => {
        for (let len = Math.min(MAX_NAME_WORDS, words.length); len >= 1; len--) {
          for (let at = 0; at + len <= words.length; at++) visit(words.slice(at, at + len).join(' '), at, len);
        }
      };
      runs((run, at, len) => {
        const exact = byKey.get(run);
        if (exact) consider(exact, at, len, 4 + len);
      });
      // No name as written: one typo, in single words only (the slow path).
      if (scored.size === 0) {
        runs((run, at, len) => {
          if (len === 1) for (const k of typoNames(run)) consider(byKey.get(k) ?? [], at, len, 3);
        });
      }
      return [...scored]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .flatMap(([i, score]) => {
          const village = villages[i];
          return village ? [{ village, score }] : [];
        });
    },
  };
}
