import { describe, expect, it } from 'vitest';
import { normalizeForScan } from '../../src/analysis/normalize.js';
import { negated, stemWord } from '../../src/analysis/phrase-index.js';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

const signsOf = (text: string): string[] => {
  const { scanner, catalog } = realContent();
  return offerVerdict(catalog, scanner.scan(text), TODAY).signs.map((s) => s.id);
};

describe('scan grammar: word forms, numbers in words, negation over lists and warnings', () => {
  it('reads suffixed and plural forms as the phrase-list word, and leaves short stems alone', () => {
    const vocabulary = new Set(['biaya', 'ragad', 'charge', 'nanny', 'calo']);
    expect(stemWord('biayane', vocabulary)).toBe('biaya');
    expect(stemWord('ragade', vocabulary)).toBe('ragad');
    expect(stemWord('charges', vocabulary)).toBe('charge');
    expect(stemWord('nannies', vocabulary)).toBe('nanny');
    expect(stemWord('calone', vocabulary)).toBe('calone');
  });

  it('folds numbers written in words into digits', () => {
    expect(normalizeForScan('umur nembelas taun')).toBe('umur 16 taun');
    expect(normalizeForScan('biaya lima belas juta')).toBe('biaya 15 juta');
    expect(normalizeForScan('dua puluh lima juta')).toBe('25 juta');
  });

  it('lets a negation reach the later items of a list that start with the same word', () => {
    const tokens = normalizeForScan('bukan visa turis atau visa kunjungan').split(' ');
    expect(negated(tokens, 4, 'visa kunjungan')).toBe(true);
    const other = normalizeForScan('tanpa pengalaman dan biaya 25 juta').split(' ');
    expect(negated(other, 3, 'biaya')).toBe(false);
  });

  it('reads what a warning says others promise as the warning, not as an offer', () => {
    const tokens = normalizeForScan('waspada calo yang menjanjikan lulus tanpa tes').split(' ');
    expect(negated(tokens, 5, 'tanpa tes')).toBe(true);
  });
});

describe('phrases with a partner word nearby, or a word that undoes them', () => {
  it.each([
    'Setibanya di Malaysia paspor wajib diserahkan ke pihak kilang untuk disimpan.',
    'Your passport will be kept by the company during the contract.',
  ])('a passport and a word for keeping it: %s', (text) => {
    expect(signsOf(text)).toContain('documents-held');
  });

  it.each([
    'Paspor wajib dipegang sendiri oleh pekerja.',
    'Syarat: serahkan fotokopi KTP dan KK ke petugas LTSA.',
    'Paspor Anda tidak akan ditahan.',
  ])('a passport the worker keeps, or copies for an office, are not held: %s', (text) => {
    expect(signsOf(text)).not.toContain('documents-held');
  });

  it('reads a visa kind written apart from "visa", unless negated', () => {
    expect(signsOf('Kerja ladang di Korea, masuk pakai visa C-3 (turis) 90 hari.')).toContain('wrong-visa');
    expect(signsOf('Wajib visa kerja, bukan visa turis atau visa kunjungan.')).not.toContain('wrong-visa');
  });

  it('does not read a hotel housekeeper in Dubai as household work', () => {
    expect(signsOf('Housekeeper hotel bintang 5 di Dubai, visa kerja, job order resmi.')).not.toContain(
      'middle-east-household',
    );
    expect(signsOf('Dibutuhke rewang kanggo kulawarga neng Dubai, langsung mangkat.')).toContain(
      'middle-east-household',
    );
  });
});
