import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportKeys } from '../../src/reports/keys.js';
import { redisAreaRouter } from '../../src/reports/redis-area-route.js';
import { keptReportReader } from '../../src/reports/redis-kept-reader.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { selectReports } from '../../src/reports/report-query.js';
import { areaOverview } from '../../src/reports/area-overview.js';
import { ADMIN_SCOPE } from '../../src/reports/report-query.js';
import { officerKeys } from '../../src/storage/keys.js';
import { testRedis } from '../helpers/redis.js';
import { TERNYANG } from '../helpers/report-script.js';
import { NOW, villages } from '../cli/reports-fixture.js';
import { seedStore } from './query-fixture.js';

const redis = testRedis();
const keys = reportKeys(redis.prefix);
const store = new RedisReportStore(redis.redis, keys);
// One reader for the whole file: what it keeps must follow every change.
const reader = keptReportReader(redis.redis, keys);
const deps = { reader, villages, escalateAfterMs: 8 * 3600_000, now: () => NOW };
const overdue = async () => (await selectReports(deps, ADMIN_SCOPE, { overdue: true })).map((r) => r.code);
const statusOf = async (code: string) => (await reader.facts([code]))[0]?.status;
/** The change counter and the counter a report was last changed at. */
const logged = async (code: string) => ({
  rev: Number(await redis.redis.get(keys.revision())),
  at: Number(await redis.redis.zscore(keys.changed(), code)),
});

beforeAll(() => seedStore(store));
afterAll(() => redis.cleanup());

describe('the kept Redis reader', () => {
  it('follows taking, escalating again at the same status and new reports', async () => {
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
    // A new report is counted at once, in its area's list.
    await seedStore(store, [{ code: 'R-NEW346', createdAt: new Date(NOW.getTime() - 10 * 3600_000) }]);
    expect(await overdue()).toEqual(['R-NEW346']);
    expect((await areaOverview(deps, ADMIN_SCOPE)).total).toBe(7);
    expect((await reader.area(TERNYANG)).map((c) => c.code)).toContain('R-NEW346');
    expect((await reader.status('submitted')).map((c) => c.code)).toContain('R-NEW346');
  });

  it('is told of every change by the report scripts: create, update, alert entry, route, reporter removed', async () => {
    await seedStore(store, [
      {
        code: 'R-LOG234',
        createdAt: new Date(NOW.getTime() - 3600_000),
        address: 'telegram:4242',
        details: { recruiter: { name: 'Pak Log', phones: ['+6281234509999'], company: '' } },
      },
    ]);
    let last = await logged('R-LOG234');
    expect(last.at).toBe(last.rev);
    const next = async () => {
      const now = await logged('R-LOG234');
      expect(now.rev).toBeGreaterThan(last.rev);
      expect(now.at).toBe(now.rev);
      last = now;
    };
    // Routed by the area router's script (an active officer in the village).
    const officer = { id: 'ovil1', role: 'village', area: TERNYANG, active: true };
    await redis.redis.hset(
      officerKeys(redis.prefix).area('village', TERNYANG),
      'ovil1',
      JSON.stringify(officer),
    );
    const route = redisAreaRouter(redis.redis, keys, officerKeys(redis.prefix));
    const at = NOW.toISOString();
    expect(await route('R-LOG234', { level: 'village', area: TERNYANG, at, why: '' })).toMatchObject({
      applied: true,
    });
    await next();
    expect(await statusOf('R-LOG234')).toBe('routed');
    // An alert's entry, with and without the transition it carries.
    await store.completeAlert(
      'a1',
      'R-LOG234',
      { at, type: 'alerted' },
      {
        change: { from: ['routed'], to: 'notified' },
        entry: { at, type: 'notified' },
      },
    );
    await next();
    expect(await statusOf('R-LOG234')).toBe('notified');
    await store.completeAlert('a2', 'R-LOG234', { at, type: 'alerted' });
    await next();
    // A refused change writes nothing and logs nothing.
    expect(
      (await store.update('R-LOG234', { from: ['resolved'], to: 'failed' }, { at, type: 'x' })).applied,
    ).toBe(false);
    expect((await logged('R-LOG234')).rev).toBe(last.rev);
    await store.update('R-LOG234', { to: 'resolved', outcome: 'warned' }, { at, type: 'resolved' });
    await next();
    expect(await statusOf('R-LOG234')).toBe('resolved');
    expect(await store.removeReporter('R-LOG234', { at, type: 'reporter-data-removed' })).toBe(true);
    await next();
  });

  it('re-reads only the reports the log names, and everything after the counter went back', async () => {
    const at = NOW.toISOString();
    await reader.sync();
    // Written around the scripts (as no code of the bot does): the reader does not see it…
    await redis.redis.hset(keys.report('R-EEEEEE'), 'status', 'failed');
    await store.update('R-FFFFFF', { to: 'acknowledged', owner: 'o1' }, { at, type: 'acknowledged' });
    expect(await statusOf('R-FFFFFF')).toBe('acknowledged');
    expect(await statusOf('R-EEEEEE')).toBe('submitted');
    // …until Redis starts counting from nothing again (emptied, restored): then it reads all.
    await redis.redis.del(keys.revision(), keys.changed());
    expect(await statusOf('R-EEEEEE')).toBe('failed');
    expect((await reader.facts(['R-AAAAAA', 'R-MISSING'])).map((f) => f?.code)).toEqual([
      'R-AAAAAA',
      undefined,
    ]);
  });
});
