import { afterAll, describe, expect, it } from 'vitest';
import type { ContactConsent, ReportDetails } from '../../src/core/report.js';
import { MemoryOfficerDirectory } from '../../src/officers/memory-officer-directory.js';
import type { OfficerDirectory } from '../../src/officers/officer.js';
import { RedisOfficerDirectory, officerKeys } from '../../src/officers/redis-officer-directory.js';
import { alertReaderOf, type AlertContext, type AlertReader } from '../../src/reports/alert-context.js';
import { reportKeys } from '../../src/reports/keys.js';
import { MemoryReportStore } from '../../src/reports/memory-report-store.js';
import { redisAlertReader } from '../../src/reports/redis-alert-reader.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import type { ReportStore } from '../../src/reports/report-store.js';
import { testRedis } from '../helpers/redis.js';
import { TERNYANG, officer } from '../helpers/report-script.js';

const redisParts = testRedis();
afterAll(() => redisParts.cleanup());

interface Parts {
  readonly store: ReportStore;
  readonly officers: OfficerDirectory;
  readonly read: AlertReader;
}

let n = 0;
const setups: [string, () => Parts][] = [
  [
    'store and directory',
    () => {
      const store = new MemoryReportStore();
      const officers = new MemoryOfficerDirectory();
      return { store, officers, read: alertReaderOf(store, officers) };
    },
  ],
  [
    'one Redis script',
    () => {
      const prefix = `${redisParts.prefix}${n++}:`;
      const keys = { reports: reportKeys(prefix), officers: officerKeys(prefix) };
      return {
        store: new RedisReportStore(redisParts.redis, keys.reports),
        officers: new RedisOfficerDirectory(redisParts.redis, keys.officers),
        read: redisAlertReader(redisParts.redis, keys.reports, keys.officers),
      };
    },
  ],
];

const details: ReportDetails = {
  recruiter: { name: 'Darto', phones: ['+6281234567890'], company: '' },
  offer: { country: 'Malaysia', job: '', salary: '', fees: '-', documents: '' },
  place: '',
  village: TERNYANG,
  notes: ['ada bukti'],
  media: [],
  bypassVillage: false,
};

/** The context of an alert not sent yet (fails the test otherwise). */
function unsent(context: AlertContext) {
  if (context.sent) throw new Error('expected an alert not sent yet');
  return context;
}

async function filed(store: ReportStore, code: string, contact: ContactConsent): Promise<void> {
  await store.create({
    code,
    reporter: { address: `telegram:${code}`, locale: 'id', contact, updates: false },
    draftKey: code,
    details,
    createdAt: new Date('2026-11-29T08:00:00Z'),
    perDay: 10,
  });
}

describe.each(setups)('alert context (%s)', (_name, setup) => {
  it('gives the officer and the report, and the reporter only when they agreed to direct contact', async () => {
    const { store, officers, read } = setup();
    await officers.save(officer('o1', 'village', TERNYANG));
    await filed(store, 'R-AAAAAA', 'relay');
    await filed(store, 'R-CCCCCC', 'direct');

    const relayed = unsent(await read('R-AAAAAA', 'o1', 'alert-1'));
    expect(relayed.officer).toMatchObject({ id: 'o1', active: true });
    expect(relayed.report).toMatchObject({ code: 'R-AAAAAA', details });
    expect(relayed.reporter).toBeUndefined();

    const direct = unsent(await read('R-CCCCCC', 'o1', 'alert-2'));
    expect(direct.reporter).toEqual({
      address: 'telegram:R-CCCCCC',
      locale: 'id',
      contact: 'direct',
      updates: false,
    });
  });

  it('says only "sent" once the alert was recorded as sent', async () => {
    const { store, officers, read } = setup();
    await officers.save(officer('o1', 'village', TERNYANG));
    await filed(store, 'R-AAAAAA', 'direct');
    await store.completeAlert('alert-1', 'R-AAAAAA', { at: '2026-11-29T08:01:00Z', type: 'alert-sent' });
    expect(await read('R-AAAAAA', 'o1', 'alert-1')).toEqual({ sent: true });
    expect((await read('R-AAAAAA', 'o1', 'alert-other')).sent).toBe(false);
  });

  it('gives nothing for an unknown report or officer, and an officer who left as inactive', async () => {
    const { store, officers, read } = setup();
    await filed(store, 'R-AAAAAA', 'none');
    expect(await read('R-MMMMMM', 'nobody', 'alert-1')).toEqual({
      sent: false,
      officer: undefined,
      report: undefined,
      reporter: undefined,
    });
    await officers.save({ ...officer('o1', 'village', TERNYANG), active: false });
    expect(unsent(await read('R-AAAAAA', 'o1', 'alert-1')).officer?.active).toBe(false);
  });
});
