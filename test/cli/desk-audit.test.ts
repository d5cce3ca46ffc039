import { afterAll, describe, expect, it } from 'vitest';
import { printDeskAudit } from '../../src/cli/desk-cli.js';
import { createDeskAudit } from '../../src/desk/audit.js';
import { deskKeys } from '../../src/storage/keys.js';
import { testRedis } from '../helpers/redis.js';
import { buffer } from './reports-fixture.js';

const { redis, prefix, cleanup } = testRedis();
afterAll(() => cleanup());

describe('desk audit (admin CLI)', () => {
  it('prints the desk audit oldest first, filtered by officer or target, with the client hashed', async () => {
    const audit = createDeskAudit(redis, deskKeys(prefix), { now: () => new Date('2026-12-06T10:00:00Z') });
    await audit.write({ officer: '', action: 'sign-in-code', result: 'asked', client: '203.0.113.9' });
    await audit.write({
      officer: 'oabc123456',
      action: 'view-report',
      target: 'R-TAKE34',
      result: 'ok',
      client: '203.0.113.9',
    });
    await audit.write({
      officer: 'oxyz123456',
      action: 'export-csv',
      target: '?status=open',
      result: 'ok 3',
      client: '198.51.100.1',
    });
    const all = buffer();
    expect(await printDeskAudit(redis, prefix, all, { last: 10 })).toBe(0);
    const lines = all.text().trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^2026-12-06T10:00:00.000Z\s+-\s+sign-in-code\s+-\s+asked\s+\S{8}$/);
    expect(all.text()).not.toContain('203.0.113.9');
    const one = buffer();
    await printDeskAudit(redis, prefix, one, { last: 10, officer: 'oabc123456' });
    expect(one.text()).toContain('view-report');
    expect(one.text()).not.toContain('export-csv');
    const byReport = buffer();
    await printDeskAudit(redis, prefix, byReport, { last: 10, target: 'R-TAKE34' });
    expect(byReport.text().trim().split('\n')).toHaveLength(2);
    const none = buffer();
    await printDeskAudit(redis, prefix, none, { last: 10, officer: 'onobody000' });
    expect(none.text()).toBe('no desk audit entries match\n');
  });
});
