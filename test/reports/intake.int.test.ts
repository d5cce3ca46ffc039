import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { routeJob } from '../../src/reports/jobs.js';
import { createKeys } from '../../src/storage/keys.js';
import { recordingSender } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

/**
 * The record and its route job are written in one transaction (src/reports/report-intake.ts), and the
 * job is queued whatever the create answered: a job whose create stored nothing must do nothing, and
 * must never move another report that holds the same code.
 */
type Harness = Awaited<ReturnType<typeof startRedisReports>>;
const open: (Harness | Queue)[] = [];
const servers: RedisServer[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const s of servers.splice(0)) await s.stop();
});

async function harness(opts: Partial<Parameters<typeof startRedisReports>[0]> = {}) {
  const sender = recordingSender();
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const h = await startRedisReports({ prefix, sender, ...opts });
  const routes = new Queue('route', { connection: h.redis, prefix: createKeys(prefix).bull });
  open.push(h, routes);
  /** The data of a route job, queued or kept. */
  const routeJobData = async (id: string) => (await routes.getJob(id))?.data as unknown;
  return { h, sender, routeJobData };
}

const first = { made: 0, final: false, interrupted: false };

describe('a new report and its route job', () => {
  it('are stored together: the route job is queued with the record, carrying when it was filed', async () => {
    const { h, routeJobData } = await harness({ workers: false });
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    const record = await h.store.get(code);
    expect(record?.status).toBe('submitted');
    expect(await routeJobData(`route-${code}`)).toEqual({
      code,
      village: TERNYANG,
      bypass: false,
      filed: record?.createdAt,
    });
  });

  it('are sent together: one round trip, the create script first, then the job add', async () => {
    // A redis-server of its own: the read count below is the server's, and the test run's server is
    // shared by the test files running at the same time.
    const server = await startRedisServer();
    servers.push(server);
    const { h } = await harness({ workers: false, url: server.url });
    await h.desk.submit({ reporter: sampleReporter(), draftKey: '0', details: sampleDetails() });
    const probe = h.redis.duplicate();
    await probe.connect();
    const reads = async () =>
      Number(/^total_reads_processed:(\d+)/m.exec(await probe.info('stats'))?.[1] ?? Number.NaN);
    const monitor = await h.redis.duplicate().monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua') seen.push(String(args[0]).toLowerCase());
    });
    const before = await reads();
    const res = await h.desk.submit({
      reporter: sampleReporter('telegram:9002'),
      draftKey: '1',
      details: sampleDetails(),
    });
    // One read of the submit's commands, one of the INFO asking.
    expect((await reads()) - before).toBe(2);
    expect(res.type).toBe('received');
    monitor.disconnect();
    probe.disconnect();
    expect(seen.filter((c) => c !== 'info')).toEqual(['evalsha', 'evalsha']);
    expect((await h.store.get(res.type === 'received' ? res.code : ''))?.status).toBe('submitted');
  });

  it('a route job whose create stored nothing does nothing: no record, no alert, no failure, no admin told', async () => {
    const { h, sender } = await harness({ workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    await h.officers.save(officer('admin', 'admin', ''));
    const filed = new Date().toISOString();
    for (const details of [sampleDetails(), sampleDetails({ village: '35.07.99.9999' })]) {
      const job = routeJob('R-MMMMMM', { ...details, filed });
      await expect(h.pipeline.processors.route(job.data, first)).resolves.toBeUndefined();
    }
    expect(await h.store.get('R-MMMMMM')).toBeUndefined();
    expect(await h.queue.depths()).toMatchObject({ 'alert-console': 0 });
    expect(sender.sent).toEqual([]);
  });

  it('never moves another report holding the same code (a create refused for a taken code)', async () => {
    const { h } = await harness({ workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    await h.officers.save(officer('kab', 'district', MALANG));
    // A report waiting for an officer, and a later create that drew its code and was refused.
    await h.store.create({
      code: 'R-AAAAAA',
      reporter: sampleReporter(),
      draftKey: 'old',
      details: sampleDetails({ village: '35.07.99.9999' }),
      createdAt: new Date(Date.now() - 86_400_000),
      perDay: 5,
    });
    await h.store.update('R-AAAAAA', { from: ['submitted'], to: 'unrouted' }, { at: '', type: 'unrouted' });
    const later = routeJob('R-AAAAAA', { ...sampleDetails(), filed: new Date().toISOString() });
    await h.pipeline.processors.route(later.data, first);
    const bypass = routeJob('R-AAAAAA', {
      ...sampleDetails({ bypassVillage: true }),
      filed: new Date().toISOString(),
    });
    await h.pipeline.processors.route(bypass.data, first);
    expect(await h.store.get('R-AAAAAA')).toMatchObject({ status: 'unrouted', area: '35.07.99.9999' });
    expect((await h.store.history('R-AAAAAA')).map((e) => e.type)).toEqual(['submitted', 'unrouted']);
  });

  it('a repeat of a phone reported today is linked, and the job queued with it changes nothing', async () => {
    const { h, sender } = await harness();
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await until(async () => (await h.store.get(code))?.status === 'notified');
    const again = await h.desk.submit({
      reporter: sampleReporter(),
      draftKey: '2',
      details: sampleDetails(),
    });
    expect(again).toEqual({ type: 'linked', code });
    await until(async () => (await h.queue.busy()) === 0);
    expect(sender.sent.filter((s) => s.address === 'console:desa')).toHaveLength(1);
    expect((await h.store.history(code)).map((e) => e.type)).not.toContain('failed');
    expect(await h.store.codesByStatus('failed')).toEqual([]);
  });

  it('the sweep routes a stored report whose route job id was taken before it', async () => {
    const { h, routeJobData } = await harness({ workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    // A job queued with a refused create ran under this code and is kept (its id is taken).
    await h.queue.add([routeJob('R-BBBBBB', { ...sampleDetails(), filed: new Date(0).toISOString() })]);
    await h.store.create({
      code: 'R-BBBBBB',
      reporter: sampleReporter(),
      draftKey: 'x',
      details: sampleDetails(),
      createdAt: new Date(Date.now() - 120_000),
      perDay: 5,
    });
    expect(await h.pipeline.sweep(60_000)).toBe(1);
    expect(await routeJobData('route-R-BBBBBB-swept')).toEqual({ code: 'R-BBBBBB' });
  });
});
