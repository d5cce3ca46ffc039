import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaOverview, median } from '../../src/reports/area-overview.js';
import { reportKeys } from '../../src/reports/keys.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import { ADMIN_SCOPE } from '../../src/reports/report-query.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import { testRedis } from '../helpers/redis.js';
import { BATU_VILLAGE, DAY, NOW, SUMBERPUCUNG_VILLAGE, villages } from '../cli/reports-fixture.js';
import { seedStore } from './query-fixture.js';

const redis = testRedis();
const deps = {
  reader: redisReportReader(redis.redis, reportKeys(redis.prefix)),
  villages,
  escalateAfterMs: 8 * 3600_000,
  now: () => NOW,
};

beforeAll(() => seedStore(new RedisReportStore(redis.redis, reportKeys(redis.prefix))));
afterAll(() => redis.cleanup());

describe('area overview', () => {
  it('counts open and overdue, medians, sub-areas and the last 30 days', async () => {
    const o = await areaOverview(deps, ADMIN_SCOPE);
    expect(o).toMatchObject({ area: '', total: 6, open: 5, overdue: 2, escalateAfterMs: 8 * 3600_000 });
    expect(o.byStatus).toMatchObject({ submitted: 3, escalated: 1, acknowledged: 1, resolved: 1, failed: 0 });
    expect(o.openByAge).toEqual([2, 2, 1]);
    expect(o.acknowledge).toEqual({ medianMs: (3000 + DAY) / 2, count: 2 });
    expect(o.resolve).toEqual({ medianMs: 10 * DAY, count: 1 });
    expect(o.districts).toEqual([
      { code: MALANG, name: 'Kabupaten Malang', all: 5, open: 4, overdue: 2 },
      { code: '35.79', name: 'Kota Batu', all: 1, open: 1, overdue: 0 },
    ]);
    expect(o.subDistricts).toEqual([
      { code: '35.07.12', name: 'Sumberpucung', all: 5, open: 4, overdue: 2 },
      { code: '35.79.01', name: 'Batu', all: 1, open: 1, overdue: 0 },
    ]);
    expect(o.villages).toEqual([
      { code: TERNYANG, name: 'Ternyang', all: 4, open: 3, overdue: 1 },
      { code: SUMBERPUCUNG_VILLAGE, name: 'Sumberpucung', all: 1, open: 1, overdue: 1 },
      { code: BATU_VILLAGE, name: 'Temas', all: 1, open: 1, overdue: 0 },
    ]);
    expect(o.daily).toHaveLength(30);
    expect(o.daily[0]?.day).toBe('2026-11-11');
    expect(o.daily.at(-1)).toEqual({ day: '2026-12-10', created: 2, resolved: 0 });
    const day = (d: string) => o.daily.find((x) => x.day === d);
    expect(day('2026-11-20')).toEqual({ day: '2026-11-20', created: 0, resolved: 1 });
    expect(day('2026-11-30')).toEqual({ day: '2026-11-30', created: 1, resolved: 0 });
    // R-AAAAAA was filed 30 days ago: before the window.
    expect(o.daily.reduce((n, d) => n + d.created, 0)).toBe(5);
  });

  it('counts only what the officer may see', async () => {
    const village = await areaOverview(deps, { role: 'village', area: TERNYANG });
    expect(village).toMatchObject({ area: TERNYANG, total: 3, open: 2, overdue: 0 });
    const district = await areaOverview(deps, { role: 'district', area: MALANG }, TERNYANG);
    expect(district).toMatchObject({ area: TERNYANG, total: 4, open: 3, overdue: 1 });
    const other = await areaOverview(deps, { role: 'district', area: MALANG }, '35.79');
    expect(other).toMatchObject({ total: 0, open: 0, overdue: 0, villages: [] });
    expect(other.acknowledge).toEqual({ medianMs: undefined, count: 0 });
  });

  it('says until when its numbers hold: the same up to that moment, not after', async () => {
    const at = async (ms: number) => {
      const { validUntilMs, ...numbers } = await areaOverview(
        { ...deps, now: () => new Date(ms) },
        ADMIN_SCOPE,
      );
      return { validUntilMs, numbers };
    };
    // Step from moment to moment a report becomes overdue, older or a day ends, over three days.
    let now = NOW.getTime();
    let steps = 0;
    while (now < NOW.getTime() + 3 * DAY) {
      const here = await at(now);
      expect(here.validUntilMs).toBeGreaterThan(now);
      expect((await at(here.validUntilMs - 1)).numbers).toEqual(here.numbers);
      expect((await at(here.validUntilMs)).numbers).not.toEqual(here.numbers);
      now = here.validUntilMs;
      steps += 1;
    }
    // Reports aged past one day and seven days, one became overdue, and three days ended.
    expect(steps).toBeGreaterThan(4);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});
