import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportKeys } from '../../src/reports/keys.js';
import { MemoryReportStore } from '../../src/reports/memory-report-store.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import { storeReader, type ReportReader } from '../../src/reports/report-reader.js';
import {
  ADMIN_SCOPE,
  queryReports,
  scopedArea,
  searchWords,
  selectReports,
  type ReportQuery,
  type ReportScope,
} from '../../src/reports/report-query.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import { testRedis } from '../helpers/redis.js';
import { NOW, villages } from '../cli/reports-fixture.js';
import { seedStore } from './query-fixture.js';

const redis = testRedis();
const memory = new MemoryReportStore();
const readers: Record<string, ReportReader> = {
  redis: redisReportReader(redis.redis, reportKeys(redis.prefix)),
  memory: storeReader(memory),
};

beforeAll(async () => {
  await seedStore(new RedisReportStore(redis.redis, reportKeys(redis.prefix)));
  await seedStore(memory);
});
afterAll(() => redis.cleanup());

const EIGHT_HOURS = 8 * 3600_000;

describe.each(Object.keys(readers))('report query on the %s reader', (name) => {
  const deps = {
    reader: readers[name] as ReportReader,
    villages,
    escalateAfterMs: EIGHT_HOURS,
    now: () => NOW,
  };
  const codes = async (query: ReportQuery, scope: ReportScope = ADMIN_SCOPE) =>
    (await selectReports(deps, scope, query)).map((r) => r.code);

  it('lists every report newest first and pages through them', async () => {
    expect(await codes({})).toEqual(['R-FFFFFF', 'R-EEEEEE', 'R-GGGGGG', 'R-DDDDDD', 'R-CCCCCC', 'R-AAAAAA']);
    const second = await queryReports(deps, ADMIN_SCOPE, {}, { page: 2, pageSize: 4 });
    expect(second).toMatchObject({ total: 6, page: 2, pageSize: 4, pages: 2 });
    expect(second.reports.map((r) => r.code)).toEqual(['R-CCCCCC', 'R-AAAAAA']);
    // Past the end: the last page; nonsense sizes are held to 1..500.
    expect((await queryReports(deps, ADMIN_SCOPE, {}, { page: 9, pageSize: 4 })).page).toBe(2);
    expect((await queryReports(deps, ADMIN_SCOPE, {}, { pageSize: 0 })).pageSize).toBe(1);
    expect((await queryReports(deps, ADMIN_SCOPE, {}, { pageSize: 10_000 })).pageSize).toBe(500);
  });

  it('filters by status, level, area prefix at every level and age', async () => {
    expect(await codes({ status: ['resolved', 'acknowledged'] })).toEqual(['R-DDDDDD', 'R-AAAAAA']);
    expect(await codes({ level: 'district' })).toEqual(['R-CCCCCC']);
    expect(await codes({ area: TERNYANG })).toEqual(['R-FFFFFF', 'R-GGGGGG', 'R-DDDDDD', 'R-AAAAAA']);
    expect(await codes({ area: '35.07.12' })).toHaveLength(5);
    expect(await codes({ area: '35.79' })).toEqual(['R-EEEEEE']);
    expect(await codes({ area: '36' })).toEqual([]);
    expect(await codes({ minAgeDays: 5 })).toEqual(['R-CCCCCC', 'R-AAAAAA']);
    expect(await codes({ maxAgeDays: 1 })).toEqual(['R-FFFFFF', 'R-EEEEEE']);
    expect(await codes({ minAgeDays: 1, maxAgeDays: 5, status: ['submitted'] })).toEqual(['R-GGGGGG']);
  });

  it('finds free words in what was reported, never in who reported it', async () => {
    expect(await codes({ words: 'darto' })).toEqual(['R-FFFFFF', 'R-DDDDDD', 'R-AAAAAA']);
    expect(await codes({ words: 'DARTO maju' })).toEqual(['R-DDDDDD', 'R-AAAAAA']);
    // A phone with 0 in front, with dashes, or with +62.
    expect(await codes({ words: '0812-3450-0001' })).toEqual(['R-DDDDDD', 'R-AAAAAA']);
    expect(await codes({ words: '+6281234500004' })).toEqual(['R-EEEEEE']);
    expect(await codes({ words: 'temas' })).toEqual(['R-EEEEEE']);
    expect(await codes({ words: 'sawit' })).toEqual(['R-GGGGGG']);
    expect(await codes({ words: 'r-cccccc' })).toEqual(['R-CCCCCC']);
    expect(await codes({ words: 'telegram' })).toEqual([]);
    expect(await codes({ words: '6281299990000' })).toEqual([]);
  });

  it('finds the overdue: nobody took it within the escalation time at its level', async () => {
    expect(await codes({ overdue: true })).toEqual(['R-GGGGGG', 'R-CCCCCC']);
    expect(await codes({ overdue: true, area: TERNYANG })).toEqual(['R-GGGGGG']);
  });

  it('keeps each officer to their area; village officers never see what was sent past them', async () => {
    const district: ReportScope = { role: 'district', area: MALANG };
    const village: ReportScope = { role: 'village', area: TERNYANG };
    expect(await codes({}, district)).toEqual(['R-FFFFFF', 'R-GGGGGG', 'R-DDDDDD', 'R-CCCCCC', 'R-AAAAAA']);
    expect(await codes({ area: '35.79' }, district)).toEqual([]);
    expect(await codes({ area: '35' }, district)).toHaveLength(5);
    expect(await codes({}, village)).toEqual(['R-FFFFFF', 'R-DDDDDD', 'R-AAAAAA']);
    expect(await codes({ words: 'kades' }, village)).toEqual([]);
    expect(await codes({}, { role: 'province', area: '35' })).toHaveLength(6);
    expect((await queryReports(deps, village, {})).total).toBe(3);
  });
});

describe('query helpers', () => {
  it('narrows the wanted area to the scope, or gives none', () => {
    expect(scopedArea({ role: 'district', area: '35.07' }, undefined)).toBe('35.07');
    expect(scopedArea({ role: 'district', area: '35.07' }, '35.07.12')).toBe('35.07.12');
    expect(scopedArea({ role: 'district', area: '35.07' }, '35')).toBe('35.07');
    expect(scopedArea({ role: 'district', area: '35.07' }, '35.79')).toBeUndefined();
    expect(scopedArea(ADMIN_SCOPE, '')).toBe('');
  });

  it('folds words and reads phone numbers as 62…', () => {
    expect(searchWords('  Pak DÄRTO, 0812-3456-789 ')).toEqual(['pak', 'darto', '628123456789']);
    expect(searchWords('+62 812')).toEqual(['62', '812']);
  });
});
