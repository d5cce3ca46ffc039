import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange } from '../../src/reports/report-store.js';
import { startDeskServer, type DeskServer } from '../helpers/desk-server.js';
import { MALANG, SUMBERPUCUNG, TERNYANG, officer } from '../helpers/report-script.js';
import { seedStore, type QuerySeed } from '../reports/query-fixture.js';

/**
 * The desk in a real browser (Debian's chromium driven by playwright-core; no browser download), on a
 * phone-sized screen: sign in with the code the bot sends to the officer's chat, find the overdue
 * report with the filters, open it, take it, export the list.
 */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = chromiumPath();
if (!executablePath) {
  console.warn(
    'desk browser test skipped: no chromium on PATH (apt-get install -y chromium; .ci/run installs it)',
  );
}

const now = Date.now();
const hoursAgo = (h: number) => new Date(now - h * 3_600_000);
const DISTRICT = { ...officer('odistrict1', 'district', MALANG, 'whatsapp:6281200000001'), name: 'Bu Rina' };

const notified = (h: number, village: string): [ReportChange, HistoryEntry][] => [
  [
    { to: 'notified', level: 'village', area: village },
    { at: hoursAgo(h).toISOString(), type: 'notified', level: 'village', area: village },
  ],
];

/** Waiting 20 hours (overdue at 8), waiting an hour, and one of another district. */
const SEEDS: QuerySeed[] = [
  {
    code: 'R-WAIT34',
    createdAt: hoursAgo(20),
    steps: notified(20, TERNYANG),
    details: {
      recruiter: { name: 'Pak Joko Santoso', phones: ['+6281234567001'], company: 'PT Maju Terus' },
    },
  },
  {
    code: 'R-WAIT37',
    createdAt: hoursAgo(1),
    village: SUMBERPUCUNG,
    steps: notified(1, SUMBERPUCUNG),
    details: { recruiter: { name: 'Joko', phones: ['+6281234567002'], company: '' } },
  },
  {
    code: 'R-BATU36',
    createdAt: hoursAgo(30),
    village: '35.79.01.1001',
    details: { recruiter: { name: 'Joko', phones: ['+6281234567003'], company: '' } },
  },
];

describe.skipIf(!executablePath)('the desk in a real browser', () => {
  let desk: DeskServer;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    desk = await startDeskServer();
    await desk.addOfficer(DISTRICT);
    await seedStore(desk.reports.store, SEEDS);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      acceptDownloads: true,
      extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.50' },
    });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  /** The page fits a 360-pixel screen: nothing wider than the window (tables scroll in their box). */
  const fitsPhone = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('signs in, finds the overdue report, takes it and exports', { timeout: 60_000 }, async () => {
    const started = Date.now();
    await page.goto(`${desk.base}/desk`);
    expect(new URL(page.url()).pathname).toBe('/desk/sign-in');
    expect(await fitsPhone()).toBe(true);

    // Sign in: the officer id, then the code the bot sent to the officer's WhatsApp.
    await page.fill('#who', DISTRICT.id);
    await Promise.all([page.waitForURL(/\/desk\/code/), page.click('button[type=submit]')]);
    const code = desk.codeFor(DISTRICT.address);
    expect(code).toMatch(/^\d{6}$/);
    await page.fill('input[name=code]', code ?? '');
    await Promise.all([page.waitForURL(`${desk.base}/desk`), page.click('form[action="/desk/code"] button')]);
    expect(await fitsPhone()).toBe(true);

    // The overview's overdue number leads to the overdue reports of the area.
    await Promise.all([page.waitForURL(/overdue=1/), page.click('a[href="/desk/reports?overdue=1"]')]);
    const rows = () => page.locator('table tbody tr').allInnerTexts();
    expect((await rows()).join('\n')).toContain('R-WAIT34');
    expect((await rows()).join('\n')).not.toContain('R-WAIT37');

    // Filter: words and status, in the form as a person would.
    await page.fill('#f-q', 'joko');
    await page.selectOption('#f-status', 'open');
    await page.uncheck('input[name=overdue]');
    await Promise.all([page.waitForURL(/q=joko/), page.click('form.filters button[type=submit]')]);
    const found = (await rows()).join('\n');
    expect(found).toContain('R-WAIT34');
    expect(found).toContain('R-WAIT37');
    // Another district's report never shows.
    expect(found).not.toContain('R-BATU36');
    expect(await fitsPhone()).toBe(true);

    // Open the report and take it.
    await Promise.all([page.waitForURL(/\/desk\/reports\/R-WAIT34$/), page.click('a:text("R-WAIT34")')]);
    expect(await page.textContent('body')).toContain('Pak Joko Santoso');
    await Promise.all([
      page.waitForURL(/r=done/),
      page.click('form:has(input[name=action][value=ack]) button[type=submit]'),
    ]);
    expect(await page.textContent('body')).toContain('Bu Rina');
    const taken = await desk.reports.store.get('R-WAIT34');
    expect([taken?.status, taken?.owner]).toEqual(['acknowledged', DISTRICT.id]);
    expect(await fitsPhone()).toBe(true);

    // Back to the filtered list and export it as CSV, then in the HTCDS columns.
    await page.goBack();
    await page.goBack();
    expect(page.url()).toContain('q=joko');
    const download = async (button: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
    };
    const csv = await download('button[formaction="/desk/export/csv"]');
    expect(csv.name).toMatch(/^reports-35\.07-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^code,created_at,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.slice(0, 8))
        .sort(),
    ).toEqual(['R-WAIT34', 'R-WAIT37']);
    expect(csv.text).toContain('acknowledged');
    const htcds = await download('button[formaction="/desk/export/htcds"]');
    expect(htcds.text.split('\n')[0]).toMatch(/^demimas_ReportCode,cas_Status,/);
    expect(htcds.text).toContain('R-WAIT34,Active,,odistrict1,Recruitment');
    // The whole errand took well under the minute a person is given.
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
