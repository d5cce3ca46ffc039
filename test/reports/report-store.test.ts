import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDetails, Reporter } from '../../src/core/report.js';
import { reportKeys } from '../../src/reports/keys.js';
import { MemoryReportStore } from '../../src/reports/memory-report-store.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { AUDIT_KEPT, type NewReport, type ReportStore } from '../../src/reports/report-store.js';
import { testRedis } from '../helpers/redis.js';
import { TERNYANG } from '../helpers/report-script.js';

const redisParts = testRedis();
afterAll(() => redisParts.cleanup());

const details = (phones: string[] = ['+6281234567890']): ReportDetails => ({
  recruiter: { name: 'Darto', phones, company: '' },
  offer: { country: 'Malaysia', job: '', salary: '', fees: '-', documents: '' },
  place: '',
  village: TERNYANG,
  notes: ['<b>bold</b> & "quotes"'],
  media: [{ kind: 'photo', ref: 'file-1', mime: 'image/jpeg', size: 1000 }],
  bypassVillage: false,
});

const reporter: Reporter = { address: 'telegram:42', locale: 'id', contact: 'relay', updates: true };
const at = new Date('2026-11-29T08:00:00Z');

const report = (over: Partial<NewReport> = {}): NewReport => ({
  code: 'R-AAAAAA',
  reporter,
  draftKey: '1',
  details: details(),
  createdAt: at,
  perDay: 3,
  ...over,
});

let n = 0;
const stores: [string, () => ReportStore][] = [
  ['memory', () => new MemoryReportStore()],
  ['redis', () => new RedisReportStore(redisParts.redis, reportKeys(`${redisParts.prefix}${n++}:`))],
];

describe.each(stores)('report store (%s)', (_name, make) => {
  it('creates a report with its reporter apart, history and indexes', async () => {
    const store = make();
    expect(await store.create(report())).toEqual({ type: 'created', code: 'R-AAAAAA' });
    const r = await store.get('R-AAAAAA');
    expect(r).toMatchObject({
      status: 'submitted',
      level: 'village',
      area: TERNYANG,
      contact: 'relay',
      updates: true,
    });
    expect(r?.details).toEqual(details());
    expect(JSON.stringify(r)).not.toContain('telegram:42');
    expect(await store.reporter('R-AAAAAA')).toEqual(reporter);
    expect(await store.history('R-AAAAAA')).toEqual([{ at: at.toISOString(), type: 'submitted' }]);
    expect(await store.codesByStatus('submitted')).toEqual(['R-AAAAAA']);
    expect(await store.codesByStatus('submitted', new Date(at.getTime() - 1))).toEqual([]);
    expect(await store.codesByReporter('telegram:42')).toEqual(['R-AAAAAA']);
    expect(await store.get('R-MISSING')).toBeUndefined();
  });

  it('returns the same report for the same draft, links the same phone, refuses a taken code and applies the daily limit', async () => {
    const store = make();
    await store.create(report());
    expect(await store.create(report({ code: 'R-CCCCCC' }))).toEqual({ type: 'existing', code: 'R-AAAAAA' });
    expect(await store.create(report({ code: 'R-CCCCCC', draftKey: '2' }))).toEqual({
      type: 'linked',
      code: 'R-AAAAAA',
    });
    // Another reporter may report the same phone: it is their own report.
    const other = { ...reporter, address: 'telegram:43' };
    expect(await store.create(report({ code: 'R-AAAAAA', reporter: other, draftKey: '9' }))).toEqual({
      type: 'collision',
    });
    expect(await store.create(report({ code: 'R-DDDDDD', reporter: other, draftKey: '9' }))).toEqual({
      type: 'created',
      code: 'R-DDDDDD',
    });
    expect(
      await store.create(report({ code: 'R-EEEEEE', draftKey: '3', details: details(['+6281111111111']) })),
    ).toMatchObject({ type: 'created' });
    expect(
      await store.create(report({ code: 'R-FFFFFF', draftKey: '4', details: details([]) })),
    ).toMatchObject({ type: 'created' });
    expect(await store.create(report({ code: 'R-GGGGGG', draftKey: '5', details: details([]) }))).toEqual({
      type: 'limit',
    });
    // The limit is per day.
    const tomorrow = new Date(at.getTime() + 86_400_000);
    expect(
      await store.create(
        report({ code: 'R-GGGGGG', draftKey: '5', details: details([]), createdAt: tomorrow }),
      ),
    ).toMatchObject({ type: 'created' });
  });

  it('applies guarded changes with one history entry and moves the status index', async () => {
    const store = make();
    await store.create(report());
    const entry = {
      at: '2026-11-29T08:01:00.000Z',
      type: 'routed',
      level: 'district' as const,
      area: '35.07',
    };
    expect(
      await store.update(
        'R-AAAAAA',
        { from: ['submitted'], to: 'routed', level: 'district', area: '35.07' },
        entry,
      ),
    ).toEqual({ applied: true, before: 'submitted' });
    expect(await store.update('R-AAAAAA', { from: ['submitted'], to: 'routed' }, entry)).toEqual({
      applied: false,
      before: 'routed',
    });
    expect(await store.update('R-NOPE00', { to: 'routed' }, entry)).toEqual({ applied: false });
    const r = await store.get('R-AAAAAA');
    expect(r).toMatchObject({ status: 'routed', level: 'district', area: '35.07', updatedAt: entry.at });
    expect(await store.codesByStatus('submitted')).toEqual([]);
    expect(await store.codesByStatus('routed')).toEqual(['R-AAAAAA']);
    expect((await store.history('R-AAAAAA')).map((h) => h.type)).toEqual(['submitted', 'routed']);
    // Routed: waiting for an officer since then; a change guarded on another level does not apply.
    expect(await store.waitingSince(new Date('2026-11-29T08:00:59Z'))).toEqual([]);
    expect(await store.waitingSince(new Date('2026-11-29T08:01:00Z'))).toEqual(['R-AAAAAA']);
    const taken = { at: '2026-11-29T09:00:00.000Z', type: 'acknowledged' };
    expect(await store.update('R-AAAAAA', { atLevel: 'village', to: 'acknowledged' }, taken)).toEqual({
      applied: false,
      before: 'routed',
    });
    expect(
      await store.update('R-AAAAAA', { atLevel: 'district', to: 'acknowledged', outcome: 'a=b\nc' }, taken),
    ).toEqual({
      applied: true,
      before: 'routed',
    });
    expect(await store.waitingSince(new Date('2026-12-29T00:00:00Z'))).toEqual([]);
    expect(await store.codesByStatus('acknowledged')).toEqual(['R-AAAAAA']);
  });

  it('starts the wait again at each level, also from one escalated level to the next', async () => {
    const store = make();
    await store.create(report());
    const move = async (to: 'routed' | 'escalated', level: 'village' | 'district' | 'province', at: string) =>
      (await store.update('R-AAAAAA', { to, level }, { at, type: to, level })).applied;
    const waiting = (at: string) => store.waitingSince(new Date(at));
    expect(await move('routed', 'village', '2026-11-29T08:00:00.000Z')).toBe(true);
    expect(await move('escalated', 'district', '2026-11-29T09:00:00.000Z')).toBe(true);
    expect(await waiting('2026-11-29T08:59:59Z')).toEqual([]);
    // Escalated → escalated (district → province): the province's wait starts when it got it.
    expect(await move('escalated', 'province', '2026-11-29T10:00:00.000Z')).toBe(true);
    expect(await waiting('2026-11-29T09:59:59Z')).toEqual([]);
    expect(await waiting('2026-11-29T10:00:00Z')).toEqual(['R-AAAAAA']);
    expect(await store.codesByStatus('escalated')).toEqual(['R-AAAAAA']);
  });

  it('lists codes by village, district and province, oldest first', async () => {
    const store = make();
    await store.create(report({ code: 'R-CCCCCC', createdAt: new Date(at.getTime() + 60_000) }));
    await store.create(
      report({
        code: 'R-AAAAAA',
        draftKey: '2',
        details: { ...details(['+6281111111111']), village: '35.07.12.2006' },
      }),
    );
    expect(await store.codesByArea(TERNYANG)).toEqual(['R-CCCCCC']);
    expect(await store.codesByArea('35.07.12.2006')).toEqual(['R-AAAAAA']);
    expect(await store.codesByArea('35.07')).toEqual(['R-AAAAAA', 'R-CCCCCC']);
    expect(await store.codesByArea('35')).toEqual(['R-AAAAAA', 'R-CCCCCC']);
    expect(await store.codesByArea('35.08')).toEqual([]);
  });

  it('removes the reporter once, keeping the report and recording it', async () => {
    const store = make();
    await store.create(report());
    const entry = { at: '2026-12-30T00:00:00.000Z', type: 'reporter-data-removed' };
    expect(await store.removeReporter('R-AAAAAA', entry)).toBe(true);
    expect(await store.reporter('R-AAAAAA')).toBeUndefined();
    expect(await store.codesByReporter('telegram:42')).toEqual([]);
    expect(await store.get('R-AAAAAA')).toMatchObject({ status: 'submitted', updatedAt: entry.at });
    expect(await store.removeReporter('R-AAAAAA', entry)).toBe(false);
    expect(await store.removeReporter('R-MISSING', entry)).toBe(false);
    expect((await store.history('R-AAAAAA')).map((h) => h.type)).toEqual([
      'submitted',
      'reporter-data-removed',
    ]);
  });

  it('records an alert as sent together with its history entry and, when its guard holds, the transition', async () => {
    const store = make();
    await store.create(report());
    expect(await store.alertSent('a1')).toBe(false);
    const sent = { at: at.toISOString(), type: 'alert-sent', officers: ['o1'] };
    const notified = { at: at.toISOString(), type: 'notified' };
    // The transition's guard fails (the report is not routed yet): the alert is still recorded as sent.
    const early = await store.completeAlert('a1', 'R-AAAAAA', sent, {
      change: { from: ['routed'], to: 'notified' },
      entry: notified,
    });
    expect(early).toEqual({ applied: false, before: 'submitted' });
    await store.update('R-AAAAAA', { to: 'routed' }, { at: at.toISOString(), type: 'routed' });
    const done = await store.completeAlert('a2', 'R-AAAAAA', sent, {
      change: { from: ['routed'], to: 'notified' },
      entry: notified,
    });
    expect(done).toEqual({ applied: true, before: 'routed' });
    expect((await store.get('R-AAAAAA'))?.status).toBe('notified');
    expect((await store.history('R-AAAAAA')).map((h) => h.type)).toEqual([
      'submitted',
      'alert-sent',
      'routed',
      'alert-sent',
      'notified',
    ]);
    expect(await store.alertSent('a1')).toBe(true);
    expect(await store.alertSent('a2')).toBe(true);
    expect(await store.alertSent('a3')).toBe(false);
  });

  it('closes a taken report only for its owner (openTo), in the same step as the guard on the status', async () => {
    const store = make();
    await store.create(report());
    const e = (type: string) => ({ at: at.toISOString(), type });
    await store.update('R-AAAAAA', { to: 'acknowledged', owner: 'o-sri' }, e('acknowledged'));
    const other = await store.update(
      'R-AAAAAA',
      { from: ['acknowledged'], to: 'resolved', outcome: 'false', owner: 'o-kab', openTo: 'o-kab' },
      e('resolved'),
    );
    expect(other).toEqual({ applied: false, before: 'acknowledged' });
    expect(await store.get('R-AAAAAA')).toMatchObject({ status: 'acknowledged', owner: 'o-sri' });
    const owner = await store.update(
      'R-AAAAAA',
      { from: ['acknowledged'], to: 'resolved', outcome: 'warned', owner: 'o-sri', openTo: 'o-sri' },
      e('resolved'),
    );
    expect(owner).toEqual({ applied: true, before: 'acknowledged' });
    expect((await store.history('R-AAAAAA')).map((h) => h.type)).toEqual([
      'submitted',
      'acknowledged',
      'resolved',
    ]);
  });

  it('keeps refused actions in a capped audit log apart from the history, without touching the report', async () => {
    const store = make();
    await store.create(report());
    const before = await store.get('R-AAAAAA');
    for (let i = 0; i < AUDIT_KEPT + 5; i++)
      await store.audit('R-AAAAAA', { at: at.toISOString(), type: 'refused', reason: `try ${String(i)}` });
    const audit = await store.auditLog('R-AAAAAA');
    expect(audit).toHaveLength(AUDIT_KEPT);
    expect(audit[0]?.reason).toBe('try 5');
    expect(audit.at(-1)?.reason).toBe(`try ${String(AUDIT_KEPT + 4)}`);
    expect((await store.history('R-AAAAAA')).map((h) => h.type)).toEqual(['submitted']);
    expect(await store.get('R-AAAAAA')).toEqual(before);
  });
});
