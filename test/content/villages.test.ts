import { beforeAll, describe, expect, it } from 'vitest';
import { loadVillageDirectory, type VillageDirectory } from '../../src/content/villages.js';

describe('village directory (idn-area-data, all villages)', () => {
  let d: VillageDirectory;
  beforeAll(() => {
    d = loadVillageDirectory();
  });
  const first = (q: string) => {
    const v = d.find(q)[0]?.village;
    return v ? `${v.name}/${v.district}/${v.regency}` : undefined;
  };

  it('holds every village of the 2025 decree', () => {
    expect(d.size).toBe(83_762);
  });

  it('finds a village by code, dotted or not (facts A-01)', () => {
    expect(d.byCode('35.07.12.2001')?.name).toBe('Ternyang');
    expect(d.byCode('3507122001')?.district).toBe('Sumberpucung');
    expect(first('kode 35.07.12.2001')).toBe('Ternyang/Sumberpucung/Kabupaten Malang');
    expect(d.byCode('99.99.99.9999')).toBeUndefined();
  });

  it.each([
    ['Ternyang', 'Ternyang/Sumberpucung/Kabupaten Malang'],
    ['desa ternyang kec. sumberpucung kab. malang', 'Ternyang/Sumberpucung/Kabupaten Malang'],
    ['Sidomulyo Lampung Timur', 'Sidomulyo/Sekampung/Kabupaten Lampung Timur'],
    ['sidomulyo, sekampung', 'Sidomulyo/Sekampung/Kabupaten Lampung Timur'],
    ['kelurahan menteng jakarta pusat', 'Menteng/Menteng/Kota Administrasi Jakarta Pusat'],
    ['ternyan', 'Ternyang/Sumberpucung/Kabupaten Malang'],
  ])('finds %j', (query, expected) => {
    expect(first(query)).toBe(expected);
  });

  it('offers the villages of a common name in one regency to choose from', () => {
    const bogor = d.find('sukamaju bogor', 10);
    expect(bogor.length).toBeGreaterThan(2);
    for (const m of bogor.slice(0, 3)) expect(m.village.regency).toBe('Kabupaten Bogor');
  });

  it('finds nothing for words that are not a village, and copes with long input', () => {
    expect(d.find('xyzzy qwrt')).toEqual([]);
    expect(d.find('😀😀')).toEqual([]);
    expect(d.find('a'.repeat(5000))).toEqual([]);
  });
});
