import type { ReportDetails, Reporter } from '../../src/core/report.js';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange, ReportStore } from '../../src/reports/report-store.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import {
  BATU_VILLAGE,
  SUMBERPUCUNG_VILLAGE,
  daysAgo,
  details,
  NOW,
  toResolved,
} from '../cli/reports-fixture.js';

export interface QuerySeed {
  readonly code: string;
  readonly createdAt: Date;
  readonly village?: string;
  readonly contact?: Reporter['contact'];
  readonly address?: string;
  readonly details?: Partial<ReportDetails>;
  readonly steps?: readonly (readonly [ReportChange, HistoryEntry])[];
}

const hoursAgo = (n: number) => new Date(NOW.getTime() - n * 3600_000);

/**
 * Six reports at NOW (oldest first): R-AAAAAA resolved (taken 3 s after filing, resolved 10 days
 * later), R-CCCCCC escalated to the district 9 days ago, R-DDDDDD taken a day after filing (direct
 * consent), R-GGGGGG sent past the village 2 days ago and never taken, R-EEEEEE in Batu 2 hours ago,
 * R-FFFFFF an hour ago.
 */
export const QUERY_SEEDS: readonly QuerySeed[] = [
  {
    code: 'R-AAAAAA',
    createdAt: daysAgo(30),
    steps: toResolved(daysAgo(30), daysAgo(20)),
    details: { recruiter: { name: 'Pak Darto', phones: ['+6281234500001'], company: 'PT Contoh Maju Jaya' } },
  },
  {
    code: 'R-CCCCCC',
    createdAt: daysAgo(10),
    village: SUMBERPUCUNG_VILLAGE,
    steps: [
      [
        { to: 'routed' },
        { at: daysAgo(10).toISOString(), type: 'routed', level: 'village', area: SUMBERPUCUNG_VILLAGE },
      ],
      [
        { to: 'escalated', level: 'district', area: MALANG },
        {
          at: daysAgo(9).toISOString(),
          type: 'escalated',
          level: 'district',
          area: MALANG,
          officers: ['d1'],
        },
      ],
    ],
    details: { recruiter: { name: 'Bu Sari', phones: ['+6281234500002'], company: '' } },
  },
  {
    code: 'R-DDDDDD',
    createdAt: daysAgo(3),
    contact: 'direct',
    address: 'whatsapp:6281299990000',
    steps: [
      [
        { to: 'acknowledged', owner: 'o7' },
        { at: daysAgo(2).toISOString(), type: 'acknowledged' },
      ],
    ],
    details: { recruiter: { name: 'Darto', phones: ['+6281234500001'], company: 'Maju Jaya' } },
  },
  {
    code: 'R-GGGGGG',
    createdAt: daysAgo(2),
    details: {
      bypassVillage: true,
      recruiter: { name: 'Pak Kades', phones: ['+6281234500003'], company: '' },
      offer: { country: 'Malaysia', job: 'kebun sawit', salary: '', fees: '-', documents: '-' },
    },
  },
  {
    code: 'R-EEEEEE',
    createdAt: hoursAgo(2),
    village: BATU_VILLAGE,
    contact: 'relay',
    address: 'telegram:555',
    details: { recruiter: { name: 'Mas Joko', phones: ['+6281234500004'], company: 'CV Sinar' } },
  },
  {
    code: 'R-FFFFFF',
    createdAt: hoursAgo(1),
    address: 'telegram:777',
    details: {
      notes: ['=HYPERLINK("http://x")'],
      recruiter: { name: 'Pak Darto', phones: ['+6281234500005'], company: '' },
    },
  },
];

/** Files `seeds` in `store` and applies their steps. */
export async function seedStore(
  store: ReportStore,
  seeds: readonly QuerySeed[] = QUERY_SEEDS,
): Promise<void> {
  let n = 0;
  for (const s of seeds) {
    n += 1;
    const created = await store.create({
      code: s.code,
      reporter: {
        address: s.address ?? `telegram:${1000 + n}`,
        locale: 'id',
        contact: s.contact ?? 'none',
        updates: false,
      },
      draftKey: s.code,
      details: details({ village: s.village ?? TERNYANG, ...s.details }),
      createdAt: s.createdAt,
      perDay: 100,
    });
    if (created.type !== 'created') throw new Error(`seed ${s.code}: ${created.type}`);
    for (const [change, entry] of s.steps ?? []) {
      if (!(await store.update(s.code, change, entry)).applied)
        throw new Error(`seed ${s.code}: ${entry.type}`);
    }
  }
}
