import type { FamilyLevel, RiskLevel } from '../content/warnings-schema.js';

/** A sign that counts towards a result: its weight (3 critical, 2 serious, 1 caution). */
export interface Weighted {
  readonly weight: number;
  /** Gives high risk on its own whatever the weight (under 18; a fee for a zero-cost job). */
  readonly alwaysHigh?: boolean;
}

/** Sums of weights for the levels (facts §3c: ≥ 4 high, 2–3 verify first, 0–1 looks procedural). */
export const HIGH_SUM = 4;
export const VERIFY_SUM = 2;

const sum = (items: readonly Weighted[]) => items.reduce((s, i) => s + i.weight, 0);
const critical = (items: readonly Weighted[]) => items.some((i) => i.alwaysHigh === true || i.weight >= 3);

/** Risk of an offer: any critical sign alone is high; otherwise the weights add up. */
export function offerRisk(items: readonly Weighted[]): RiskLevel {
  if (critical(items)) return 'high';
  const total = sum(items);
  return total >= HIGH_SUM ? 'high' : total >= VERIFY_SUM ? 'verify' : 'procedural';
}

/** How urgent the situation of a family member abroad is, on the same scale. */
export function familyRisk(items: readonly Weighted[]): FamilyLevel {
  if (critical(items)) return 'urgent';
  return sum(items) >= VERIFY_SUM ? 'concern' : 'calm';
}
