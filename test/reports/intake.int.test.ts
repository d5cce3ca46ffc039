import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { officerKeys } from '../../src/officers/redis-officer-directory.js';
import { routeJob } from '../../src/reports/jobs.js';
import { reportKeys } from '../../src/reports/keys.js';
import { redisAreaRouter } from '../../src/reports/redis-area-route.js';
import { redisReportIntake } from '../../src/reports/redis-report-intake.js';
import { createKeys } from '../../src/storage/keys.js';
import { recordingSender } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

/**
 * A new report is routed as it is stored when its first level has officers: the create, their alert
 * jobs and the route script in one write (src/reports/redis-report-intake.ts). With nobody there, the
 * record and its route job are written together. Either way the jobs are queued whatever the create
 * answered: a job whose create stored nothing must do nothing, and must never touch another report
 * that holds the same code.
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
  const alerts = new Queue('alert-console', { connection: h.redis, prefix: createKeys(prefix).bull });
  open.push(h, routes, alerts);
  /** The data of a route job, queued or kept. */
  const routeJobData = async (id: string) => (await routes.getJob(id))?.data as unknown;
  /** The data of an alert job to a console address, queued or kept. */
  const alertJobData = async (id: string) => (await alerts.getJob(id))?.data as unknown;
  return { h, sender, prefix, routeJobData, alertJobData };
}

const first = { made: 0, final: false, interrupted: false };

/** MONITOR's view of the commands clients send (scripts' own commands left out), and the server's reads. */
async function watch(h: Harness) {
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
  return {
    /** Reads since the watch began, less the one asking. */
    reads: async () => (await reads()) - before - 1,
    commands: () => seen.filter((c) => c !== 'info'),
    stop() {
      monitor.disconnect();
      probe.disconnect();
    },
  };
}

/** A second submit (the first loaded the scripts), with MONITOR and the server's reads watching it. */
async function secondSubmitWatched(h: Harness) {
  await h.desk.submit({ reporter: sampleReporter(), draftKey: '0', details: sampleDetails() });
  const w = await watch(h);
  const res = await h.desk.submit({
    reporter: sampleReporter('telegram:9002'),
    draftKey: '1',
    details: sampleDetails(),
  });
  return { res, w };
}

describe('a new report with officers at its first level', () => {
  it('is routed as it is stored: status routed, its alerts queued with the filing time, no route job', async () => {
    const { h, routeJobData, alertJobData } = await harness({ workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    const record = await h.store.get(code);
    expect(record).toMatchObject({ status: 'routed', level: 'village', area: TERNYANG });
    expect(await h.store.history(code)).toMatchObject([
      { type: 'submitted' },
      {
        type: 'routed',
        level: 'village',
        officers: ['desa'],
        reason: `village ${TERNYANG} has 1 officer(s)`,
      },
    ]);
    expect(await h.store.waitingSince(new Date(Date.now() + 1000))).toEqual([code]);
    expect(await alertJobData(`alert-${code}-desa-village-report`)).toEqual({
      code,
      officer: 'desa',
      level: 'village',
      kind: 'report',
      filed: record?.createdAt,
    });
    expect(await routeJobData(`route-${code}`)).toBeUndefined();
  });

  it('starts at the district when the reporter asked to bypass the village, and says so', async () => {
    const { h } = await harness({ workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    await h.officers.save(officer('kab', 'district', MALANG));
    const res = await h.desk.submit({
      reporter: sampleReporter(),
      draftKey: '1',
      details: sampleDetails({ bypassVillage: true }),
    });
    const code = res.type === 'received' ? res.code : '';
    expect(await h.store.get(code)).toMatchObject({ status: 'routed', level: 'district', area: MALANG });
    expect((await h.store.history(code))[1]).toMatchObject({
      type: 'routed',
      reason: `reporter asked to bypass the village; district ${MALANG} has 1 officer(s)`,
    });
  });

  it('takes three round trips: the officers read, the create, then one write with the alert add and the routing', async () => {
    // A redis-server of its own: the read count is the server's, and other test files share theirs.
    const server = await startRedisServer();
    servers.push(server);
    const { h } = await harness({ workers: false, url: server.url });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const { res, w } = await secondSubmitWatched(h);
    expect(await w.reads()).toBe(3);
    w.stop();
    expect(res.type).toBe('received');
    // Create script; then BullMQ's add script and the route script, run in the order sent.
    expect(w.commands()).toEqual(['hgetall', 'evalsha', 'evalsha', 'evalsha']);
    expect((await h.store.get(res.type === 'received' ? res.code : ''))?.status).toBe('routed');
  });

  it('the same draft again is the same report, routed and alerted once', async () => {
    const { h, sender } = await harness();
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const req = { reporter: sampleReporter(), draftKey: '1', details: sampleDetails() };
    const res = await h.desk.submit(req);
    const code = res.type === 'received' ? res.code : '';
    await until(async () => (await h.store.get(code))?.status === 'notified');
    expect(await h.desk.submit(req)).toEqual(res);
    await until(async () => (await h.queue.busy()) === 0);
    expect(sender.sent.filter((s) => s.address === 'console:desa')).toHaveLength(1);
    expect((await h.store.history(code)).filter((e) => e.type === 'routed')).toHaveLength(1);
    expect(await h.store.codesByStatus('failed')).toEqual([]);
  });

  it('an alert queued with a create that stored nothing sends nothing: no report, or another report with the code', async () => {
    const { h, sender } = await harness({ workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const alert = (code: string) => ({
      code,
      officer: 'desa',
      level: 'village' as const,
      kind: 'report' as const,
      filed: new Date().toISOString(),
    });
    await expect(h.pipeline.processors.alert(alert('R-MMMMMM'), first)).resolves.toBe('skipped');
    // A report routed long ago holds the code a later, refused create drew.
    await h.store.create({
      code: 'R-AAAAAA',
      reporter: sampleReporter(),
      draftKey: 'old',
      details: sampleDetails(),
      createdAt: new Date(Date.now() - 86_400_000),
      perDay: 5,
    });
    const at = new Date().toISOString();
    await h.store.update('R-AAAAAA', { from: ['submitted'], to: 'routed' }, { at, type: 'routed' });
    await expect(h.pipeline.processors.alert(alert('R-AAAAAA'), first)).resolves.toBe('skipped');
    expect(sender.sent).toEqual([]);
    expect((await h.store.history('R-AAAAAA')).map((e) => e.type)).toEqual(['submitted', 'routed']);
  });

  it('everyone at its first level left between the read and the write: it stays submitted and its route job looks further up', async () => {
    const { h, prefix, routeJobData } = await harness({ workers: false });
    const gone = officer('desa', 'village', TERNYANG);
    await h.officers.save(officer('kab', 'district', MALANG));
    // The read still sees the officer who has just left.
    const intake = redisReportIntake({
      store: h.store,
      queue: h.queue,
      officers: {
        get: (id) => h.officers.get(id),
        byAddress: (address) => h.officers.byAddress(address),
        forArea: () => Promise.resolve([gone]),
        save: (o) => h.officers.save(o),
        list: () => h.officers.list(),
      },
      routeArea: redisAreaRouter(h.redis, reportKeys(prefix), officerKeys(prefix)),
    });
    const filed = new Date();
    const created = await intake(
      {
        code: 'R-CCCCCC',
        reporter: sampleReporter(),
        draftKey: '1',
        details: sampleDetails(),
        createdAt: filed,
        perDay: 5,
      },
      routeJob('R-CCCCCC', { ...sampleDetails(), filed: filed.toISOString() }),
    );
    expect(created).toEqual({ type: 'created', code: 'R-CCCCCC' });
    expect((await h.store.get('R-CCCCCC'))?.status).toBe('submitted');
    expect(await routeJobData('route-R-CCCCCC')).toMatchObject({ code: 'R-CCCCCC', village: TERNYANG });
    await h.pipeline.processors.route({ code: 'R-CCCCCC' }, first);
    expect(await h.store.get('R-CCCCCC')).toMatchObject({ status: 'routed', level: 'district' });
  });
});

describe('a new report with nobody at its first level, and its route job', () => {
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

  it('are sent together after the officers read: the create script first, then the job add, in one write', async () => {
    // A redis-server of its own: the read count is the server's, and other test files share theirs.
    const server = await startRedisServer();
    servers.push(server);
    const { h } = await harness({ workers: false, url: server.url });
    const { res, w } = await secondSubmitWatched(h);
    expect(await w.reads()).toBe(2);
    w.stop();
    expect(res.type).toBe('received');
    expect(w.commands()).toEqual(['hgetall', 'evalsha', 'evalsha']);
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
