import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStats } from '../../src/cli/reports-commands.js';
import { reportKeys } from '../../src/reports/keys.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import { browser, signIn, startDeskServer, type DeskServer } from '../helpers/desk-server.js';
import { testVillages } from '../helpers/engine.js';
import { cliNumbers, deskNumbers, overviewDifferences } from '../helpers/overview-numbers.js';
import { populateReports } from '../helpers/report-population.js';
import { MALANG, officer } from '../helpers/report-script.js';
import { buffer } from '../cli/reports-fixture.js';

const NOW = new Date('2026-12-10T09:30:00Z');
const DISTRICT = officer('odistrict1', 'district', MALANG, 'whatsapp:6281200000001');
const PROVINCE = officer('oprovince1', 'province', '35', 'whatsapp:6281200000002');

let desk: DeskServer;

beforeAll(async () => {
  desk = await startDeskServer({ clock: { now: () => NOW } });
  for (const o of [DISTRICT, PROVINCE]) await desk.addOfficer(o);
  await populateReports(desk.reports.store, testVillages(), { count: 600, now: NOW, seed: 7 });
}, 60_000);
afterAll(() => desk.close());

/** `reports stats` as the admin runs it, on the same Redis at the same time. */
async function cliStats(area: string): Promise<string> {
  const out = buffer();
  const deps = {
    store: desk.reports.store,
    reader: redisReportReader(desk.redis, reportKeys(desk.prefix)),
    villages: testVillages(),
    escalateAfterMs: 8 * 3_600_000,
  };
  expect(await reportStats(deps, out, NOW, { area })).toBe(0);
  return out.text();
}

describe('the desk overview and reports stats', () => {
  it.each([
    ['district', DISTRICT, MALANG],
    ['province', PROVINCE, '35'],
  ])('show the same numbers for a %s officer’s area', async (_role, who, area) => {
    const b = browser(desk.base, `203.0.113.${who === DISTRICT ? 20 : 21}`);
    await signIn(desk, b, who.id, who.address);
    const page = await b.get('/desk');
    expect(page.status).toBe(200);
    const shown = deskNumbers(page.text);
    const cli = cliNumbers(await cliStats(area));
    expect(overviewDifferences(shown, cli)).toEqual([]);
    // The comparison sees real numbers: reports, overdue ones, both medians, 30 days, area rows.
    expect(cli.total).toBeGreaterThan(400);
    expect(cli.overdue).toBeGreaterThan(0);
    expect(cli.acknowledge).toBeDefined();
    expect(cli.resolve).toBeDefined();
    expect(shown.days.size).toBe(30);
    expect(shown.areas.size).toBeGreaterThan(5);
  });

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
  });
});
