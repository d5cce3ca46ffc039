import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportKeys } from '../../src/reports/keys.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import { selectReports } from '../../src/reports/report-query.js';
import { areaOverview } from '../../src/reports/area-overview.js';
import { ADMIN_SCOPE } from '../../src/reports/report-query.js';
import { testRedis } from '../helpers/redis.js';
import { NOW, villages } from '../cli/reports-fixture.js';
import { seedStore } from './query-fixture.js';

const redis = testRedis();
const store = new RedisReportStore(redis.redis, reportKeys(redis.prefix));
// One reader for the whole file: what it remembers must follow every change.
const deps = {
  reader: redisReportReader(redis.redis, reportKeys(redis.prefix)),
  villages,
  escalateAfterMs: 8 * 3600_000,
  now: () => NOW,
};
const overdue = async () => (await selectReports(deps, ADMIN_SCOPE, { overdue: true })).map((r) => r.code);

beforeAll(() => seedStore(store));
afterAll(() => redis.cleanup());

describe('the Redis reader keeps its facts fresh', () => {
  it('follows taking, escalating again at the same status, stopping to wait and new reports', async () => {
    expect(await overdue()).toEqual(['R-GGGGGG', 'R-CCCCCC']);
    const at = NOW.toISOString();
    // Taken: no longer overdue; the overview counts its acknowledgement.
    await store.update('R-GGGGGG', { to: 'acknowledged', owner: 'o9' }, { at, type: 'acknowledged' });
    expect(await overdue()).toEqual(['R-CCCCCC']);
    expect((await areaOverview(deps, ADMIN_SCOPE)).acknowledge.count).toBe(3);
    // Escalated again (still 'escalated', one level up) just now: it has just reached the province.
    await store.update(
      'R-CCCCCC',
      { to: 'escalated', level: 'province', area: '35' },
      { at, type: 'escalated', level: 'province', area: '35' },
    );
    expect(await overdue()).toEqual([]);
    expect((await selectReports(deps, ADMIN_SCOPE, { level: 'province' })).map((r) => r.code)).toEqual([
      'R-CCCCCC',
    ]);
    // A new report is counted at once.
    await seedStore(store, [{ code: 'R-NEW346', createdAt: new Date(NOW.getTime() - 10 * 3600_000) }]);
    expect(await overdue()).toEqual(['R-NEW346']);
    expect((await areaOverview(deps, ADMIN_SCOPE)).total).toBe(7);
  });
});
