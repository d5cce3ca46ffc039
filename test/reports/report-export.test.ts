import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTCDS_COLUMNS } from '../../src/reports/htcds.js';
import { reportKeys } from '../../src/reports/keys.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import {
  EXPORT_COLUMNS,
  EXPORT_MEDIA,
  EXPORT_PART,
  exportReports,
  type ExportFormat,
} from '../../src/reports/report-export.js';
import { ADMIN_SCOPE, selectCodes, type ReportScope } from '../../src/reports/report-query.js';
import { testVillages } from '../helpers/engine.js';
import { populateReports } from '../helpers/report-population.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import { testRedis } from '../helpers/redis.js';
import { NOW, buffer, daysAgo, villages } from '../cli/reports-fixture.js';
import { seedStore } from './query-fixture.js';

const redis = testRedis();
const store = new RedisReportStore(redis.redis, reportKeys(redis.prefix));
const deps = {
  store,
  reader: redisReportReader(redis.redis, reportKeys(redis.prefix)),
  villages,
  escalateAfterMs: 8 * 3600_000,
  now: () => NOW,
};

beforeAll(async () => {
  await seedStore(store);
  await store.update(
    'R-DDDDDD',
    {},
    { at: daysAgo(1).toISOString(), type: 'note', officers: ['o7'], note: 'Sudah dicek ke Disnaker' },
  );
});
afterAll(() => redis.cleanup());

const run = async (format: ExportFormat, scope: ReportScope, withReporter = true, area?: string) => {
  const out = buffer();
  const n = await exportReports(deps, out, { format, scope, query: area ? { area } : {}, withReporter });
  return { n, text: out.text() };
};

const rowsOf = (text: string): Record<string, string>[] => {
  const all: string[][] = parse(text);
  const [head, ...rows] = all;
  return rows.map((r) => Object.fromEntries((head ?? []).map((c, i) => [c, r[i] ?? ''])));
};

describe('report export', () => {
  it('gives a consenting reporter only to the level handling the report and to admins', async () => {
    const address = async (scope: ReportScope, withReporter = true) =>
      rowsOf((await run('csv', scope, withReporter)).text).find((r) => r.code === 'R-DDDDDD')
        ?.reporter_address;
    // R-DDDDDD sits at its village, whose reporter agreed to direct contact.
    expect(await address(ADMIN_SCOPE)).toBe('whatsapp:6281299990000');
    expect(await address({ role: 'village', area: TERNYANG })).toBe('whatsapp:6281299990000');
    expect(await address({ role: 'village', area: TERNYANG }, false)).toBe('');
    expect(await address({ role: 'district', area: MALANG })).toBe('');
    expect(await address({ role: 'province', area: '35' })).toBe('');
  });

  it('exports only the scope, in CSV and JSON with the same columns', async () => {
    const csv = await run('csv', { role: 'district', area: MALANG });
    expect(csv.n).toBe(5);
    const csvRows: string[][] = parse(csv.text);
    expect(csvRows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(csv.text).not.toContain('R-EEEEEE');
    const json = JSON.parse((await run('json', ADMIN_SCOPE, false, '35.79')).text) as Record<
      string,
      string
    >[];
    expect(json.map((r) => r.code)).toEqual(['R-EEEEEE']);
    expect(Object.keys(json[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(EXPORT_MEDIA.htcds).toEqual({ type: 'text/csv; charset=utf-8', extension: 'htcds.csv' });
  });

  it('writes the HTCDS 2.0 columns, case comments from officers, and never the reporter', async () => {
    const { n, text } = await run('htcds', ADMIN_SCOPE);
    expect(n).toBe(6);
    const htcdsRows: string[][] = parse(text);
    expect(htcdsRows[0]).toEqual([...HTCDS_COLUMNS]);
    const byCode = new Map(rowsOf(text).map((r) => [r.demimas_ReportCode, r]));
    expect(byCode.get('R-AAAAAA')).toMatchObject({
      cas_Status: 'Closed',
      cas_ReasonForCaseClosure: 'warned',
      cas_CaseOwner: 'o1',
      hte_Type: 'Recruitment',
      hte_Country: 'Indonesia',
      hte_State: 'Jawa Timur',
      hte_City: 'Kabupaten Malang',
      per_RoleInProcess: 'RecruiterOrIntermediary',
      per_RoleDetails: 'Name: Pak Darto; Company: PT Contoh Maju Jaya; Phones: +6281234500001',
    });
    expect(byCode.get('R-AAAAAA')?.hte_Description).toContain(
      'Offer: Taiwan, pabrik, 25 juta; Money asked: 15 juta',
    );
    expect(byCode.get('R-AAAAAA')?.hte_Description).toContain(
      'Village: Ternyang, Sumberpucung (35.07.12.2001)',
    );
    expect(byCode.get('R-DDDDDD')).toMatchObject({
      cas_Status: 'Active',
      cas_ReasonForCaseClosure: '',
      cco_CaseComment: `${daysAgo(1).toISOString().slice(0, 10)}: Sudah dicek ke Disnaker`,
    });
    // What a villager typed comes after a label: no HTCDS cell starts with it (no formula can run).
    expect(byCode.get('R-FFFFFF')?.hte_Description).toContain('Notes: =HYPERLINK');
    expect(text).not.toMatch(/whatsapp:|telegram:|6281299990000/);
  });
});

describe('a large export', () => {
  const big = testRedis();
  const bigStore = new RedisReportStore(big.redis, reportKeys(big.prefix));
  const bigDeps = { ...deps, store: bigStore, reader: redisReportReader(big.redis, reportKeys(big.prefix)) };
  const COUNT = EXPORT_PART * 2 + 37;
  beforeAll(() => populateReports(bigStore, testVillages(), { count: COUNT, now: NOW, seed: 3 }), 60_000);
  afterAll(() => big.cleanup());

  /** A receiver that is slow to take each part: the export must wait for one before the next. */
  function slowSink() {
    const chunks: string[] = [];
    let pending = 0;
    let most = 0;
    return {
      chunks,
      most: () => most,
      write(chunk: string) {
        pending += 1;
        most = Math.max(most, pending);
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            chunks.push(chunk);
            pending -= 1;
            resolve();
          }, 2),
        );
      },
    };
  }

  it('is written in parts, one at a time, with the text of one write of all of them', async () => {
    const codes = await selectCodes(bigDeps, ADMIN_SCOPE, {});
    expect(codes).toHaveLength(COUNT);
    const json = slowSink();
    expect(
      await exportReports(bigDeps, json, {
        format: 'json',
        scope: ADMIN_SCOPE,
        query: {},
        withReporter: false,
      }),
    ).toBe(COUNT);
    expect(json.most()).toBe(1);
    expect(json.chunks.length).toBeGreaterThan(3);
    const text = json.chunks.join('');
    const parsed = JSON.parse(text) as { code: string }[];
    expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed.map((r) => r.code)).toEqual(codes);
    for (const format of ['csv', 'htcds'] as const) {
      const csv = slowSink();
      expect(
        await exportReports(bigDeps, csv, { format, scope: ADMIN_SCOPE, query: {}, withReporter: false }),
      ).toBe(COUNT);
      const rows = rowsOf(csv.chunks.join(''));
      expect(rows.map((r) => r.code ?? r.demimas_ReportCode)).toEqual(codes);
    }
    const none = buffer();
    expect(
      await exportReports(bigDeps, none, {
        format: 'json',
        scope: ADMIN_SCOPE,
        query: { area: '11' },
        withReporter: false,
      }),
    ).toBe(0);
    expect(none.text()).toBe('[]\n');
  });
});
