import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  OFFERS_DIR,
  offerClassifier,
  offerScores,
  rates,
  readOfferPart,
  scorePart,
} from '../../eval/offers.js';
import { TODAY, realContent } from '../helpers/engine.js';

const HELDOUT = join(OFFERS_DIR, 'heldout.yaml');

/**
 * CI floors of the offer checker on the held-out part (issue 15). Only the numbers are read here; a
 * failing case is fixed from the dev part and the domain facts, never by copying it into a rule.
 * "Looks procedural" for a dangerous advert is held at the 0 and lawful-called-high at its 10 %
 * (the checker calls 0 of 25 high) and recall of high-risk adverts at the 95 % (the checker finds 53 of 55).
 */
const FLOORS = { highRecall: 0.95, legitHigh: 0.1 };
describe.skipIf(!existsSync(HELDOUT))('offer checker floors on eval/offers/heldout.yaml', () => {
  const cases = readOfferPart('heldout') ?? [];
  const score = scorePart(cases, offerClassifier(realContent(), TODAY));
  const r = rates(score);

  it('has adverts of every label', () => {
    expect(score.labels.high).toBeGreaterThan(0);
    expect(score.labels.legit).toBeGreaterThan(0);
  });
  it('calls at least 95 % of the high-risk adverts high', () => {
    expect(r.highRecall).toBeGreaterThanOrEqual(FLOORS.highRecall);
  });
  it('calls at most 10 % of the lawful adverts high', () => {
    expect(r.legitHigh).toBeLessThanOrEqual(FLOORS.legitHigh);
  });
  it('never calls a dangerous advert "looks procedural"', () => {
    expect(r.dangerousProcedural).toBe(0);
  });
});

describe('offer checker on eval/offers/dev.yaml', () => {
  it('has at least 100 adverts in Indonesian, English, Javanese and Sundanese', () => {
    const cases = readOfferPart('dev') ?? [];
    expect(cases.length).toBeGreaterThanOrEqual(100);
    for (const lang of ['id', 'en', 'jv', 'su'] as const)
      expect(cases.some((c) => c.lang === lang)).toBe(true);
  });
  it('meets the same floors on the dev part', () => {
    const r = rates(scorePart(readOfferPart('dev') ?? [], offerClassifier(realContent(), TODAY)));
    expect(r.highRecall).toBeGreaterThanOrEqual(0.95);
    expect(r.legitHigh).toBeLessThanOrEqual(0.1);
    expect(r.dangerousProcedural).toBe(0);
  });
  it('scores the dev part alone for --dev-only, leaving the held-out part unread', () => {
    const scores = offerScores(TODAY, ['dev']);
    expect(scores.dev?.total).toBe(readOfferPart('dev')?.length);
    expect(scores.heldout).toBeUndefined();
  });
});

if (!existsSync(HELDOUT))
  console.warn('eval/offers/heldout.yaml does not exist yet: the held-out floors are skipped');
