import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/reports/report-record.js';
import type { ReportChange } from '../../src/reports/report-store.js';
import { registerRecorderId } from '../../src/storage/keys.js';
import { browser, signIn, startDeskServer, type Browser, type DeskServer } from '../helpers/desk-server.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';
import { seedStore, type QuerySeed } from '../reports/query-fixture.js';

const BATU = '35.79.01.1001';
const now = Date.now();
const hoursAgo = (h: number) => new Date(now - h * 3_600_000);

const DISTRICT = { ...officer('odistrict1', 'district', MALANG, 'whatsapp:6281200000001'), name: 'Bu Rina' };
const VILLAGE = { ...officer('ovillage01', 'village', TERNYANG, 'telegram:4242'), name: 'Pak Budi' };
const BATU_OFFICER = officer('obatu00001', 'district', '35.79', 'whatsapp:6281200000003');

/** Sent to the village officers of Ternyang, waiting for one of them. */
const notified = (h: number): [ReportChange, HistoryEntry][] => [
  [
    { to: 'notified', level: 'village', area: TERNYANG },
    { at: hoursAgo(h).toISOString(), type: 'notified', level: 'village', area: TERNYANG },
  ],
];

const SCRIPT = '<script>alert("x")</script>';
const SEEDS: QuerySeed[] = [
  { code: 'R-TAKE34', createdAt: hoursAgo(3), steps: notified(3) },
  { code: 'R-BATU34', createdAt: hoursAgo(2), village: BATU },
  {
    code: 'R-XSS347',
    createdAt: hoursAgo(1),
    contact: 'relay',
    steps: notified(1),
    details: {
      recruiter: { name: `Darto ${SCRIPT}`, phones: ['+6281234500009'], company: '"><img src=x>' },
      notes: [`catatan ${SCRIPT}`],
    },
  },
  { code: 'R-BYPA34', createdAt: hoursAgo(1), details: { bypassVillage: true }, steps: notified(1) },
  // The reporters agreed to direct contact: one report escalated to the district, one still at the village.
  {
    code: 'R-DIRC34',
    createdAt: hoursAgo(20),
    contact: 'direct',
    address: 'whatsapp:6281299990000',
    steps: [
      [
        { to: 'escalated', level: 'district', area: MALANG },
        { at: hoursAgo(10).toISOString(), type: 'escalated', level: 'district', area: MALANG },
      ],
    ],
  },
  // One recruiter, three reports: the same phone links the first two, the same company the last two.
  {
    code: 'R-REP134',
    createdAt: hoursAgo(30),
    details: {
      recruiter: { name: 'Pak Joko', phones: ['+6281377770001'], company: 'PT Contoh Anugerah Buana' },
    },
  },
  {
    code: 'R-REP234',
    createdAt: hoursAgo(29),
    village: '35.07.12.2006',
    details: { recruiter: { name: 'Joko', phones: ['+6281377770001'], company: '' } },
  },
  {
    code: 'R-REP334',
    createdAt: hoursAgo(28),
    details: { recruiter: { name: 'Bu Tini', phones: [], company: 'Contoh Anugerah Buana' } },
  },
  // The same phone again, in another regency: not Malang's to see.
  {
    code: 'R-REP434',
    createdAt: hoursAgo(27),
    village: BATU,
    details: { recruiter: { name: 'Joko', phones: ['+6281377770001'], company: '' } },
  },
  {
    code: 'R-DIRV34',
    createdAt: hoursAgo(5),
    contact: 'direct',
    address: 'whatsapp:6281299990001',
    steps: notified(5),
  },
];

let desk: DeskServer;
let district: Browser;
let village: Browser;

beforeAll(async () => {
  desk = await startDeskServer();
  for (const o of [DISTRICT, VILLAGE, BATU_OFFICER]) await desk.addOfficer(o);
  await seedStore(desk.reports.store, SEEDS);
  district = browser(desk.base, '203.0.113.10');
  await signIn(desk, district, DISTRICT.id, DISTRICT.address);
  village = browser(desk.base, '203.0.113.11');
  await signIn(desk, village, VILLAGE.id, VILLAGE.address);
});
afterAll(() => desk.close());

/** Posts an action form of a report page with the page's own token (or `csrf` when given). */
async function act(b: Browser, code: string, form: Record<string, string>, csrf?: string) {
  const page = await b.get(`/desk/reports/${code}`);
  return b.post(`/desk/reports/${code}`, { _csrf: csrf ?? b.csrfIn(page.text), ...form });
}

describe('desk reports over HTTP (real Redis)', () => {
  it('lists the reports of the officer’s area only', async () => {
    const page = await district.get('/desk/reports');
    expect(page.status).toBe(200);
    for (const code of ['R-TAKE34', 'R-XSS347', 'R-BYPA34']) expect(page.text).toContain(code);
    expect(page.text).not.toContain('R-BATU34');
    const own = await village.get('/desk/reports');
    expect(own.text).toContain('R-TAKE34');
    // Sent past the village: its officers never see it.
    expect(own.text).not.toContain('R-BYPA34');
  });

  it('answers 404 for another area’s report, the same as one that does not exist, and records the refusal', async () => {
    const other = await district.get('/desk/reports/R-BATU34');
    const missing = await district.get('/desk/reports/R-NONE34');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    // The same page, but for the code in the language switch's link back.
    expect(other.text.replaceAll('R-BATU34', 'R-…')).toBe(missing.text.replaceAll('R-NONE34', 'R-…'));
    expect((await village.get('/desk/reports/R-BYPA34')).status).toBe(404);
    const audit = await desk.reports.store.auditLog('R-BATU34');
    expect(audit.map((a) => [a.type, a.officers, a.reason])).toContainEqual([
      'refused',
      [DISTRICT.id],
      "view: outside the officer's area",
    ]);
    // An action on it: 404, nothing changes.
    const before = await desk.reports.store.history('R-BATU34');
    const page = await district.get('/desk/reports');
    const res = await district.post('/desk/reports/R-BATU34', {
      action: 'ack',
      _csrf: district.csrfIn(page.text),
    });
    expect(res.status).toBe(404);
    expect(await desk.reports.store.history('R-BATU34')).toEqual(before);
    expect((await desk.reports.store.get('R-BATU34'))?.status).toBe('submitted');
  });

  it('refuses an action without the form token or with a wrong one (403), changing nothing', async () => {
    const before = await desk.reports.store.history('R-TAKE34');
    expect((await district.post('/desk/reports/R-TAKE34', { action: 'ack' })).status).toBe(403);
    expect((await act(district, 'R-TAKE34', { action: 'ack' }, 'x'.repeat(32))).status).toBe(403);
    // Another officer's token does not work in this session either.
    const theirs = village.csrfIn((await village.get('/desk/reports/R-TAKE34')).text);
    expect((await act(district, 'R-TAKE34', { action: 'note', text: 'hi' }, theirs)).status).toBe(403);
    expect(await desk.reports.store.history('R-TAKE34')).toEqual(before);
    expect((await desk.reports.store.get('R-TAKE34'))?.status).toBe('notified');
  });

  it('takes a report as in chat: acknowledged, owned, the village officers told, each step audited', async () => {
    const res = await act(district, 'R-TAKE34', { action: 'ack' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/desk/reports/R-TAKE34?r=done');
    const r = await desk.reports.store.get('R-TAKE34');
    expect([r?.status, r?.owner, r?.level]).toEqual(['acknowledged', DISTRICT.id, 'district']);
    const history = await desk.reports.store.history('R-TAKE34');
    expect(history.at(-1)).toMatchObject({ type: 'acknowledged', officers: [DISTRICT.id] });
    expect(desk.queue.jobs).toContainEqual(
      expect.objectContaining({
        name: 'message',
        data: expect.objectContaining({ code: 'R-TAKE34', to: VILLAGE.id, kind: 'taken', text: 'Bu Rina' }),
      }),
    );
    const page = await district.get(res.location);
    expect(page.text).toContain('Tersimpan untuk laporan R-TAKE34');
    expect(page.text).toContain('Status: ditangani oleh Bu Rina.');
    // Taking it again: "already", nothing new in the history.
    expect((await act(district, 'R-TAKE34', { action: 'ack' })).location).toBe(
      '/desk/reports/R-TAKE34?r=already',
    );
    expect(await desk.reports.store.history('R-TAKE34')).toHaveLength(history.length);
    // The village officer can no longer resolve it: only the owner may.
    const notOwner = await act(village, 'R-TAKE34', { action: 'resolve', outcome: 'warned', text: '' });
    expect(notOwner.location).toBe('/desk/reports/R-TAKE34?r=not-owner');
    const audit = await desk.desk.audit.recent(50);
    expect(audit.map((a) => [a.officer, a.action, a.target, a.result])).toEqual(
      expect.arrayContaining([
        [DISTRICT.id, 'view-report', 'R-TAKE34', 'ok'],
        [DISTRICT.id, 'act-ack', 'R-TAKE34', 'done'],
        [DISTRICT.id, 'act-ack', 'R-TAKE34', 'already'],
        [VILLAGE.id, 'act-resolve', 'R-TAKE34', 'not-owner'],
        [DISTRICT.id, 'view-report', 'R-BATU34', 'not-found'],
        [DISTRICT.id, 'view-reports', '', 'ok'],
      ]),
    );
  });

  it('adds a note, asks a reporter who agreed, refuses asking one who did not, and resolves', async () => {
    const noted = await act(district, 'R-XSS347', { action: 'note', text: 'sudah didatangi' });
    expect(noted.location).toBe('/desk/reports/R-XSS347?r=done');
    const asked = await act(district, 'R-XSS347', { action: 'ask', text: 'Kapan dia datang?' });
    expect(asked.location).toBe('/desk/reports/R-XSS347?r=done');
    expect(desk.queue.jobs).toContainEqual(
      expect.objectContaining({
        name: 'message',
        data: expect.objectContaining({ code: 'R-XSS347', to: 'reporter', kind: 'question' }),
      }),
    );
    const refused = await act(district, 'R-TAKE34', { action: 'ask', text: 'Siapa Anda?' });
    expect(refused.location).toBe('/desk/reports/R-TAKE34?r=refused-no-consent');
    expect((await district.get(refused.location)).text).toContain('tidak bersedia dihubungi');
    const resolved = await act(district, 'R-TAKE34', {
      action: 'resolve',
      outcome: 'warned',
      text: 'diperingatkan',
    });
    expect(resolved.location).toBe('/desk/reports/R-TAKE34?r=done');
    expect(await desk.reports.store.get('R-TAKE34')).toMatchObject({ status: 'resolved', outcome: 'warned' });
    const types = (await desk.reports.store.history('R-XSS347')).map((h) => [h.type, h.note]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['note', 'sudah didatangi'],
        ['question', 'Kapan dia datang?'],
      ]),
    );
    // A form the desk cannot read: 400, nothing done.
    expect((await act(district, 'R-XSS347', { action: 'resolve', outcome: 'made-up' })).status).toBe(400);
    expect((await act(district, 'R-XSS347', { action: 'note', text: 'x'.repeat(501) })).location).toBe(
      '/desk/reports/R-XSS347?r=refused-invalid',
    );
  });

  it('escapes what villagers typed, in the report and in the table', async () => {
    const page = await district.get('/desk/reports/R-XSS347');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x>');
    expect(page.text).toContain('Darto &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.text).toContain('catatan &lt;script&gt;');
    // The reporter agreed to questions through the bot only: no address on the page.
    expect(page.text).toContain('bersedia ditanya lewat layanan ini');
    const table = await district.get('/desk/reports?q=darto');
    expect(table.text).toContain('R-XSS347');
    expect(table.text).not.toContain('<script>alert');
    expect(table.text).toContain('&lt;script&gt;');
    // What was typed into the search comes back escaped too.
    const search = await district.get(`/desk/reports?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(search.text).not.toContain('<script>x');
  });

  it('exports the area’s reports with the CLI’s code: CSV, JSON and HTCDS; a reporter’s address only when asked, agreed and at the officer’s level', async () => {
    const csv = await district.get('/desk/export/csv?status=open');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="reports-35\.07-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(csv.text.split('\n')[0]).toMatch(/^code,created_at,/);
    expect(csv.text).toContain('R-XSS347');
    expect(csv.text).not.toContain('R-BATU34');
    expect(csv.text).not.toContain('6281299990000');
    const asked = await district.get('/desk/export/json?reporter=1');
    const rows = JSON.parse(asked.text) as { code: string; reporter_address: string }[];
    const address = (code: string) => rows.find((r) => r.code === code)?.reporter_address;
    // At the district's level: the district officer may have it; at the village's: not.
    expect(address('R-DIRC34')).toBe('whatsapp:6281299990000');
    expect(address('R-DIRV34')).toBe('');
    expect(rows.map((r) => r.code)).not.toContain('R-BATU34');
    // The village officer sees neither the bypassed report nor the district's reporter.
    const own = JSON.parse((await village.get('/desk/export/json?reporter=1')).text) as typeof rows;
    expect(own.map((r) => r.code)).not.toContain('R-BYPA34');
    expect(own.find((r) => r.code === 'R-DIRV34')?.reporter_address).toBe('whatsapp:6281299990001');
    expect(own.find((r) => r.code === 'R-DIRC34')?.reporter_address).toBe('');
    // The report pages follow the same rule.
    expect((await district.get('/desk/reports/R-DIRC34')).text).toContain('whatsapp:6281299990000');
    const atVillage = await district.get('/desk/reports/R-DIRV34');
    expect(atVillage.text).not.toContain('6281299990001');
    expect(atVillage.text).toContain('Pelapor bersedia dihubungi langsung.');
    expect((await village.get('/desk/reports/R-DIRV34')).text).toContain('whatsapp:6281299990001');
    expect((await village.get('/desk/reports/R-DIRC34')).text).not.toContain('6281299990000');
    const htcds = await district.get('/desk/export/htcds?reporter=1');
    expect(htcds.headers.get('content-disposition')).toMatch(/\.htcds\.csv"$/);
    expect(htcds.text).not.toContain('6281299990000');
    const audit = await desk.desk.audit.recent(100);
    expect(
      audit.filter((a) => a.action.startsWith('export-')).map((a) => [a.officer, a.action, a.target]),
    ).toEqual([
      [DISTRICT.id, 'export-csv', '?status=open'],
      [DISTRICT.id, 'export-json', ' +reporter'],
      [VILLAGE.id, 'export-json', ' +reporter'],
      [DISTRICT.id, 'export-htcds', ''],
    ]);
  });

  it('lists repeat recruiters of the area, linked through each other and checked against the agency list', async () => {
    const page = await district.get('/desk/recruiters');
    expect(page.status).toBe(200);
    const group = page.text.split('<section').find((g) => g.includes('R-REP134')) ?? '';
    for (const code of ['R-REP134', 'R-REP234', 'R-REP334']) expect(group).toContain(`/desk/reports/${code}`);
    expect(page.text).not.toContain('R-REP434');
    expect(group).toContain('3 laporan, 3 masih terbuka');
    expect(group).toContain('Nomor HP yang sama di 2 laporan: +6281377770001');
    expect(group).toMatch(
      /Contoh Anugerah Buana: izin PT Contoh Anugerah Buana \(CONTOH-SIP3MI-010\) sudah DICABUT/,
    );
    expect(group).toContain('data contoh, bukan data resmi');
    // A village officer sees only the reports of their village: two of them, still one recruiter.
    const own = await village.get('/desk/recruiters');
    expect(own.text).toContain('/desk/reports/R-REP134');
    expect(own.text).not.toContain('R-REP234');
  });

  it('lists the register entries of the officer’s area only', async () => {
    const entry = (id: string, village: string, who: string) => ({
      id,
      recorder: registerRecorderId('telegram:42'),
      who,
      village,
      relation: 'family' as const,
      departure: { country: 'Malaysia', agency: 'PT Maju', departed: '2026-03', contractEnd: '2028-03' },
      contact: '+6281234567890',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      anchor: '2028-03',
    });
    const { RedisRegisterStore } = await import('../../src/reports/redis-register-store.js');
    const { registerKeys } = await import('../../src/storage/keys.js');
    const store = new RedisRegisterStore(desk.redis, registerKeys(desk.prefix));
    await store.save(entry('g1', TERNYANG, 'Sri'));
    await store.save(entry('g2', BATU, 'Wati'));
    const page = await district.get('/desk/register');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sri');
    expect(page.text).not.toContain('Wati');
    // The contact way is not listed on the web.
    expect(page.text).not.toContain('6281234567890');
  });
});
