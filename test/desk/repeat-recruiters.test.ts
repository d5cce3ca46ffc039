import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyChecker } from '../../src/content/agency-matcher.js';
import { readTable } from '../../src/content/csv-table.js';
import { AGENCY_COLUMNS, agencyRowSchema, type Agency } from '../../src/content/jobs-schema.js';
import { reportKeys } from '../../src/reports/keys.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { redisReportReader } from '../../src/reports/redis-report-reader.js';
import { ADMIN_SCOPE } from '../../src/reports/report-query.js';
import { nameKey, repeatRecruiters, standing } from '../../src/desk/repeat-recruiters.js';
import { TERNYANG } from '../helpers/report-script.js';
import { testRedis } from '../helpers/redis.js';
import { NOW, daysAgo, villages } from '../cli/reports-fixture.js';
import { seedStore } from '../reports/query-fixture.js';

const agencies: readonly Agency[] = readTable(
  readFileSync('content/jobs/agencies.csv', 'utf8'),
  AGENCY_COLUMNS,
  agencyRowSchema,
).rows;
const redis = testRedis();
const store = new RedisReportStore(redis.redis, reportKeys(redis.prefix));
const deps = {
  reader: redisReportReader(redis.redis, reportKeys(redis.prefix)),
  villages,
  escalateAfterMs: 8 * 3600_000,
  now: () => NOW,
  agencies: createAgencyChecker(agencies),
};

beforeAll(async () => {
  await seedStore(store);
  // Two more reports of one company under another spelling, each with a phone of its own.
  await seedStore(store, [
    {
      code: 'R-HHHHHH',
      createdAt: daysAgo(5),
      village: '35.79.01.1001',
      details: { recruiter: { name: 'Wati', phones: ['+6285700000001'], company: 'CV. Sinar' } },
    },
    {
      code: 'R-JJJJJJ',
      createdAt: daysAgo(4),
      details: { recruiter: { name: 'tidak tahu', phones: ['+6285700000002'], company: '' } },
    },
    {
      code: 'R-KKKKKK',
      createdAt: daysAgo(4),
      details: { recruiter: { name: 'Tidak tahu', phones: ['+6285700000003'], company: '' } },
    },
  ]);
});
afterAll(() => redis.cleanup());

describe('repeat recruiters', () => {
  it('links reports by phone, company or name, through each other, and checks the agency list', async () => {
    const groups = await repeatRecruiters(deps, ADMIN_SCOPE);
    expect(groups.map((g) => g.codes)).toEqual([
      ['R-FFFFFF', 'R-DDDDDD', 'R-AAAAAA'],
      ['R-EEEEEE', 'R-HHHHHH'],
    ]);
    const [darto, sinar] = groups;
    expect(darto?.shared).toEqual([
      { kind: 'phone', value: '+6281234500001', codes: ['R-DDDDDD', 'R-AAAAAA'] },
      { kind: 'name', value: 'Pak Darto', codes: ['R-FFFFFF', 'R-DDDDDD', 'R-AAAAAA'] },
    ]);
    expect(darto).toMatchObject({
      names: ['Pak Darto'],
      companies: ['Maju Jaya', 'PT Contoh Maju Jaya'],
      open: 2,
      villages: [TERNYANG],
      firstAt: daysAgo(30).toISOString(),
    });
    // The licensed agency, and a name one word short of it: a look-alike, never the agency.
    expect(darto?.agencies.map((a) => [a.asked, a.standing.type])).toEqual([
      ['Maju Jaya', 'look-alike'],
      ['PT Contoh Maju Jaya', 'licensed'],
    ]);
    expect(sinar?.shared).toEqual([{ kind: 'company', value: 'CV Sinar', codes: ['R-EEEEEE', 'R-HHHHHH'] }]);
    expect(sinar?.agencies).toEqual([
      { kind: 'company', asked: 'CV Sinar', standing: { type: 'not-listed' } },
    ]);
    // "tidak tahu" twice is no name: those two reports stay apart.
    expect(groups.flatMap((g) => g.codes)).not.toContain('R-JJJJJJ');
  });

  it('keeps to the officer area', async () => {
    const village = await repeatRecruiters(deps, { role: 'village', area: TERNYANG });
    expect(village.map((g) => g.codes)).toEqual([['R-FFFFFF', 'R-DDDDDD', 'R-AAAAAA']]);
    const batu = await repeatRecruiters(deps, { role: 'district', area: '35.79' });
    expect(batu.map((g) => g.codes)).toEqual([['R-EEEEEE', 'R-HHHHHH']]);
    expect(await repeatRecruiters(deps, { role: 'province', area: '36' })).toEqual([]);
  });

  it('names revoked, suspended and expired licences, and agencies by their phone', () => {
    const [first, second, third] = agencies;
    if (!first || !second || !third) throw new Error('the agency list has fewer than three agencies');
    const checker = createAgencyChecker([
      { ...first, status: 'revoked' },
      { ...second, status: 'suspended' },
      { ...third, licence_valid_until: '2026-01-31' },
    ]);
    expect(standing(checker, first.name, '2026-12-10').type).toBe('revoked');
    expect(standing(checker, second.name, '2026-12-10').type).toBe('suspended');
    expect(standing(checker, third.name, '2026-12-10').type).toBe('expired');
    expect(standing(checker, third.name, '2026-01-31').type).toBe('licensed');
    expect(standing(checker, first.phones[0] ?? '', '2026-12-10')).toMatchObject({
      type: 'revoked',
      agency: { id: first.id },
    });
    expect(standing(checker, 'PT Tidak Ada Sama Sekali', '2026-12-10').type).toBe('not-listed');
  });

  it('compares names without titles, case or accents', () => {
    expect(nameKey('Pak DARTO')).toBe('darto');
    expect(nameKey('Bu Siti Aminah')).toBe('siti aminah');
    expect(nameKey('Hj. Sàri')).toBe('sari');
    expect(nameKey('Tidak tahu')).toBe('');
    expect(nameKey('-')).toBe('');
    expect(nameKey('Pak Al')).toBe('');
  });
});
