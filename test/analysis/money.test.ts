import { describe, expect, it } from 'vitest';
import { amountAt, readMoney } from '../../src/analysis/money.js';
import { normalizeForScan } from '../../src/analysis/normalize.js';
import { realContent } from '../helpers/engine.js';

const rupiah = (amount: number) => ({ amount, currency: 'IDR' });
const answer = (text: string) => readMoney(text, { answer: true });

describe('readMoney: what an amount of money is worth', () => {
  it('reads the ways villagers write rupiah', () => {
    const cases: [string, number][] = [
      ['5jt', 5_000_000],
      ['5 jt', 5_000_000],
      ['Rp 5.000.000', 5_000_000],
      ['Rp5.000.000', 5_000_000],
      ['rp 5,000,000', 5_000_000],
      ['Rp. 30.000.000,-', 30_000_000],
      ['Rp 30.000.000,00', 30_000_000],
      ['Rp 5 juta', 5_000_000],
      ['lima juta', 5_000_000],
      ['dua puluh lima juta', 25_000_000],
      ['lima belas juta', 15_000_000],
      ['lima ratus ribu', 500_000],
      ['500rb', 500_000],
      ['500 ribu', 500_000],
      ['500k', 500_000],
      ['2,5 juta', 2_500_000],
      ['1.75jt', 1_750_000],
      ['3 setengah juta', 3_500_000],
      ['setengah juta', 500_000],
      ['1,5 miliar', 1_500_000_000],
      ['30 jutaan', 30_000_000],
      ['sekitar 5 juta', 5_000_000],
      ['kurang lebih 15.000.000 untuk medical', 15_000_000],
      ['five million rupiah', 5_000_000],
      ['sudah bayar 30jt ke sponsor', 30_000_000],
    ];
    for (const [text, amount] of cases) expect(answer(text), text).toEqual(rupiah(amount));
  });

  it('keeps a foreign currency as written', () => {
    expect(answer('USD 500')).toEqual({ amount: 500, currency: 'USD' });
    expect(answer('$500')).toEqual({ amount: 500, currency: 'USD' });
    expect(answer('500 dollars')).toEqual({ amount: 500, currency: 'USD' });
    expect(answer('RM 3000')).toEqual({ amount: 3000, currency: 'MYR' });
    expect(answer('3000 ringgit')).toEqual({ amount: 3000, currency: 'MYR' });
    expect(answer('HK$ 4.500')).toEqual({ amount: 4500, currency: 'HKD' });
    expect(answer('NT$ 27.470')).toEqual({ amount: 27_470, currency: 'TWD' });
  });

  it('takes a number alone only as an answer to "how much?", and only a sum worth counting', () => {
    expect(answer('5000000')).toEqual(rupiah(5_000_000));
    expect(readMoney('5000000')).toBeUndefined();
    expect(answer('2 kali')).toBeUndefined();
    expect(answer('30')).toBeUndefined();
    expect(readMoney('tahun 2024 sudah bayar')).toBeUndefined();
  });

  it('passes over pay in free text, but not in an answer', () => {
    expect(readMoney('gaji 8jt, sudah bayar 30jt ke PT')).toEqual(rupiah(30_000_000));
    expect(readMoney('dijanjikan 8 juta per bulan')).toBeUndefined();
    expect(answer('8 juta per bulan')).toEqual(rupiah(8_000_000));
  });

  it('reads no amount in emoji, dashes, zero sums and numbers past exact counting', () => {
    for (const text of [
      '💰💰💰',
      '-',
      '',
      'Rp 0',
      '0 juta',
      'tidak tahu',
      '999999999999999999999',
      '🤑 banyak',
    ])
      expect(answer(text), text).toBeUndefined();
    // A dash before the number is a bullet, not a minus: nobody pays a negative sum.
    expect(answer('-5jt')).toEqual(rupiah(5_000_000));
    // 15 digits are still exact (the wizard refuses what is past its own bound); 16 are not read.
    expect(answer('Rp 100.000.000.000.000')).toEqual(rupiah(1e14));
    expect(answer('Rp 1.000.000.000.000.000')).toBeUndefined();
  });

  it('reads a long text quickly', () => {
    const long = `${'kata '.repeat(3000)} bayar 5jt`;
    const start = performance.now();
    expect(answer(long)).toEqual(rupiah(5_000_000));
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('is the reading the offer scanner gives the flows', () => {
    expect(realContent().scanner.money('Rp 5.000.000', true)).toEqual(rupiah(5_000_000));
    expect(realContent().scanner.money('5000000')).toBeUndefined();
  });
});

describe('amountAt: where an amount is (the offer scan)', () => {
  const lengthAt = (text: string, at = 0) => amountAt(normalizeForScan(text).split(' '), at);

  it('includes the unit after a currency and the thousands after a glued currency', () => {
    expect(lengthAt('Rp 8 juta per bulan')).toBe(3);
    expect(lengthAt('Rp8.000.000 per bulan')).toBe(3);
    expect(lengthAt('Rp 25.000.000')).toBe(4);
    expect(lengthAt('25jt')).toBe(1);
    expect(lengthAt('25 000 000')).toBe(3);
    expect(lengthAt('1 miliar')).toBe(2);
  });

  it('finds no amount in counts and periods', () => {
    expect(lengthAt('2 kali')).toBe(0);
    expect(lengthAt('3 bulan')).toBe(0);
    expect(lengthAt('Rp 0')).toBe(0);
  });
});
