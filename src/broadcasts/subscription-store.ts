import type { Subscriber, Topics } from '../core/subscriptions.js';

/**
 * Who a broadcast goes to: subscribers of new jobs in some countries, or of warnings for an area —
 * one district (`PP.KK`), or a province (`PP`) with its districts listed (subscribers choose a district).
 */
export type Audience =
  | { readonly type: 'jobs'; readonly countries: readonly string[] }
  | { readonly type: 'warnings'; readonly district: string; readonly districts?: readonly string[] };

/** The districts whose warning subscribers a warnings audience reaches. */
export const warningDistricts = (a: Extract<Audience, { type: 'warnings' }>): readonly string[] =>
  a.districts ?? [a.district];

/**
 * Where subscribers are kept (Redis in service, memory in tests and the demo). A record and the
 * indexes the audience is read from change together.
 */
export interface SubscriptionStore {
  get(address: string): Promise<Subscriber | undefined>;
  /** Stores the record; its indexes follow its topics (none while stopped or blocked). */
  put(subscriber: Subscriber): Promise<void>;
  /** `hapus`: the record and every index entry go. */
  delete(address: string): Promise<void>;
  /**
   * The addresses an audience covers now. All at once: one process serves a district (DESIGN §10), so
   * an audience is at most some hundred thousand addresses.
   */
  audience(audience: Audience): Promise<string[]>;
  /** How many addresses the audience covers now (an officer's preview). */
  audienceSize(audience: Audience): Promise<number>;
  /** Every subscribed address (active topics), for counts. */
  count(): Promise<number>;
}

/** The index entries of a record: `jobs:<country>` (`*` for any) and `warn:<district>`. */
export function indexEntries(s: Subscriber | undefined): { jobs: string[]; warnings: string[] } {
  if (!s || s.blockedAt) return { jobs: [], warnings: [] };
  const t: Topics = s.topics;
  return {
    jobs: t.jobs ? (t.jobs.countries.length > 0 ? [...t.jobs.countries] : ['*']) : [],
    warnings: t.warnings ? [t.warnings.district] : [],
  };
}

/** Does the subscriber still want a message of this audience (checked again at sending time)? */
export function covers(s: Subscriber | undefined, audience: Audience): boolean {
  const idx = indexEntries(s);
  if (audience.type === 'warnings') return warningDistricts(audience).some((d) => idx.warnings.includes(d));
  return idx.jobs.includes('*') || audience.countries.some((c) => idx.jobs.includes(c));
}

/** In-memory twin of the Redis store (same contract tests). */
export class MemorySubscriptionStore implements SubscriptionStore {
  private readonly records = new Map<string, Subscriber>();

  get(address: string): Promise<Subscriber | undefined> {
    return Promise.resolve(this.records.get(address));
  }

  put(subscriber: Subscriber): Promise<void> {
    this.records.set(subscriber.address, subscriber);
    return Promise.resolve();
  }

  delete(address: string): Promise<void> {
    this.records.delete(address);
    return Promise.resolve();
  }

  audience(audience: Audience): Promise<string[]> {
    return Promise.resolve(
      [...this.records.values()].filter((s) => covers(s, audience)).map((s) => s.address),
    );
  }

  async audienceSize(audience: Audience): Promise<number> {
    return (await this.audience(audience)).length;
  }

  count(): Promise<number> {
    const idx = [...this.records.values()].map(indexEntries);
    return Promise.resolve(idx.filter((i) => i.jobs.length + i.warnings.length > 0).length);
  }
}
