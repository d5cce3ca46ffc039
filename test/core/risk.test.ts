import { describe, expect, it } from 'vitest';
import { familyRisk, offerRisk } from '../../src/core/risk.js';
import { realCatalog } from '../helpers/engine.js';

const w = (...weights: number[]) => weights.map((weight) => ({ weight }));

describe('offer risk scoring (facts §3c)', () => {
  const catalog = realCatalog();
  // Signs read from adverts only have no question and are not asked.
  const offer = catalog.signsFor('offer').filter((s) => s.question_id !== undefined);

  it.each(offer.filter((s) => s.weight === 3).map((s) => [s.id, s] as const))(
    'critical sign %s alone gives high risk',
    (_id, sign) => {
      expect(offerRisk([{ weight: sign.weight, alwaysHigh: sign.always_high }])).toBe('high');
    },
  );

  it('marks under 18 and a fee for a zero-cost job as always high', () => {
    expect(catalog.sign('under-18')?.always_high).toBe(true);
    expect(catalog.sign('fee-zero-cost-job')?.always_high).toBe(true);
    expect(offerRisk([{ weight: 1, alwaysHigh: true }])).toBe('high');
  });

  it.each([
    [[], 'procedural'],
    [[1], 'procedural'],
    [[2], 'verify'],
    [[1, 1], 'verify'],
    [[2, 1], 'verify'],
    [[2, 2], 'high'],
    [[1, 1, 1, 1], 'high'],
    [[2, 1, 1], 'high'],
    [[3], 'high'],
  ] as const)('weights %j add up to %s', (weights, level) => {
    expect(offerRisk(w(...weights))).toBe(level);
  });

  it('asks every offer question of the fact sheet, Q-01..Q-37, with its weight', () => {
    expect(offer.map((s) => s.question_id)).toEqual([
      'Q-01',
      'Q-02',
      'Q-03',
      'Q-04',
      'Q-05',
      'Q-06',
      'Q-10',
      'Q-11',
      'Q-12',
      'Q-13',
      'Q-20',
      'Q-21',
      'Q-22',
      'Q-23',
      'Q-24',
      'Q-25',
      'Q-26',
      'Q-30',
      'Q-31',
      'Q-32',
      'Q-33',
      'Q-34',
      'Q-35',
      'Q-36',
      'Q-37',
    ]);
    expect(catalog.sign('no-job-order')?.weight).toBe(2);
  });
});

describe('family risk scoring', () => {
  it.each([
    [[], 'calm'],
    [[1], 'calm'],
    [[2], 'concern'],
    [[1, 1], 'concern'],
    [[3], 'urgent'],
    [[2, 2, 1], 'concern'],
  ] as const)('weights %j give %s', (weights, level) => {
    expect(familyRisk(w(...weights))).toBe(level);
  });

  it('asks the family questions Q-40..Q-46', () => {
    expect(
      realCatalog()
        .signsFor('family')
        .map((s) => s.question_id),
    ).toEqual(['Q-40', 'Q-41', 'Q-42', 'Q-43', 'Q-44', 'Q-45', 'Q-46']);
  });
});
