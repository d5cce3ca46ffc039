import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTER_DATA_REMOVED, retentionCommand } from '../../src/cli/retention.js';
import { reportKeys, reporterId } from '../../src/reports/keys.js';
import { buffer, daysAgo, NOW, reportsOnRedis, toResolved } from './reports-fixture.js';

const r = reportsOnRedis();
const keys = reportKeys(r.prefix);

beforeAll(async () => {
  // Resolved 40 and 31 days ago (due at 30 days), 10 days ago (not due), one still open for 60 days,
  // and one resolved long ago whose history has no `resolved` entry (its last change counts).
  await r.seed({
    code: 'R-AAAAAA',
    createdAt: daysAgo(50),
    address: 'telegram:1',
    contact: 'direct',
    steps: toResolved(daysAgo(50), daysAgo(40)),
  });
  await r.seed({
    code: 'R-CCCCCC',
    createdAt: daysAgo(35),
    address: 'telegram:2',
    steps: toResolved(daysAgo(35), daysAgo(31)),
  });
  await r.seed({
    code: 'R-DDDDDD',
    createdAt: daysAgo(45),
    address: 'telegram:3',
    steps: toResolved(daysAgo(45), daysAgo(10)),
  });
  await r.seed({ code: 'R-EEEEEE', createdAt: daysAgo(60), address: 'telegram:4' });
  await r.seed({
    code: 'R-FFFFFF',
    createdAt: daysAgo(90),
    address: 'telegram:5',
    steps: [
      [
        { to: 'resolved', outcome: 'false' },
        { at: daysAgo(80).toISOString(), type: 'closed-by-admin' },
      ],
    ],
  });
});
afterAll(() => r.cleanup());

const run = async (days: number, dryRun: boolean) => {
  const out = buffer();
  expect(await retentionCommand(r.store, out, { days, dryRun, now: NOW })).toBe(0);
  return out.text();
};

describe('reports retention', () => {
  it('a dry run counts and changes nothing', async () => {
    expect(await run(30, true)).toBe(
      'dry run: 3 report(s) resolved more than 30 days ago hold reporter data; nothing removed\n' +
        'R-FFFFFF\nR-AAAAAA\nR-CCCCCC\n',
    );
    expect(await r.store.reporter('R-AAAAAA')).toBeDefined();
    expect((await r.store.history('R-AAAAAA')).map((h) => h.type)).not.toContain(REPORTER_DATA_REMOVED);
  });

  it('removes the contact data and index entry of reports resolved more than N days ago, keeps the reports, once', async () => {
    expect(await run(30, false)).toBe(
      'removed reporter data from 3 report(s) resolved more than 30 days ago\nR-FFFFFF\nR-AAAAAA\nR-CCCCCC\n',
    );
    for (const [code, address] of [
      ['R-AAAAAA', 'telegram:1'],
      ['R-CCCCCC', 'telegram:2'],
      ['R-FFFFFF', 'telegram:5'],
    ] as const) {
      expect(await r.redis.exists(keys.reporter(code))).toBe(0);
      expect(await r.redis.zscore(keys.byReporter(reporterId(address)), code)).toBeNull();
      expect(await r.store.codesByReporter(address)).toEqual([]);
      const report = await r.store.get(code);
      expect(report).toMatchObject({ code, status: 'resolved' });
      const last = (await r.store.history(code)).at(-1);
      expect(last).toEqual({
        at: NOW.toISOString(),
        type: REPORTER_DATA_REMOVED,
        reason: 'retention: resolved more than 30 days ago',
      });
      expect(JSON.stringify(await r.store.history(code))).not.toContain(address);
    }
    // Not due: resolved 10 days ago, and one never resolved.
    expect(await r.store.reporter('R-DDDDDD')).toMatchObject({ address: 'telegram:3' });
    expect(await r.store.reporter('R-EEEEEE')).toMatchObject({ address: 'telegram:4' });
    expect(await r.store.codesByReporter('telegram:3')).toEqual(['R-DDDDDD']);

    // Idempotent: a second run finds nothing and appends nothing.
    const before = (await r.store.history('R-AAAAAA')).length;
    expect(await run(30, false)).toBe(
      'removed reporter data from 0 report(s) resolved more than 30 days ago\n',
    );
    expect(await r.store.history('R-AAAAAA')).toHaveLength(before);
    // A shorter period reaches the one resolved 10 days ago.
    expect(await run(7, false)).toBe(
      'removed reporter data from 1 report(s) resolved more than 7 days ago\nR-DDDDDD\n',
    );
  });
});
