import { describe, expect, it } from 'vitest';
import { parseRule, ruleMatches, ruleSet } from '../../../src/core/understanding/rules.js';
import { tokensOf } from '../../../src/core/understanding/tokens.js';
import { ruleProblem } from '../../../src/content/understanding-schema.js';

const spellings = new Map([
  ['sy', 'saya'],
  ['gk', 'tidak'],
  ['ga', 'tidak'],
  ['im', 'i am'],
]);
const matches = (rule: string, text: string) =>
  ruleMatches(parseRule(rule, spellings), tokensOf(text, spellings));

describe('words of a message', () => {
  it('folds case and marks, splits digits from letters, writes chat spellings out', () => {
    expect(tokensOf('Sy sdh bayar 30jt', spellings)).toEqual(['saya', 'sdh', 'bayar', '30', 'jt']);
    expect(tokensOf('TOLONGGG anak2 gk pulang', spellings)).toEqual(['tolong', 'anak', 'tidak', 'pulang']);
    expect(tokensOf('Désa ñ', spellings)).toEqual(['desa', 'n']);
    expect(tokensOf('im stuck', spellings)).toEqual(['i', 'am', 'stuck']);
  });

  it('reads scheme names as one word', () => {
    expect(tokensOf('G to G jepang, g2g korea, P to P', spellings)).toEqual([
      'gtog',
      'jepang',
      'gtog',
      'korea',
      'ptop',
    ]);
  });

  it('survives emoji, only digits and empty text', () => {
    expect(tokensOf('🙏🙏😭', spellings)).toEqual([]);
    expect(tokensOf('', spellings)).toEqual([]);
    expect(tokensOf('123 456', spellings)).toEqual(['123', '456']);
  });
});

describe('rule language', () => {
  it('matches words, alternatives, phrases and prefixes', () => {
    expect(matches('dikurung|disekap', 'adik saya disekap')).toBe(true);
    expect(matches('tidak boleh keluar', 'dia gk boleh keluar rumah')).toBe(true);
    expect(matches('kurung*', 'dikurungnya')).toBe(false);
    expect(matches('kurung*', 'kurungan')).toBe(true);
  });

  it('joins parts that occur near each other in any order', () => {
    expect(matches('paspor + ditahan|disita', 'ditahan paspor saya')).toBe(true);
    expect(
      matches(
        'paspor + ditahan',
        'paspor saya ada di rumah dan adik saya kemarin pergi ke kota lalu ditahan',
      ),
    ).toBe(false);
  });

  it('reads # as any number', () => {
    expect(matches('gaji + # bulan', 'gaji belum dibayar 3 bulan')).toBe(true);
    expect(matches('gaji + # bulan', 'gaji belum dibayar bulan ini')).toBe(false);
  });

  it('does not count a match right after a negation, unless the rule says it', () => {
    expect(matches('dikurung', 'alhamdulillah tidak dikurung')).toBe(false);
    expect(matches('dikurung', 'dia dikurung')).toBe(true);
    expect(matches('tidak boleh pulang', 'sy ga boleh pulang')).toBe(true);
    // "or not" closes a question; it negates nothing after it.
    expect(matches('pt', 'legit or not PT Maju')).toBe(true);
    expect(matches('dikurung', 'aman atau tidak, dikurung?')).toBe(true);
    expect(matches('umur', 'sudah boleh belum umur 17')).toBe(true);
    expect(matches('umur', 'belum umur 17')).toBe(false);
  });

  it('reads a word with choices as one phrase per choice', () => {
    expect(matches('majikan/bos meninggal', 'kemarin bos meninggal')).toBe(true);
    expect(matches('majikan/bos meninggal', 'majikan meninggal')).toBe(true);
    expect(matches('majikan/bos meninggal', 'majikan marah, bos pergi, adik meninggal')).toBe(false);
    expect(matches('sold her/his cow/land', 'he sold his land')).toBe(true);
    expect(matches('sold her/his cow/land', 'he sold her to a man')).toBe(false);
  });

  it('joins parts with & anywhere in the message, for long stories', () => {
    const story =
      'sy bayar 12jt ke sponsor buat ke taiwan, katanya visa lagi diurus, terus dia pindah rumah, nomornya diblokir';
    expect(matches('bayar & # jt & diblokir', story)).toBe(true);
    expect(matches('bayar + # jt + diblokir', story)).toBe(false);
    expect(matches('bayar & # jt & diblokir', 'sy bayar 12jt ke sponsor')).toBe(false);
  });

  it('says which words the phrases of matching rules cover', () => {
    const set = ruleSet([
      { rule: parseRule('majikan/bos meninggal', spellings), value: 1 },
      { rule: parseRule('nomor + darurat', spellings), value: 2 },
    ]);
    const words = tokensOf('bos meninggal, adik sy dipukul', spellings);
    expect([...set.cover(words)]).toEqual([0, 1]);
    expect([...set.cover(tokensOf('darurat, nomor kbri?', spellings))].sort()).toEqual([0, 1]);
    expect(set.cover(tokensOf('adik sy meninggal', spellings)).size).toBe(0);
  });

  it('finds the problems of a rule for content validation', () => {
    expect(ruleProblem('')).toBe('is empty');
    expect(ruleProblem('a+b')).toMatch(/without spaces/);
    expect(ruleProblem('a||b')).toMatch(/empty alternative/);
    expect(ruleProblem('a ; b')).toMatch(/characters/);
    expect(ruleProblem('a/ b')).toMatch(/empty choice/);
    expect(ruleProblem('a//b')).toMatch(/empty choice/);
    expect(ruleProblem('a & b + c')).toMatch(/mixes/);
    expect(ruleProblem('a &b')).toMatch(/without spaces/);
    expect(ruleProblem('paspor* + ditahan|disita # bulan')).toBeUndefined();
    expect(ruleProblem('majikan/bos meninggal|bos sudah/telah meninggal')).toBeUndefined();
  });
});
