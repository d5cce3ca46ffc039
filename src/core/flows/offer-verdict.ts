import type { Catalog } from '../catalog.js';
import type { OfferResult, Sign } from '../../content/warnings-schema.js';
import type { OfferScanResult } from '../ports.js';
import { offerRisk } from '../risk.js';
import { bySeverity } from './check-result.js';

/** What a pasted advert is called, and why. */
export interface OfferVerdict {
  readonly level: OfferResult;
  /** The signs its words show, most serious first, with the weight the scan gave them. */
  readonly signs: readonly Sign[];
  /** The words behind each sign, by sign id. */
  readonly evidence: ReadonlyMap<string, readonly string[]>;
  /** Licensed agencies from the agency list that the text names (active, licence valid today). */
  readonly licensed: readonly string[];
  /** Words that are positive evidence of a procedural offer (a job order, SISKOP2MI, G to G). */
  readonly positive: readonly string[];
}

/** Companies the text names that are licensed agencies on the list, valid on `now`. */
function licensedAgencies(catalog: Catalog, companies: readonly string[], now: Date): string[] {
  const today = now.toISOString().slice(0, 10);
  return companies.flatMap((name) => {
    const match = catalog.agencies.check(name);
    if (match.type !== 'found') return [];
    const a = match.agency;
    return a.status === 'active' && a.licence_valid_until >= today ? [a.name] : [];
  });
}

/**
 * The level of a scanned advert. Warning signs add up as in the yes/no check (facts §3c). "Looks
 * procedural" needs positive evidence: a licensed agency from the list, a job order, or an official channel
 * such as SISKOP2MI or G to G, and no warning sign at all. Without it, a text with no sign is `unconfirmed`
 * ("no warning signs found in the text — that does not make it legal"); a text with a weak sign is `verify`.
 */
export function offerVerdict(catalog: Catalog, scan: OfferScanResult, now: Date): OfferVerdict {
  const signs = bySeverity(
    scan.findings.flatMap((f) => {
      const sign = catalog.sign(f.signId);
      return sign ? [{ ...sign, weight: f.weight }] : [];
    }),
  );
  const evidence = new Map(scan.findings.map((f) => [f.signId, f.evidence]));
  const licensed = licensedAgencies(catalog, scan.companies, now);
  const base = { signs, evidence, licensed, positive: scan.positive };
  const risk = offerRisk(signs.map((s) => ({ weight: s.weight, alwaysHigh: s.always_high })));
  if (risk !== 'procedural') return { ...base, level: risk };
  // Any sign at all, even a weak one, keeps the advert from "looks procedural".
  if (signs.length > 0) return { ...base, level: 'verify' };
  const backed = licensed.length > 0 || scan.positive.length > 0;
  return { ...base, level: backed ? 'procedural' : 'unconfirmed' };
}
