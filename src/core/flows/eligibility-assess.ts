import type { Catalog } from '../catalog.js';
import type { VerdictId } from '../../content/ids.js';
import type { DocumentItem } from '../../content/schema.js';

export const MIN_AGE = 18;
/** Korea EPS accepts 18–39 (facts S-20); Japan G to G at most 35 (facts S-30). */
export const KOREA_MAX_AGE = 39;
export const JAPAN_MAX_AGE = 35;

export interface EligibilityAnswers {
  readonly age: number;
  readonly destination?: string;
  readonly job?: string;
  /** Holds a written job offer directly from an employer abroad. */
  readonly offer?: boolean;
  readonly documentsHeld: readonly string[];
}

export interface Assessment {
  /** Verdict texts to show, in order. */
  readonly verdicts: readonly VerdictId[];
  /** Guide topic of the scheme that fits, if one does. */
  readonly schemeTopic?: string;
  readonly missing: readonly DocumentItem[];
  readonly next?: VerdictId;
}

/** Whether the check should ask about a direct written offer (only where no G to G route applies). */
export function asksForOffer(
  catalog: Catalog,
  a: Pick<EligibilityAnswers, 'age' | 'destination' | 'job'>,
): boolean {
  const job = catalog.jobs.find((j) => j.id === a.job);
  if (!job || job.employer !== 'entity') return false;
  return g2gRoute(a.age, a.destination, job.g2g) === undefined;
}

function g2gRoute(
  age: number,
  destination: string | undefined,
  g2g: readonly string[],
): 'korea' | 'japan' | undefined {
  if (destination === undefined || !g2g.includes(destination)) return undefined;
  if (destination === 'kr' && age <= KOREA_MAX_AGE) return 'korea';
  if (destination === 'jp' && age <= JAPAN_MAX_AGE) return 'japan';
  return undefined;
}

/**
 * Turns the answers into a personal result: which scheme fits (facts S-20, S-30, S-40, L-26, M-10..M-15),
 * what it costs (L-41..L-46), the documents still missing, and the next concrete step.
 */
export function assessEligibility(catalog: Catalog, a: EligibilityAnswers): Assessment {
  const { schemeTopics, civilDocuments } = catalog.ids;
  const missing = catalog.documents.filter((d) => !a.documentsHeld.includes(d.id));
  if (a.age < MIN_AGE) return { verdicts: ['under-18'], missing: [], next: 'next-under-18' };

  const job = catalog.jobs.find((j) => j.id === a.job);
  const destination = catalog.destinations.find((d) => d.id === a.destination);
  const household = job?.employer === 'household';
  const verdicts: VerdictId[] = [];
  let schemeTopic: string | undefined;
  let next: VerdictId = 'next-register';

  const route = g2gRoute(a.age, a.destination, job?.g2g ?? []);
  // Household work where it is stopped (facts M-10..M-15) or where no route for it is known (facts §5b, S-22,
  // S-30): no scheme, no costs rule, no "register" step — only the warning and "ask BP3MI first".
  if (household && destination?.household_moratorium)
    return { verdicts: ['me-household'], missing, next: 'next-ask-bp3mi' };
  if (household && destination?.household_no_route)
    return { verdicts: ['household-no-route'], missing, next: 'next-ask-bp3mi' };
  if (route === 'korea') {
    verdicts.push('scheme-g2g-korea');
    [schemeTopic, next] = [schemeTopics.korea, 'next-korea'];
  } else if (route === 'japan') {
    verdicts.push('scheme-g2g-japan');
    [schemeTopic, next] = [schemeTopics.japan, 'next-japan'];
  } else {
    if (job?.g2g.includes('kr') && a.destination === 'kr') verdicts.push('korea-over-age');
    if (job?.g2g.includes('jp') && a.destination === 'jp') verdicts.push('japan-over-age');
    if (household) {
      verdicts.push('household-only-p2p');
      schemeTopic = schemeTopics.p2p;
    } else if (a.offer === true) {
      verdicts.push('scheme-independent');
      schemeTopic = schemeTopics.independent;
    } else {
      verdicts.push('scheme-p2p');
      schemeTopic = schemeTopics.p2p;
    }
  }
  verdicts.push(job?.zero_cost ? 'zero-cost' : 'costs-other', 'always-required');
  if (missing.some((d) => (civilDocuments as readonly string[]).includes(d.id))) next = 'next-civil';
  return schemeTopic ? { verdicts, schemeTopic, missing, next } : { verdicts, missing, next };
}
