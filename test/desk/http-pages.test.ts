import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaOverview } from '../../src/reports/area-overview.js';
import { reportKeys } from '../../src/reports/keys.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange } from '../../src/reports/report-store.js';
import { browser, signIn, startDeskServer, type Browser, type DeskServer } from '../helpers/desk-server.js';
import { testVillages } from '../helpers/engine.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';
import { seedStore, type QuerySeed } from '../reports/query-fixture.js';

const LIMIT = 200 * 1024;
const now = Date.now();
const DAY = 86_400_000;
const VILLAGES = [
  ...Array.from({ length: 7 }, (_, i) => `35.07.12.200${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `35.07.13.100${i + 1}`),
];
const long = (n: number, what: string) => `${what} `.repeat(Math.ceil(n / (what.length + 1))).slice(0, n);

const ADMIN = officer('oadmin0001', 'admin', '', 'telegram:1');
const DISTRICT = officer('odistrict2', 'district', MALANG, 'telegram:2');
const VILLAGE = officer('ovillage02', 'village', TERNYANG, 'telegram:3');

/** 400 reports over 30 days in 16 villages of Malang, the longest texts the wizard takes, some taken or resolved. */
function seeds(): QuerySeed[] {
  return Array.from({ length: 400 }, (_, i) => {
    const created = new Date(now - ((i * 7919) % (30 * DAY)) - 60_000);
    const at = (ms: number) => new Date(created.getTime() + ms).toISOString();
    const steps: [ReportChange, HistoryEntry][] = [
      [{ to: 'notified' }, { at: at(60_000), type: 'notified', level: 'village', area: VILLAGES[i % 16] }],
    ];
    if (i % 3 !== 0)
      steps.push([
        { to: 'acknowledged', owner: VILLAGE.id },
        { at: at(3_600_000), type: 'acknowledged' },
      ]);
    if (i % 3 === 2)
      steps.push([
        { to: 'resolved', outcome: 'warned' },
        { at: at(5 * 3_600_000), type: 'resolved' },
      ]);
    return {
      code: `R-${String(i).padStart(4, '0')}QQ`.replace(/0/g, 'A'),
      createdAt: created,
      village: VILLAGES[i % 16],
      steps,
      details: {
        recruiter: {
          name: long(120, `Perekrut ${i}`),
          phones: [`+62812345${String(i).padStart(5, '0')}`],
          company: long(120, 'PT'),
        },
        notes: [long(500, 'catatan panjang')],
        place: long(200, 'tempat'),
      },
    };
  });
}

let desk: DeskServer;
const as: Record<string, Browser> = {};

beforeAll(async () => {
  desk = await startDeskServer();
  for (const o of [ADMIN, DISTRICT, VILLAGE]) {
    await desk.addOfficer(o);
    as[o.id] = browser(desk.base, `198.51.100.${o.address.slice(-1)}`);
    await signIn(desk, as[o.id] as Browser, o.id, o.address);
  }
  await seedStore(desk.reports.store, seeds());
  // One report with a long history: 300 notes of the longest length.
  for (let n = 0; n < 300; n++)
    await desk.reports.store.update(
      'R-AAAAQQ',
      {},
      {
        at: new Date(now - 1000 + n).toISOString(),
        type: 'note',
        officers: [VILLAGE.id],
        note: long(500, `catatan ${n}`),
      },
    );
}, 120_000);
afterAll(() => desk.close());

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('desk pages: size and numbers', () => {
  it.each([
    ['admin', ADMIN.id],
    ['district', DISTRICT.id],
    ['village', VILLAGE.id],
  ])('keeps every page under 200 KB for a %s officer', async (_role, id) => {
    const b = as[id] as Browser;
    for (const path of [
      '/desk',
      '/desk/reports',
      '/desk/reports?status=open&page=3',
      '/desk/reports/R-AAAAQQ',
      '/desk/register',
      '/desk/recruiters',
    ]) {
      const res = await b.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(Number(res.headers.get('content-length'))).toBe(bytes(res.text));
      expect(bytes(res.text), path).toBeLessThan(LIMIT);
    }
    expect((await b.get('/desk/reports/R-AAAAQQ')).text).toContain('lebih lama tidak ditampilkan');
  });

  it('shows the numbers of the shared overview for the officer’s own area', async () => {
    const deps = {
      reader: redisReportReader(desk.redis, reportKeys(desk.prefix)),
      villages: testVillages(),
      escalateAfterMs: 8 * 3_600_000,
      now: () => new Date(),
    };
    for (const o of [DISTRICT, VILLAGE, ADMIN]) {
      const expected = await areaOverview(deps, o);
      const page = (await (as[o.id] as Browser).get('/desk')).text;
      const open = /href="\/desk\/reports\?status=open"\s*>(\d+)</.exec(page)?.[1];
      const overdue = /href="\/desk\/reports\?overdue=1"\s*>(\d+)</.exec(page)?.[1];
      const total = /href="\/desk\/reports"\s*>(\d+)</.exec(page)?.[1];
      expect([o.role, Number(open), Number(overdue), Number(total)]).toEqual([
        o.role,
        expected.open,
        expected.overdue,
        expected.total,
      ]);
      // And the table behind the open count lists as many.
      const table = (await (as[o.id] as Browser).get('/desk/reports?status=open')).text;
      expect(table).toContain(`${expected.open} laporan`);
    }
    // 400 reports over 16 villages: the village officer's overview counts their village's 25.
    expect((await areaOverview(deps, VILLAGE)).total).toBe(25);
  });

  it('draws the last 30 days as an inline SVG with a text alternative, and no script anywhere', async () => {
    const page = (await (as[DISTRICT.id] as Browser).get('/desk')).text;
    expect(page).toMatch(
      /<svg viewBox="0 0 320 140"[^>]*role="img" aria-label="\d+ laporan masuk dan \d+ selesai dalam 30 hari terakhir"/,
    );
    expect((page.match(/<rect\s/g) ?? []).length).toBe(30);
    expect(page).not.toMatch(/<script|<link|src="http/i);
  });
});
