import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskData } from '../../src/desk/desk-data.js';
import { areaOverview } from '../../src/reports/area-overview.js';
import { reportKeys } from '../../src/reports/keys.js';
import { keptReportReader } from '../../src/reports/redis-kept-reader.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { realCatalog } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';
import { MALANG } from '../helpers/report-script.js';
import { NOW, villages } from '../cli/reports-fixture.js';
import { seedStore } from '../reports/query-fixture.js';

const redis = testRedis();
const keys = reportKeys(redis.prefix);
const store = new RedisReportStore(redis.redis, keys);
let nowMs = NOW.getTime();
const clock = { now: () => new Date(nowMs) };
const reader = keptReportReader(redis.redis, keys);
const data = createDeskData({
  reader,
  store,
  villages,
  escalateAfterMs: 8 * 3600_000,
  agencies: realCatalog().agencies,
  clock,
});
const scope = { role: 'district' as const, area: MALANG };
/** The overview computed afresh, for comparison. */
const fresh = () => areaOverview({ reader, villages, escalateAfterMs: 8 * 3600_000, now: clock.now }, scope);

beforeAll(() => seedStore(store));
afterAll(() => redis.cleanup());

describe('the desk keeps an overview while it holds', () => {
  it('gives the kept one while nothing changed, and computes again after a change or in time', async () => {
    const first = await data.overview(scope);
    expect(await data.overview(scope)).toBe(first);
    expect(first).toEqual(await fresh());
    // A report taken: computed again.
    const at = clock.now().toISOString();
    await store.update('R-CCCCCC', { to: 'acknowledged', owner: 'o1' }, { at, type: 'acknowledged' });
    const changed = await data.overview(scope);
    expect(changed).not.toBe(first);
    expect(changed.overdue).toBe(first.overdue - 1);
    expect(changed).toEqual(await fresh());
    // Just before it stops holding: kept; at that moment: computed again, as fresh.
    nowMs = changed.validUntilMs - 1;
    expect(await data.overview(scope)).toBe(changed);
    nowMs = changed.validUntilMs;
    const later = await data.overview(scope);
    expect(later).not.toBe(changed);
    expect(later).toEqual(await fresh());
    // The recruiter list: kept the same way, until a report changes or the day ends.
    const groups = await data.recruiters(scope, 1);
    expect(groups.total).toBeGreaterThan(0);
    expect((await data.recruiters(scope, 1)).groups[0]).toBe(groups.groups[0]);
    await seedStore(store, [
      {
        code: 'R-AGAIN3',
        createdAt: new Date(nowMs - 3600_000),
        address: 'telegram:31337',
        details: { recruiter: { name: 'Pak Kades', phones: ['+6281234500003'], company: '' } },
      },
    ]);
    const again = await data.recruiters(scope, 1);
    expect(again.groups[0]).not.toBe(groups.groups[0]);
    expect(again.groups.flatMap((g) => g.codes)).toContain('R-AGAIN3');
    nowMs = Date.UTC(2026, 11, 20, 0, 0, 0) - 1;
    const dayEnd = await data.recruiters(scope, 1);
    nowMs += 1;
    expect((await data.recruiters(scope, 1)).groups[0]).not.toBe(dayEnd.groups[0]);
    // Another officer's scope is its own.
    expect((await data.overview({ role: 'province', area: '35' })).total).toBeGreaterThan(later.total);
  });
});
