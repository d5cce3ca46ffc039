import type { ReportDetails, Reporter } from '../../src/core/report.js';
import { createVillageFinder } from '../../src/content/village-finder.js';
import { reportKeys } from '../../src/reports/keys.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange } from '../../src/reports/report-store.js';
import { testRedis } from '../helpers/redis.js';
import { TERNYANG } from '../helpers/report-script.js';

/** A village of the same sub-district (Sumberpucung) and one of another regency (Kota Batu). */
export const SUMBERPUCUNG_VILLAGE = '35.07.12.2006';
export const BATU_VILLAGE = '35.79.01.1001';

export const NOW = new Date('2026-12-10T12:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (n: number): Date => new Date(NOW.getTime() - n * DAY);

export const villages = createVillageFinder();

/** Writes what a command prints; `text` is all of it. */
export function buffer(): { write(chunk: string): boolean; text(): string } {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

export const details = (over: Partial<ReportDetails> = {}): ReportDetails => ({
  recruiter: { name: 'Pak Darto', phones: ['+6281234567890'], company: 'PT Maju Sejahtera' },
  offer: { country: 'Taiwan', job: 'pabrik', salary: '25 juta', fees: '15 juta', documents: '-' },
  place: 'di rumah saya',
  village: TERNYANG,
  notes: ['Dia bilang bisa berangkat tanpa pelatihan'],
  media: [],
  bypassVillage: false,
  ...over,
});

export interface Seed {
  readonly code: string;
  readonly village?: string;
  readonly createdAt: Date;
  readonly contact?: Reporter['contact'];
  readonly address?: string;
  /** Changes applied one after the other with their history entries. */
  readonly steps?: readonly (readonly [ReportChange, HistoryEntry])[];
  readonly details?: Partial<ReportDetails>;
}

/** A Redis report store under a prefix of its own, and a way to add reports to it. */
export function reportsOnRedis() {
  const parts = testRedis();
  const prefix = `${parts.prefix}r:`;
  const store = new RedisReportStore(parts.redis, reportKeys(prefix));
  let n = 0;
  return {
    ...parts,
    prefix,
    store,
    async seed(s: Seed): Promise<void> {
      n += 1;
      const created = await store.create({
        code: s.code,
        reporter: {
          address: s.address ?? `telegram:${1000 + n}`,
          locale: 'id',
          contact: s.contact ?? 'none',
          updates: false,
        },
        draftKey: String(n),
        details: details({
          village: s.village ?? TERNYANG,
          recruiter: { name: 'Pak Darto', phones: [`+62812345${String(n).padStart(5, '0')}`], company: '' },
          ...s.details,
        }),
        createdAt: s.createdAt,
        perDay: 100,
      });
      if (created.type !== 'created') throw new Error(`seed ${s.code}: ${created.type}`);
      for (const [change, entry] of s.steps ?? []) {
        const r = await store.update(s.code, change, entry);
        if (!r.applied) throw new Error(`seed ${s.code}: ${entry.type} not applied`);
      }
    },
  };
}

/** The steps from submitted to resolved, the resolution `resolvedAt`. */
export function toResolved(createdAt: Date, resolvedAt: Date): [ReportChange, HistoryEntry][] {
  const at = (ms: number) => new Date(createdAt.getTime() + ms).toISOString();
  return [
    [{ to: 'routed' }, { at: at(1000), type: 'routed', level: 'village', area: TERNYANG, officers: ['o1'] }],
    [{ to: 'notified' }, { at: at(2000), type: 'notified' }],
    [
      { to: 'acknowledged', owner: 'o1' },
      { at: at(3000), type: 'acknowledged', officers: ['o1'] },
    ],
    [
      { to: 'resolved', outcome: 'warned' },
      { at: resolvedAt.toISOString(), type: 'resolved', officers: ['o1'], reason: 'warned' },
    ],
  ];
}
