import { describe, expect, it } from 'vitest';
import { realCatalog } from '../helpers/engine.js';

const today = '2026-11-29';
const { listings, agencies } = realCatalog();
const ids = (q: Parameters<typeof listings.search>[0]) => {
  const r = listings.search(q, 'id', today);
  return r.type === 'ok' ? r.listings.map((l) => l.id) : r.type;
};
const HIDDEN = ['contoh-lo-003', 'contoh-lo-014', 'contoh-lo-021', 'contoh-lo-028', 'contoh-lo-029', 'contoh-lo-030'];

describe('job search', () => {
  it('never shows an expired listing or one whose agency may not place workers', () => {
    const all = ids({});
    expect(Array.isArray(all) && all.length).toBe(24);
    for (const id of HIDDEN) {
      expect(all).not.toContain(id);
      expect(listings.listing(id, today)).toBeUndefined();
    }
    expect(listings.listing('contoh-lo-001', today)?.id).toBe('contoh-lo-001');
    expect(listings.listing('contoh-lo-001', '2027-06-01')).toBeUndefined();
  });

  it('filters by country and by sector', () => {
    const taiwan = ids({ country: 'tw' });
    expect(Array.isArray(taiwan) && taiwan.length).toBeGreaterThan(0);
    for (const id of taiwan as string[]) expect(listings.listing(id, today)?.country).toBe('tw');
    for (const id of ids({ sector: 'fishing' }) as string[]) expect(listings.listing(id, today)?.sector).toBe('fishing');
    expect(listings.countries(today).reduce((s, c) => s + c.count, 0)).toBe(24);
  });

  it.each([
    ['kerja pabrik di taiwan', (l: { country: string; sector: string }) => l.country === 'tw' && l.sector === 'manufacturing'],
    ['lowongan prt hongkong', (l: { country: string; sector: string }) => l.country === 'hk' && l.sector === 'domestic'],
    ['jaga lansia', (l: { sector: string }) => l.sector === 'care'],
    ['abk kapal ikan', (l: { sector: string }) => l.sector === 'fishing'],
    ['taiwn', (l: { country: string }) => l.country === 'tw'],
    ['hongkong', (l: { country: string }) => l.country === 'hk'],
    ['perawat rumah sakit', (l: { sector: string }) => l.sector === 'health'],
    ['perawat lansia di jepang', (l: { country: string; sector: string }) => l.country === 'jp' && l.sector === 'care'],
  ])('finds "%s" in colloquial Indonesian', (words, fits) => {
    const found = ids({ words }) as string[];
    expect(found.length).toBeGreaterThan(0);
    const first = listings.listing(found[0] ?? '', today);
    expect(first && fits(first)).toBe(true);
  });

  it('says when a search has nothing to search for, and copes with very long text', () => {
    expect(ids({ words: 'yang di ke dan' })).toBe('no-terms');
    expect(ids({ words: '😀🔥💰' })).toBe('no-terms');
    expect(ids({ words: 'pabrik '.repeat(800) })).not.toBe('no-terms');
    expect(ids({ words: 'xqzt vvbnm' })).toEqual([]);
  });

  it('says how old the data is', () => {
    expect(listings.checkedOn(today)).toBe('2026-11-25');
    expect(listings.examples).toBe(true);
  });
});

describe('agency check', () => {
  const check = (text: string) => {
    const r = agencies.check(text);
    return 'agency' in r ? `${r.type}:${r.agency.id}` : r.type;
  };

  it.each([
    ['PT Contoh Maju Jaya', 'found:contoh-maju-jaya'],
    ['cek pt. contoh-maju jaya', 'found:contoh-maju-jaya'],
    ['CMJ', 'found:contoh-maju-jaya'],
    ['Contoh Sinar Abadi resmi gak?', 'found:contoh-sinar-abadi'],
    ['000-0000-0001', 'found:contoh-maju-jaya'],
    ['+62 00 0000 0001', 'found:contoh-maju-jaya'],
    ['PT Contoh Anugerah Buana', 'found:contoh-anugerah-buana'],
  ])('recognises %s', (text, expected) => {
    expect(check(text)).toBe(expected);
  });

  it.each([
    ['PT Maju Jaya', 'near:contoh-maju-jaya'],
    ['PT Contoh Maju Jaja', 'near:contoh-maju-jaya'],
    ['PT Contoh Maju Jaya Abadi', 'near:contoh-maju-jaya'],
    ['CV Contoh Sinar Abadii', 'near:contoh-sinar-abadi'],
  ])('points out the look-alike %s without treating it as licensed', (text, expected) => {
    expect(check(text)).toBe(expected);
  });

  it('finds nothing for unknown names and numbers, and asks again for no name', () => {
    expect(check('PT Sumber Rejeki Makmur Sejahtera')).toBe('none');
    expect(check('0812 3456 7890')).toBe('none');
    expect(check('cek pt')).toBe('empty');
    expect(check('x'.repeat(5000))).toBe('none');
  });

  it('knows which agencies may place workers today', () => {
    const found = agencies.check('PT Contoh Lestari Makmur');
    expect(found.type).toBe('found');
    if (found.type === 'found') expect(listings.agencyIsValid(found.agency, today)).toBe(false);
    const revoked = agencies.check('PT Contoh Anugerah Buana');
    if (revoked.type === 'found') expect(revoked.agency.status).toBe('revoked');
  });
});
