import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportReports } from '../../src/cli/report-export.js';
import { listReports, reportStats, showReport } from '../../src/cli/reports-commands.js';
import { loadAgencyChecker, reportRepeats } from '../../src/cli/report-repeats.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import {
  BATU_VILLAGE,
  NOW,
  SUMBERPUCUNG_VILLAGE,
  buffer,
  daysAgo,
  reportsOnRedis,
  toResolved,
  villages,
} from './reports-fixture.js';

const r = reportsOnRedis();
const deps = { store: r.store, villages };
const translator = createTranslator('locales');

beforeAll(async () => {
  // Oldest first: R-AAAAAA (resolved), R-CCCCCC (escalated to the district), R-DDDDDD (direct consent),
  // R-EEEEEE (Batu, relay), R-FFFFFF (new, with text that tries to be a formula and a terminal escape).
  await r.seed({ code: 'R-AAAAAA', createdAt: daysAgo(30), steps: toResolved(daysAgo(30), daysAgo(20)) });
  await r.seed({
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
          officers: ['d1', 'd2'],
          reason: 'not acknowledged in 8 h',
        },
      ],
    ],
  });
  await r.seed({
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
  });
  await r.seed({
    code: 'R-EEEEEE',
    createdAt: new Date(NOW.getTime() - 2 * 3600_000),
    village: BATU_VILLAGE,
    contact: 'relay',
    address: 'telegram:555',
    details: {
      recruitment: { method: 'chat', app: 'whatsapp' },
      payment: { paid: true, amount: 30_000_000, currency: 'IDR', to: 'recruiter', proof: false },
    },
  });
  await r.seed({
    code: 'R-FFFFFF',
    createdAt: new Date(NOW.getTime() - 3600_000),
    address: 'telegram:777',
    details: { notes: ['=HYPERLINK("http://x")', 'red \u001b[31mALERT\u001b[0m'] },
  });
});
afterAll(() => r.cleanup());

const list = async (opts: Parameters<typeof listReports>[2]) => {
  const out = buffer();
  expect(await listReports(deps, out, opts)).toBe(0);
  return out.text();
};

describe('reports list', () => {
  it('prints newest first with code, created, status, level, area, village name and owner', async () => {
    const text = await list({ limit: 50 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^code\s+created \(UTC\)\s+status\s+level\s+area\s+village\s+owner$/);
    expect(lines.slice(1, 6).map((l) => l.slice(0, 8))).toEqual([
      'R-FFFFFF',
      'R-EEEEEE',
      'R-DDDDDD',
      'R-CCCCCC',
      'R-AAAAAA',
    ]);
    expect(lines[3]).toMatch(
      /^R-DDDDDD\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+acknowledged\s+village\s+35\.07\.12\.2001\s+Ternyang\s+o7$/,
    );
    expect(lines[4]).toMatch(/^R-CCCCCC\s+.*escalated\s+district\s+35\.07\s+Sumberpucung\s+-$/);
    expect(lines[2]).toMatch(/^R-EEEEEE\s+.*submitted\s+village\s+35\.79\.01\.1001\s+Temas\s+-$/);
    expect(lines.at(-1)).toBe('5 reports');
    // No reporter identity, even of the one who agreed to direct contact.
    expect(text).not.toMatch(/telegram:|whatsapp:|6281299990000/);
  });

  it('filters by status and by area at every level, and applies the limit', async () => {
    const codes = (text: string) => [...text.matchAll(/^(R-\w{6})/gm)].map((m) => m[1]);
    expect(codes(await list({ limit: 50, status: 'resolved' }))).toEqual(['R-AAAAAA']);
    expect(codes(await list({ limit: 50, area: TERNYANG }))).toEqual(['R-FFFFFF', 'R-DDDDDD', 'R-AAAAAA']);
    expect(codes(await list({ limit: 50, area: '35.07.12' }))).toEqual([
      'R-FFFFFF',
      'R-DDDDDD',
      'R-CCCCCC',
      'R-AAAAAA',
    ]);
    expect(codes(await list({ limit: 50, area: MALANG, status: 'escalated' }))).toEqual(['R-CCCCCC']);
    expect(codes(await list({ limit: 50, area: '35' }))).toHaveLength(5);
    expect(codes(await list({ limit: 50, area: '35.79' }))).toEqual(['R-EEEEEE']);
    expect(await list({ limit: 50, area: '36' })).toBe('no reports match\n');
    const limited = await list({ limit: 2 });
    expect(codes(limited)).toEqual(['R-FFFFFF', 'R-EEEEEE']);
    expect(limited).toContain('2 of 5 reports shown (--limit)');
  });
});

describe('reports show', () => {
  const show = async (code: string, withReporter: boolean) => {
    const out = buffer();
    const exit = await showReport({ ...deps, translator }, out, code, { withReporter });
    return { exit, text: out.text() };
  };

  it('prints the details in English and the full history with levels, areas, officers and reasons', async () => {
    const { exit, text } = await show('R-CCCCCC', false);
    expect(exit).toBe(0);
    expect(text).toContain('report R-CCCCCC\n');
    expect(text).toContain('status:   escalated\n');
    expect(text).toContain('level:    district, area 35.07\n');
    expect(text).toContain('village:  35.07.12.2006 Sumberpucung, Sumberpucung, Kabupaten Malang\n');
    expect(text).toContain('  Recruiter: Pak Darto\n');
    expect(text).toContain('  Money asked: 15 juta\n');
    expect(text).toContain('  Documents kept/asked: none\n');
    expect(text).toContain('history (3)\n');
    expect(text).toContain(`  ${daysAgo(10).toISOString()}  submitted\n`);
    expect(text).toContain(
      `  ${daysAgo(9).toISOString()}  escalated  level=district  area=35.07  officers=d1,d2  reason="not acknowledged in 8 h"\n`,
    );
  });

  it('prints the reporter only with --with-reporter and direct consent; otherwise says why not', async () => {
    const direct = await show('R-DDDDDD', true);
    expect(direct.text).toContain('reporter: whatsapp:6281299990000\n');
    const noFlag = await show('R-DDDDDD', false);
    expect(noFlag.text).toContain(
      'reporter: withheld (the reporter agreed to direct contact; add --with-reporter to print it)\n',
    );
    expect(noFlag.text).not.toContain('6281299990000');
    const relay = await show('R-EEEEEE', true);
    expect(relay.text).toContain(
      'reporter: withheld (the reporter did not agree to direct contact (consent: questions relayed through the bot only))\n',
    );
    expect(relay.text).not.toContain('telegram:555');
    expect(relay.text).toContain('  Offer came through: a chat app (WhatsApp)\n');
    expect(relay.text).toContain('  Money already paid: Rp 30.000.000\n');
    expect(relay.text).toContain('  Paid to: this recruiter\n');
    expect(relay.text).toContain('  Receipt/proof of transfer: none\n');
    const none = await show('R-AAAAAA', true);
    expect(none.text).toContain('(consent: anonymous)');
    expect(none.text).not.toContain('telegram:');
  });

  it('says when a report does not exist, and never lets typed text drive the terminal', async () => {
    expect(await show('R-XXXXXX', false)).toEqual({ exit: 1, text: 'no report R-XXXXXX\n' });
    const { text } = await show('R-FFFFFF', false);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('  Note: red ?[31mALERT?[0m\n');
  });
});

describe('reports export', () => {
  const exported = async (format: 'csv' | 'json', withReporter: boolean, status?: 'acknowledged') => {
    const out = buffer();
    expect(await exportReports(deps, out, { format, withReporter, ...(status ? { status } : {}) })).toBe(0);
    return out.text();
  };

  it('writes CSV with stable columns, one row per report, reporter only with consent and the flag', async () => {
    const text = await exported('csv', true);
    const rows: string[][] = parse(text);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(6);
    const byCode = new Map(
      rows.slice(1).map((row) => [row[0], Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, row[i]]))]),
    );
    expect(byCode.get('R-DDDDDD')).toMatchObject({
      status: 'acknowledged',
      village_code: TERNYANG,
      village_name: 'Ternyang',
      district_name: 'Kabupaten Malang',
      owner: 'o7',
      contact_consent: 'direct',
      reporter_address: 'whatsapp:6281299990000',
      documents: 'none',
      recruiter_company: '',
    });
    expect(byCode.get('R-AAAAAA')).toMatchObject({
      status: 'resolved',
      outcome: 'warned',
      reporter_address: '',
    });
    expect(byCode.get('R-EEEEEE')).toMatchObject({
      reporter_address: '',
      recruitment_method: 'chat',
      recruitment_app: 'whatsapp',
      recruitment_detail: '',
      htcds_vic_MethodOfRecruitment: 'ThroughOnlineSocialNetworks',
      htcds_vic_RecruitmentWebsitesAndApps: 'WhatsApp',
      paid: 'yes',
      paid_amount: '30000000',
      paid_currency: 'IDR',
      paid_to: 'recruiter',
      paid_to_name: '',
      paid_proof: 'false',
    });
    // Reports filed before these questions were asked have empty cells.
    expect(byCode.get('R-DDDDDD')).toMatchObject({
      recruitment_method: '',
      htcds_vic_MethodOfRecruitment: '',
      htcds_vic_RecruitmentWebsitesAndApps: '',
      paid: '',
      paid_amount: '',
      paid_proof: '',
    });
    // A cell a spreadsheet would run as a formula is defused.
    expect(byCode.get('R-FFFFFF')?.notes).toBe(`'=HYPERLINK("http://x")\nred \u001b[31mALERT\u001b[0m`);
    expect(text).not.toMatch(/telegram:/);
    expect(await exported('csv', false)).not.toContain('6281299990000');
  });

  it('writes JSON with the same fields and filters', async () => {
    const rows = JSON.parse(await exported('json', false, 'acknowledged')) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(rows[0]).toMatchObject({ code: 'R-DDDDDD', reporter_address: '' });
    const withFlag = JSON.parse(await exported('json', true, 'acknowledged')) as Record<string, string>[];
    expect(withFlag[0]?.reporter_address).toBe('whatsapp:6281299990000');
  });
});

describe('reports stats', () => {
  it('counts by status, open reports by age, by district and by village', async () => {
    const out = buffer();
    expect(await reportStats(deps, out, NOW)).toBe(0);
    const text = out.text();
    const row = (label: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(label))
        ?.split(/\s{2,}/);
    expect(text.startsWith('reports: 5 (open: 4)\n')).toBe(true);
    expect(row('submitted')).toEqual(['submitted', '2']);
    expect(row('escalated')).toEqual(['escalated', '1']);
    expect(row('acknowledged')).toEqual(['acknowledged', '1']);
    expect(row('resolved')).toEqual(['resolved', '1']);
    expect(row('failed')).toEqual(['failed', '0']);
    expect(row('< 1 day')).toEqual(['< 1 day', '2']);
    expect(row('1–7 days')).toEqual(['1–7 days', '1']);
    expect(row('> 7 days')).toEqual(['> 7 days', '1']);
    // By area, with the overdue: R-CCCCCC waited 9 days at the district (8 h allowed).
    expect(row('35.07 ')).toEqual(['35.07', 'Kabupaten Malang', '4', '3', '1']);
    expect(row('35.79 ')).toEqual(['35.79', 'Kota Batu', '1', '1', '0']);
    expect(row('35.07.12 ')).toEqual(['35.07.12', 'Sumberpucung', '4', '3', '1']);
    expect(row(TERNYANG)).toEqual([TERNYANG, 'Ternyang', '3', '2', '0']);
    expect(row(SUMBERPUCUNG_VILLAGE)).toEqual([SUMBERPUCUNG_VILLAGE, 'Sumberpucung', '1', '1', '1']);
    expect(row(BATU_VILLAGE)).toEqual([BATU_VILLAGE, 'Temas', '1', '1', '0']);
    expect(text).toContain('overdue (not taken within 8.0 h at its level): 1\n');
    // R-AAAAAA taken after 3 s, R-DDDDDD after a day; R-AAAAAA resolved after 10 days.
    expect(text).toContain('median time to acknowledge: 12.0 h (2 reports)\n');
    expect(text).toContain('median time to resolve: 10.0 days (1 report)\n');
    expect(row('2026-11-30')).toEqual(['2026-11-30', '1', '0']);
    expect(row('2026-11-20')).toEqual(['2026-11-20', '0', '1']);
    expect(row('2026-12-10')).toEqual(['2026-12-10', '2', '0']);
  });

  it('counts one area only with --area', async () => {
    const out = buffer();
    expect(await reportStats(deps, out, NOW, { area: '35.79' })).toBe(0);
    expect(out.text().startsWith('area 35.79: reports: 1 (open: 1)\n')).toBe(true);
    expect(out.text()).not.toContain(TERNYANG);
  });
});

describe('reports repeats', () => {
  it('prints each recruiter in two or more reports with what links them', async () => {
    const agencies = loadAgencyChecker('content');
    if ('problems' in agencies) throw new Error(agencies.problems.join('\n'));
    const out = buffer();
    expect(await reportRepeats({ ...deps, agencies }, out, {}, NOW)).toBe(0);
    const lines = out.text().split('\n');
    // Every report of the fixture names Pak Darto (each with a phone of its own).
    expect(lines[0]).toBe(
      '5 reports, 4 open, 2026-11-10 to 2026-12-10: R-FFFFFF R-EEEEEE R-DDDDDD R-CCCCCC R-AAAAAA',
    );
    expect(lines[1]).toBe('  same name: Pak Darto (R-FFFFFF R-EEEEEE R-DDDDDD R-CCCCCC R-AAAAAA)');
    expect(lines).toContain('1 recruiter in two or more reports');
    expect(out.text()).not.toMatch(/telegram:|whatsapp:/);
    const batu = buffer();
    expect(await reportRepeats({ ...deps, agencies }, batu, { area: '35.79' }, NOW)).toBe(0);
    expect(batu.text()).toBe('no recruiter appears in two or more reports\n');
  });
});
