import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStats } from '../../src/cli/reports-commands.js';
import type { ReportDetails } from '../../src/core/report.js';
import { reportKeys } from '../../src/reports/keys.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange } from '../../src/reports/report-store.js';
import { browser, signIn, startDeskServer, type Browser, type DeskServer } from '../helpers/desk-server.js';
import { testVillages } from '../helpers/engine.js';
import { bruteDifferences, bruteOverview, scanReports } from '../helpers/overview-brute.js';
import { cliNumbers, deskNumbers, overviewDifferences } from '../helpers/overview-numbers.js';
import { populateReports, type Population } from '../helpers/report-population.js';
import { MALANG, officer } from '../helpers/report-script.js';
import { buffer } from '../cli/reports-fixture.js';

/**
 * The desk's overview and the admin's `reports stats` read reports by different paths — the desk keeps
 * every report's facts in memory and follows the change log (redis-kept-reader.ts, and keeps the
 * overview while nothing changes), the CLI reads the area index, records and histories afresh
 * (redis-report-reader.ts) — and print through different code. Both are checked against a brute-force
 * count of every report found by a key scan (test/helpers/overview-brute.ts), for several areas and
 * roles, before and after reports change under the desk.
 */

const NOW = new Date('2026-12-10T09:30:00Z');
const ESCALATE_MS = 8 * 3_600_000;
const HOUR = 3_600_000;
const DISTRICT = officer('odistrict1', 'district', MALANG, 'whatsapp:6281200000001');
const PROVINCE = officer('oprovince1', 'province', '35', 'whatsapp:6281200000002');
const ADMIN = officer('oadmin0001', 'admin', '', 'whatsapp:6281200000003');
const BATU = officer('obatu00001', 'district', '35.79', 'whatsapp:6281200000004');

let desk: DeskServer;
let population: Population;
let villageOfficer: ReturnType<typeof officer>;
const signedIn = new Map<string, Browser>();

const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

/** Files one more report with these steps (statuses the population has few of). */
async function file(
  code: string,
  village: string,
  createdAgoMs: number,
  steps: [ReportChange, HistoryEntry][],
  extra: Partial<ReportDetails> = {},
) {
  const created = await desk.reports.store.create({
    code,
    reporter: { address: `telegram:77${code.slice(2)}`, locale: 'id', contact: 'none', updates: false },
    draftKey: code,
    details: {
      recruiter: { name: 'Pak Uji', phones: [], company: '' },
      offer: { country: 'Malaysia', job: 'kebun', salary: '', fees: '', documents: '' },
      place: '',
      village,
      notes: [],
      media: [],
      bypassVillage: false,
      ...extra,
    },
    createdAt: new Date(NOW.getTime() - createdAgoMs),
    perDay: 100,
  });
  expect(created.type).toBe('created');
  for (const [change, entry] of steps) await desk.reports.store.update(code, change, entry);
}

beforeAll(async () => {
  desk = await startDeskServer({ clock: { now: () => NOW } });
  population = await populateReports(desk.reports.store, testVillages(), { count: 600, now: NOW, seed: 7 });
  const v = population.villages;
  const [v0 = '', v1 = '', v2 = ''] = v;
  // Statuses and levels the population lacks: waiting for an officer to register, routed and not
  // yet alerted, failed, escalated to the province and on to the admins, one sent past the village.
  await file('R-UNR001', v0, 30 * HOUR, [[{ to: 'unrouted' }, { at: ago(30 * HOUR), type: 'unrouted' }]]);
  await file('R-RTD001', v1, 2 * HOUR, [
    [{ to: 'routed' }, { at: ago(2 * HOUR), type: 'routed', level: 'village', area: v1 }],
  ]);
  await file('R-FLD001', v2, 5 * 24 * HOUR, [[{ to: 'failed' }, { at: ago(4 * 24 * HOUR), type: 'failed' }]]);
  await file('R-PRV001', v0, 3 * 24 * HOUR, [
    [{ to: 'routed' }, { at: ago(3 * 24 * HOUR), type: 'routed', level: 'village', area: v0 }],
    [
      { to: 'escalated', level: 'district', area: MALANG },
      { at: ago(2.6 * 24 * HOUR), type: 'escalated', level: 'district', area: MALANG },
    ],
    [
      { to: 'escalated', level: 'province', area: '35' },
      { at: ago(2.2 * 24 * HOUR), type: 'escalated', level: 'province', area: '35' },
    ],
    [
      { to: 'escalated', level: 'admin', area: '' },
      { at: ago(5 * HOUR), type: 'escalated', level: 'admin', area: '' },
    ],
  ]);
  await file(
    'R-BYP001',
    v1,
    20 * HOUR,
    [
      [
        { to: 'routed', level: 'district', area: MALANG },
        { at: ago(20 * HOUR), type: 'routed', level: 'district' },
      ],
    ],
    { bypassVillage: true },
  );
  villageOfficer = officer('ovillage01', 'village', v1, 'whatsapp:6281200000005');
  for (const o of [DISTRICT, PROVINCE, ADMIN, BATU, villageOfficer]) await desk.addOfficer(o);
}, 90_000);
afterAll(() => desk.close());

/** `reports stats` as the admin runs it, on the same Redis at the same time, with its own reader. */
async function cliStats(area: string): Promise<string> {
  const out = buffer();
  const deps = {
    store: desk.reports.store,
    reader: redisReportReader(desk.redis, reportKeys(desk.prefix)),
    villages: testVillages(),
    escalateAfterMs: ESCALATE_MS,
  };
  expect(await reportStats(deps, out, NOW, area === '' ? {} : { area })).toBe(0);
  return out.text();
}

async function deskPage(o: ReturnType<typeof officer>): Promise<string> {
  let b = signedIn.get(o.id);
  if (!b) {
    b = browser(desk.base, `203.0.113.${20 + signedIn.size}`);
    await signIn(desk, b, o.id, o.address);
    signedIn.set(o.id, b);
  }
  const page = await b.get('/desk');
  expect(page.status).toBe(200);
  return page.text;
}

const officers = () =>
  [
    ['district', DISTRICT],
    ['province', PROVINCE],
    ['admin', ADMIN],
    ['other district', BATU],
    ['village', villageOfficer],
  ] as const;

/** Checks every officer's overview and the CLI for the same area against the brute-force count. */
async function checkAll(): Promise<void> {
  const all = await scanReports(desk.redis, desk.prefix);
  for (const [, o] of officers()) {
    const shown = deskNumbers(await deskPage(o));
    const counted = bruteOverview(all, o.area, o.role, NOW.getTime(), ESCALATE_MS);
    expect(bruteDifferences(shown, counted, false), `desk, ${o.id}`).toEqual([]);
    const cli = cliNumbers(await cliStats(o.area));
    // The CLI counts the area as an admin: a village's reports sent past it too.
    const asAdmin = bruteOverview(all, o.area, 'admin', NOW.getTime(), ESCALATE_MS);
    expect(bruteDifferences(cli, asAdmin, true), `CLI, ${o.area}`).toEqual([]);
    if (o.role !== 'village') expect(overviewDifferences(shown, cli)).toEqual([]);
  }
}

describe('the desk overview and reports stats', () => {
  it('both equal a brute-force count of every report, for each officer’s area', async () => {
    const all = await scanReports(desk.redis, desk.prefix);
    // The count sees real numbers: every status, overdue ones, both medians, several areas.
    const statuses = new Set(all.map((r) => r.status));
    expect([...statuses].sort()).toEqual(
      [
        'acknowledged',
        'escalated',
        'failed',
        'notified',
        'resolved',
        'routed',
        'submitted',
        'unrouted',
      ].sort(),
    );
    const district = bruteOverview(all, MALANG, 'district', NOW.getTime(), ESCALATE_MS);
    expect(district.total).toBeGreaterThan(400);
    expect(district.overdue).toBeGreaterThan(0);
    expect(district.acknowledgeMs).toBeDefined();
    expect(district.resolveMs).toBeDefined();
    expect(district.areas.size).toBeGreaterThan(20);
    // The village officer does not count the report sent past the village; the CLI does.
    const village = villageOfficer.area;
    const past = all.filter((r) => r.village === village && r.bypassVillage).length;
    expect(past).toBeGreaterThan(0);
    expect(bruteOverview(all, village, 'village', NOW.getTime(), ESCALATE_MS).total).toBe(
      bruteOverview(all, village, 'admin', NOW.getTime(), ESCALATE_MS).total - past,
    );
    await checkAll();
  }, 60_000);

  it('still agree after reports are taken, resolved, escalated, failed and filed under the desk', async () => {
    await checkAll();
    const store = desk.reports.store;
    const codes = population.codes;
    const all = await Promise.all(codes.map((c) => store.get(c)));
    const waiting = all.filter((r) => r?.status === 'notified').slice(0, 6);
    const taken = all.filter((r) => r?.status === 'acknowledged').slice(0, 4);
    const escalated = all.filter((r) => r?.status === 'escalated').slice(0, 2);
    for (const r of waiting.slice(0, 4))
      await store.update(
        r?.code ?? '',
        { to: 'acknowledged', owner: 'o1' },
        { at: ago(HOUR), type: 'acknowledged' },
      );
    for (const r of taken)
      await store.update(
        r?.code ?? '',
        { to: 'resolved', outcome: 'warned' },
        { at: ago(2 * HOUR), type: 'resolved' },
      );
    for (const r of escalated)
      await store.update(
        r?.code ?? '',
        { to: 'escalated', level: 'province', area: '35' },
        { at: ago(HOUR), type: 'escalated', level: 'province', area: '35' },
      );
    await store.update(waiting[4]?.code ?? '', { to: 'failed' }, { at: ago(HOUR), type: 'failed' });
    await file('R-NEW001', villageOfficer.area, 9 * HOUR, []);
    await file('R-NEW002', population.villages.at(-1) ?? '', 10 * 60_000, []);
    await checkAll();
  }, 60_000);

  it('notices a number that differs', () => {
    const cli = cliNumbers(
      [
        'area 35.07: reports: 3 (open: 2)',
        'overdue (not taken within 8.0 h at its level): 1',
        'median time to acknowledge: 2.5 h (2 reports)',
        'median time to resolve: - (0 reports)',
        '2026-12-10  1  0',
        '35.07.12     Sumberpucung  3  2  1',
      ].join('\n'),
    );
    expect(cli).toMatchObject({ total: 3, open: 2, overdue: 1, acknowledge: 150, resolve: undefined });
    const desk = { ...cli, overdue: 2, areas: new Map([['35.07.12', [3, 2, 0] as const]]) };
    expect(overviewDifferences(desk, cli)).toEqual([
      'overdue: desk 2, CLI 1',
      '35.07.12: desk 3,2,0, CLI 3,2,1',
    ]);
    const counted = {
      ...cli,
      acknowledgeMs: 2.6 * HOUR,
      resolveMs: undefined,
      days: new Map([['2026-12-10', [1, 0] as [number, number]]]),
    };
    expect(bruteDifferences(cli, counted, true)).toEqual([
      'acknowledge: shown 150 min, counted 156 min',
      'days shown: 1',
    ]);
  });
});
