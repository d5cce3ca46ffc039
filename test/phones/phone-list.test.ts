import { describe, expect, it } from 'vitest';
import { readPhoneList } from '../../src/phones/phone-list.js';

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
