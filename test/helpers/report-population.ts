import type { ReportDetails } from '../../src/core/report.js';
import type { VillageFinder } from '../../src/core/report.js';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange, ReportStore } from '../../src/reports/report-store.js';

/**
 * A district's worth of reports for the desk's bench and its equality test: villages of Kabupaten
 * Malang (`35.07`) and a few of Kota Batu (`35.79`), every state of the lifecycle with its history,
 * recruiters drawn from small pools so the same phone, company and name come back. Deterministic:
 * the same seed gives the same reports.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small PRNG (mulberry32), so runs are comparable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Village codes of an area that the village list knows: `PP.KK.CC.VVVV` for CC, VVVV in small ranges. */
export function villagesOf(villages: Pick<VillageFinder, 'byCode'>, district: string, max: number): string[] {
  const out: string[] = [];
  for (let cc = 1; cc <= 40 && out.length < max; cc++) {
    for (let v = 2001; v <= 2012 && out.length < max; v++) {
      const code = `${district}.${String(cc).padStart(2, '0')}.${v}`;
      if (villages.byCode(code)) out.push(code);
    }
  }
  return out;
}

const FIRST = [
  'Darto',
  'Sari',
  'Joko',
  'Wati',
  'Budi',
  'Rina',
  'Agus',
  'Yanti',
  'Eko',
  'Siti',
  'Heru',
  'Lina',
];
const LAST = ['Santoso', 'Wijaya', 'Hartono', 'Susanti', 'Pratama', 'Lestari', 'Gunawan', 'Rahayu'];
const COMPANY = ['Maju', 'Sinar', 'Karya', 'Abadi', 'Sejahtera', 'Mandiri', 'Bintang', 'Harapan', 'Cahaya'];
const COUNTRY = ['Malaysia', 'Taiwan', 'Hong Kong', 'Arab Saudi', 'Korea', 'Jepang'];
const JOB = ['pabrik', 'kebun sawit', 'rumah tangga', 'konstruksi', 'kapal ikan', 'perawat lansia'];

export interface Population {
  readonly count: number;
  readonly villages: readonly string[];
  /** The codes, oldest first. */
  readonly codes: readonly string[];
}

/**
 * Files `count` reports over the last 60 days before `now` into `store`, `inFlight` at a time. About
 * a quarter are resolved, a tenth taken, a fifth escalated to the district, the rest waiting at the
 * village (notified) or new; 3 % sent past the village.
 */
export async function populateReports(
  store: ReportStore,
  villages: Pick<VillageFinder, 'byCode'>,
  opts: { readonly count: number; readonly now: Date; readonly seed?: number; readonly inFlight?: number },
): Promise<Population> {
  const rnd = random(opts.seed ?? 19);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const malang = villagesOf(villages, '35.07', 120);
  const batu = villagesOf(villages, '35.79', 10);
  const plans = Array.from({ length: opts.count }, (_, i) => {
    const village = rnd() < 0.9 ? pick(malang) : pick(batu);
    const createdMs = opts.now.getTime() - Math.floor(rnd() * 60 * DAY) - HOUR;
    const code = `R-${(100_000 + i).toString(36).toUpperCase().padStart(6, '3')}`;
    const details: ReportDetails = {
      recruiter: {
        name: `${rnd() < 0.5 ? 'Pak ' : ''}${pick(FIRST)} ${pick(LAST)}`,
        phones: [`+62812${String(1_000_000 + Math.floor(rnd() * 3000)).padStart(7, '0')}`],
        company: rnd() < 0.4 ? `PT ${pick(COMPANY)} ${pick(COMPANY)}` : '',
      },
      offer: {
        country: pick(COUNTRY),
        job: pick(JOB),
        salary: '8 juta',
        fees: `${5 + Math.floor(rnd() * 30)} juta`,
        documents: '-',
      },
      place: 'di rumah saya',
      village,
      notes: rnd() < 0.3 ? ['Dia minta KTP dan ijazah asli'] : [],
      media: [],
      bypassVillage: rnd() < 0.03,
    };
    return { code, createdMs, details, fate: rnd(), ackAfter: Math.floor(rnd() * 20 * HOUR) + 60_000 };
  });
  plans.sort((a, b) => a.createdMs - b.createdMs);
  const inFlight = opts.inFlight ?? 100;
  for (let i = 0; i < plans.length; i += inFlight) {
    await Promise.all(
      plans.slice(i, i + inFlight).map(async (p, j) => {
        const created = await store.create({
          code: p.code,
          reporter: {
            address: `telegram:${9_000_000 + i + j}`,
            locale: 'id',
            contact: p.fate < 0.2 ? 'direct' : p.fate < 0.5 ? 'relay' : 'none',
            updates: false,
          },
          draftKey: p.code,
          details: p.details,
          createdAt: new Date(p.createdMs),
          perDay: 100,
        });
        if (created.type !== 'created') throw new Error(`populate ${p.code}: ${created.type}`);
        for (const [change, entry] of stepsFor(p, opts.now.getTime()))
          await store.update(p.code, change, entry);
      }),
    );
  }
  return {
    count: plans.length,
    villages: [...malang, ...batu],
    codes: plans.map((p) => p.code),
  };
}

function stepsFor(
  p: { createdMs: number; details: ReportDetails; fate: number; ackAfter: number },
  nowMs: number,
): [ReportChange, HistoryEntry][] {
  const at = (ms: number) => new Date(Math.min(ms, nowMs - 1000)).toISOString();
  const village = p.details.village;
  const district = village.split('.').slice(0, 2).join('.');
  const first: [ReportChange, HistoryEntry] = p.details.bypassVillage
    ? [
        { to: 'routed', level: 'district', area: district },
        { at: at(p.createdMs + 1000), type: 'routed', level: 'district', area: district, officers: ['d1'] },
      ]
    : [
        { to: 'routed' },
        { at: at(p.createdMs + 1000), type: 'routed', level: 'village', area: village, officers: ['v1'] },
      ];
  if (p.fate < 0.12) return [];
  const notified: [ReportChange, HistoryEntry] = [
    { to: 'notified' },
    { at: at(p.createdMs + 2000), type: 'notified' },
  ];
  const steps = [first, notified];
  if (p.fate < 0.35) return steps;
  if (p.fate < 0.55 && !p.details.bypassVillage) {
    return [
      ...steps,
      [
        { to: 'escalated', level: 'district', area: district },
        {
          at: at(p.createdMs + 8 * HOUR),
          type: 'escalated',
          level: 'district',
          area: district,
          officers: ['d1'],
        },
      ],
    ];
  }
  const ackAt = p.createdMs + p.ackAfter;
  steps.push([
    { to: 'acknowledged', owner: 'v1' },
    { at: at(ackAt), type: 'acknowledged', officers: ['v1'] },
  ]);
  if (p.fate < 0.7) return steps;
  steps.push([
    { to: 'resolved', outcome: 'warned' },
    { at: at(ackAt + Math.floor(p.fate * 10 * DAY)), type: 'resolved', officers: ['v1'], reason: 'warned' },
  ]);
  return steps;
}
