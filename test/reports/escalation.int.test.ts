import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/ports.js';
import type { AreaLevel } from '../../src/core/report.js';
import { recordingSender } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';

type Harness = Awaited<ReturnType<typeof startRedisReports>>;
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

const E = 60 * 60_000;
const T0 = Date.parse('2026-12-01T08:00:00Z');

/** A clock the test moves; the pipeline's history entries and waiting index read it. */
function movingClock(): Clock & { set(ms: number): void } {
  let now = T0;
  return { now: () => new Date(now), set: (ms) => (now = ms) };
}

/**
 * The report side on real Redis and BullMQ workers with a fake clock, no escalation timer (the test
 * looks for due reports itself), and officers at every level of Ternyang.
 */
async function setUp() {
  const clock = movingClock();
  const sender = recordingSender();
  const h = await startRedisReports({
    prefix: `test:${randomUUID().slice(0, 8)}:`,
    sender,
    clock,
    escalateAfterMs: E,
    escalationTimer: false,
  });
  open.push(h);
  await h.officers.save(officer('desa', 'village', TERNYANG));
  await h.officers.save(officer('kab', 'district', MALANG));
  await h.officers.save(officer('prov', 'province', '35'));
  await h.officers.save(officer('admin', 'admin', ''));
  const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
  if (res.type !== 'received') throw new Error(`not received: ${res.type}`);
  const code = res.code;
  await until(async () => (await h.store.get(code))?.status === 'notified');
  const titled = (address: string, title: string) =>
    sender.sent.filter((s) => s.address === address && s.messages[0]?.title === title).length;
  /** Escalation alerts an officer got about the report. */
  const alerted = (address: string) => titled(address, `DITERUSKAN: laporan ${code} belum ditanggapi`);
  /** Notices that it went on past them. */
  const passedOn = (address: string) => titled(address, `Laporan ${code} diteruskan`);
  /**
   * Moves the clock to `ms` and looks for due reports, as the timer does; returns how many it queued
   * once the report is at `level` and its escalate job, if any, has run.
   */
  const tick = async (ms: number, level: AreaLevel) => {
    clock.set(ms);
    const queued = await h.pipeline.escalateDue();
    await until(async () => (await h.store.get(code))?.level === level);
    if (queued > 0) await until(async () => (await h.queue.busy()) === 0);
    return queued;
  };
  return { h, clock, code, alerted, passedOn, tick };
}

const levels = async (h: Harness, code: string) =>
  (await h.store.history(code)).filter((e) => e.type === 'escalated').map((e) => e.level);

describe('escalation on a fake clock', () => {
  it('gives each level its full escalation time, village → district → province → admins, and stops at the top', async () => {
    const { h, code, alerted, passedOn, tick } = await setUp();
    expect(await tick(T0 + E - 1, 'village')).toBe(0);
    expect(await tick(T0 + E, 'district')).toBe(1);
    await until(() => alerted('console:kab') === 1);
    const atDistrict = T0 + E;
    // Just escalated: the district's time starts now, not when the village got it.
    expect(await tick(atDistrict + 1, 'district')).toBe(0);
    expect(await tick(atDistrict + E - 1, 'district')).toBe(0);
    expect(await tick(atDistrict + E, 'province')).toBe(1);
    await until(() => alerted('console:prov') === 1);
    const atProvince = atDistrict + E;
    expect(await tick(atProvince + 1, 'province')).toBe(0);
    expect(await tick(atProvince + E - 1, 'province')).toBe(0);
    expect(await levels(h, code)).toEqual(['district', 'province']);
    expect(await tick(atProvince + E, 'admin')).toBe(1);
    await until(() => alerted('console:admin') === 1);
    const atAdmin = atProvince + E;
    expect(await tick(atAdmin + E - 1, 'admin')).toBe(0);
    // Due at the top: nobody above, so it stops waiting (and stays with the admins).
    expect(await tick(atAdmin + E, 'admin')).toBe(1);
    await until(async () => (await h.store.waitingSince(new Date(atAdmin + 100 * E))).length === 0);
    expect(await tick(atAdmin + 100 * E, 'admin')).toBe(0);
    expect(await levels(h, code)).toEqual(['district', 'province', 'admin']);
    expect(await h.store.get(code)).toMatchObject({ status: 'escalated', level: 'admin' });
    expect([alerted('console:kab'), alerted('console:prov'), alerted('console:admin')]).toEqual([1, 1, 1]);
    await until(() => passedOn('console:prov') === 1);
    expect(['desa', 'kab', 'prov', 'admin'].map((o) => passedOn(`console:${o}`))).toEqual([1, 1, 1, 0]);
  });

  it('never escalates an acknowledged report, at the first level or after an escalation', async () => {
    const first = await setUp();
    const took = await first.h.officerDesk.act('console:desa', { type: 'ack', code: first.code });
    expect(took.type).toBe('done');
    expect(await first.tick(T0 + 100 * E, 'village')).toBe(0);
    expect(await levels(first.h, first.code)).toEqual([]);

    const later = await setUp();
    expect(await later.tick(T0 + E, 'district')).toBe(1);
    const taken = await later.h.officerDesk.act('console:kab', { type: 'ack', code: later.code });
    expect(taken.type).toBe('done');
    expect(await later.tick(T0 + 100 * E, 'district')).toBe(0);
    expect(await levels(later.h, later.code)).toEqual(['district']);
    expect(later.alerted('console:prov')).toBe(0);
  });
});
