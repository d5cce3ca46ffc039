import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange } from '../../src/reports/report-store.js';
import { createKeys } from '../../src/storage/keys.js';
import { startDeskServer, type DeskServer } from '../helpers/desk-server.js';
import { MALANG, SUMBERPUCUNG, TERNYANG, officer } from '../helpers/report-script.js';
import { seedStore, type QuerySeed } from '../reports/query-fixture.js';

/**
 * The desk in a real browser (Debian's chromium driven by playwright-core; no browser download), on a
 * 360-pixel phone screen. First the issue's own check, timed: sign in with the code the bot sends to
 * the officer's chat, find the overdue reports of one village and the repeat recruiter, export. Then
 * the filters, opening a report, taking it and both export formats.
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

/**
 * Waiting 20 hours (overdue at 8) in Ternyang, waiting an hour in Sumberpucung, one of another
 * district; and overdue in Sumberpucung, R-LATE38, by the same recruiter phone and company as R-WAIT34
 * under another name (the repeat recruiter).
 */
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
    code: 'R-LATE38',
    createdAt: hoursAgo(26),
    village: SUMBERPUCUNG,
    steps: notified(26, SUMBERPUCUNG),
    details: { recruiter: { name: 'Pak Darto', phones: ['+6281234567001'], company: 'PT Maju Terus' } },
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
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk.close();
  });

  /** A fresh phone: a 360 × 740 screen, no cookies. */
  async function phone(client: string): Promise<Page> {
    const context = await browser!.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
      extraHTTPHeaders: { 'x-forwarded-for': client },
    });
    return context.newPage();
  }

  /** The page fits a 360-pixel screen: nothing wider than the window (tables scroll in their box). */
  const fitsPhone = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  const rows = () => page.locator('table tbody tr').allInnerTexts();

  /** Sign in as a person does: the officer id, then the code the bot sent to the officer's WhatsApp. */
  async function signIn(): Promise<void> {
    await page.goto(`${desk.base}/desk`);
    expect(new URL(page.url()).pathname).toBe('/desk/sign-in');
    expect(await fitsPhone()).toBe(true);
    await page.fill('#who', DISTRICT.id);
    await Promise.all([page.waitForURL(/\/desk\/code/), page.click('button[type=submit]')]);
    const code = desk.codeFor(DISTRICT.address);
    expect(code).toMatch(/^\d{6}$/);
    await page.fill('input[name=code]', code ?? '');
    await Promise.all([page.waitForURL(`${desk.base}/desk`), page.click('form[action="/desk/code"] button')]);
    expect(await fitsPhone()).toBe(true);
  }

  /** Clicks an export button; the file's name and text. */
  const download = async (button: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
  };
  /** The report codes of a CSV export, sorted. */
  const codesOf = (csv: string) =>
    csv
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.slice(0, 8))
      .sort();

  it(
    'the issue’s check: on a phone, sign in, find one village’s overdue reports and the repeat recruiter, export, in under a minute',
    { timeout: 60_000 },
    async () => {
      page = await phone('203.0.113.51');
      const started = Date.now();
      await signIn();

      // The overview's village table: Ternyang's overdue number leads to its overdue reports only.
      const ternyang = page.locator(`tr:has(span.muted:text-is("${TERNYANG}"))`);
      await ternyang.scrollIntoViewIfNeeded();
      await Promise.all([page.waitForURL(/overdue=1/), ternyang.locator('a.late').tap()]);
      const url = new URL(page.url());
      expect([url.searchParams.get('area'), url.searchParams.get('overdue')]).toEqual([TERNYANG, '1']);
      const overdue = (await rows()).join('\n');
      expect(overdue).toContain('R-WAIT34');
      // Not the one in Ternyang waiting an hour, nor the overdue one of the next village.
      expect(overdue).not.toContain('R-WAIT37');
      expect(overdue).not.toContain('R-LATE38');
      expect(await fitsPhone()).toBe(true);

      // The repeat recruiter: one phone and company under two names, in two villages.
      await Promise.all([page.waitForURL(/\/desk\/recruiters$/), page.tap('nav a[href="/desk/recruiters"]')]);
      const group = page.locator('section.box', { has: page.locator('a[href="/desk/reports/R-WAIT34"]') });
      expect(await group.count()).toBe(1);
      const text = await group.innerText();
      expect(text).toContain('R-LATE38');
      expect(text).toMatch(/PT Maju Terus/);
      expect(text).toMatch(/Pak Joko Santoso|Pak Darto/);
      expect(await fitsPhone()).toBe(true);

      // Back to the village's overdue reports, and export them.
      await page.goBack();
      expect(new URL(page.url()).searchParams.get('area')).toBe(TERNYANG);
      const csv = await download('button[formaction="/desk/export/csv"]');
      expect(csv.name).toBe(`reports-${TERNYANG}-${new Date().toISOString().slice(0, 10)}.csv`);
      expect(codesOf(csv.text)).toEqual(['R-WAIT34']);
      expect(Date.now() - started).toBeLessThan(60_000);
    },
  );

  it('signs in, filters, takes a report and exports in both formats', { timeout: 60_000 }, async () => {
    page = await phone('203.0.113.50');
    const started = Date.now();
    await signIn();

    // The overview's overdue number leads to the overdue reports of the area.
    await Promise.all([page.waitForURL(/overdue=1/), page.click('a[href="/desk/reports?overdue=1"]')]);
    expect((await rows()).join('\n')).toContain('R-WAIT34');
    expect((await rows()).join('\n')).toContain('R-LATE38');
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
    const csv = await download('button[formaction="/desk/export/csv"]');
    expect(csv.name).toMatch(/^reports-35\.07-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.split('\n')[0]).toMatch(/^code,created_at,/);
    expect(codesOf(csv.text)).toEqual(['R-WAIT34', 'R-WAIT37']);
    expect(csv.text).toContain('acknowledged');
    const htcds = await download('button[formaction="/desk/export/htcds"]');
    expect(htcds.text.split('\n')[0]).toMatch(/^demimas_ReportCode,cas_Status,/);
    expect(htcds.text).toContain('R-WAIT34,Active,,odistrict1,Recruitment');
    // The whole errand took well under the minute a person is given.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('shows the area’s broadcasts and their progress on a phone', { timeout: 60_000 }, async () => {
    const store = new RedisBroadcastStore(desk.redis, createKeys(desk.prefix).broadcasts);
    const text = `Waspada calo yang menjanjikan kerja ke Taiwan tanpa biaya. ${'Jangan serahkan paspor. '.repeat(20)}`;
    await store.create({
      id: 'warn-phone01',
      createdAt: new Date().toISOString(),
      by: DISTRICT.id,
      audience: { type: 'warnings', district: MALANG },
      body: { kind: 'text', texts: { id: text }, from: 'Kabupaten Malang' },
    });
    await store.expanded('warn-phone01', 1234);
    page = await phone('203.0.113.52');
    await signIn();
    await Promise.all([page.waitForURL(/\/desk\/broadcasts$/), page.tap('nav a[href="/desk/broadcasts"]')]);
    const shown = (await rows()).join('\n');
    expect(shown).toContain('Peringatan untuk Kabupaten Malang');
    expect(shown).toContain('1234');
    expect(await fitsPhone()).toBe(true);
  });
});
