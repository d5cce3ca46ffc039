import { describe, expect, it } from 'vitest';
import { findPhones, readPhoneList } from '../../src/phones/phone-list.js';

const A = '+62 812 3456 7890';
const B = '+62 813 1111 2222';

describe('readPhoneList (report wizard)', () => {
  it.each([
    ['0812 3456 7890, 0813 1111 2222'],
    ['081234567890,081311112222'],
    ['0812-3456-7890 / 0813-1111-2222'],
    ['0812 3456 7890\n0813 1111 2222'],
    ['0812 3456 7890\r\n\r\n0813 1111 2222'],
    ['0812 3456 7890 dan 0813 1111 2222'],
    ['0812 3456 7890 atau 0813 1111 2222'],
    ['0812 3456 7890 & 0813 1111 2222'],
    ['0812.3456.7890; 0813.1111.2222'],
    ['hp 0812-3456-7890 wa +62 813-1111-2222'],
  ])('reads %j as two numbers', (text) => {
    expect(readPhoneList(text, 5)).toEqual([A, B]);
  });

  it('keeps one number whole, drops an extension, keeps foreign numbers, dedupes and caps', () => {
    expect(readPhoneList('(0812) 3456-7890', 5)).toEqual([A]);
    expect(readPhoneList('0812 3456 7890 ext. 0813', 5)).toEqual([A]);
    expect(readPhoneList('+60 12-345 6789', 5)).toEqual(['+60 12 345 6789']);
    expect(readPhoneList('0812 3456 7890, +62 812-3456-7890', 5)).toEqual([A]);
    expect(readPhoneList('0812 3456 7890, 0813 1111 2222', 1)).toEqual([A]);
    expect(readPhoneList('tidak tahu', 5)).toEqual([]);
  });
});

describe('findPhones (offer scanner)', () => {
  it('gives every number with where it starts, and never a sum of money', () => {
    const text = 'Biaya Rp 2.500.000, DP 1.000.000, hub 0812-3456-7890 / 0813 1111 2222';
    expect(findPhones(text)).toEqual([
      { number: A, startsAt: text.indexOf('0812') },
      { number: B, startsAt: text.indexOf('0813') },
    ]);
    expect(findPhones('gaji 25,000,000 per bulan')).toEqual([]);
    expect(findPhones('Rp2500000')).toEqual([]);
    expect(findPhones('081.234.567.890')).toEqual([{ number: A, startsAt: 0 }]);
  });
});
