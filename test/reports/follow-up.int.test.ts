import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import {
  failedBeforeSending,
  jobIds,
  routeJob,
  type AlertJob,
  type JobQueue,
} from '../../src/reports/jobs.js';
import { createPipeline } from '../../src/reports/pipeline.js';
import { createReportMessages } from '../../src/reports/report-messages.js';
import type { ReportStore } from '../../src/reports/report-store.js';
import { createKeys } from '../../src/storage/keys.js';
import { recordingSender, silentLogger, testVillages } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { TERNYANG, officer } from '../helpers/report-script.js';

type Harness = Awaited<ReturnType<typeof startRedisReports>>;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

const first = { made: 0, final: false, interrupted: false };
/** Run again after its worker died. */
const afterCrash = { made: 0, final: false, interrupted: true };

async function routedReport() {
  const sender = recordingSender();
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const h = await startRedisReports({ prefix, sender, workers: false });
  open.push(h);
  const notices = new Queue('notify', { connection: h.redis, prefix: createKeys(prefix).bull });
  open.push(notices);
  await h.officers.save(officer('desa', 'village', TERNYANG));
  const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
  const code = res.type === 'received' ? res.code : '';
  await h.pipeline.processors.route({ code }, first);
  const job: AlertJob = { code, officer: 'desa', level: 'village', kind: 'report' };
  const noticeQueued = async () => (await notices.getJob(`notify-${code}-notified`)) !== undefined;
  return { h, sender, code, job, noticeQueued };
}

/** The harness's pipeline with another store or queue. */
function pipelineWith(
  h: Harness,
  over: { store?: ReportStore; queue?: JobQueue },
  sender = recordingSender(),
) {
  return createPipeline({
    store: over.store ?? h.store,
    officers: h.officers,
    queue: over.queue ?? h.queue,
    senders: { telegram: sender, console: sender },
    messages: createReportMessages(createTranslator('locales')),
    villages: testVillages(),
    clock: { now: () => new Date() },
    logger: silentLogger,
    escalateAfterMs: 3_600_000,
  });
}

describe("the reporter's notice after the first alert is never lost (fault test finding)", () => {
  it('an alert sent and recorded whose notice could not be queued (Redis gone) queues it when its job runs again', async () => {
    const { h, job, noticeQueued } = await routedReport();
    const sender = recordingSender();
    const noNotices: JobQueue = {
      add: (jobs) =>
        jobs.some((j) => j.name === 'notify')
          ? Promise.reject(new Error('Connection is closed.'))
          : h.queue.add(jobs),
    };
    await expect(pipelineWith(h, { queue: noNotices }, sender).processors.alert(job, first)).rejects.toThrow(
      'Connection is closed.',
    );
    expect(sender.sent).toHaveLength(1);
    expect((await h.store.get(job.code))?.status).toBe('notified');
    expect(await noticeQueued()).toBe(false);

    // The retry finds the alert sent: nothing goes out again, and the notice is queued now.
    expect(await pipelineWith(h, {}, sender).processors.alert(job, { ...first, made: 1 })).toBe('skipped');
    expect(sender.sent).toHaveLength(1);
    expect(await noticeQueued()).toBe(true);
  });

  it('the same after a worker crash between the record and the notice', async () => {
    const { h, job, noticeQueued } = await routedReport();
    const crashing: JobQueue = {
      add: (jobs) =>
        jobs.some((j) => j.name === 'notify') ? new Promise(() => undefined) : h.queue.add(jobs),
    };
    // The worker "dies" while queuing the notice: the promise never settles.
    void pipelineWith(h, { queue: crashing }).processors.alert(job, first);
    await until(async () => (await h.store.get(job.code))?.status === 'notified');
    expect(await noticeQueued()).toBe(false);
    expect(await h.pipeline.processors.alert(job, afterCrash)).toBe('skipped');
    expect(await noticeQueued()).toBe(true);
  });

  it("a record whose answer was lost (Redis ran it, then the connection dropped) still queues the notice on the write's retry", async () => {
    const { h, sender, job, noticeQueued } = await routedReport();
    let dropped = false;
    const answerLost = new Proxy(h.store, {
      get(target, name, receiver) {
        if (name !== 'completeAlert') return Reflect.get(target, name, receiver) as unknown;
        return async (...args: Parameters<ReportStore['completeAlert']>) => {
          const result = await target.completeAlert(...args);
          if (dropped) return result;
          dropped = true;
          throw new Error('Connection is closed.');
        };
      },
    });
    expect(await pipelineWith(h, { store: answerLost }, sender).processors.alert(job, first)).toBe('sent');
    expect(dropped).toBe(true);
    expect(sender.sent).toHaveLength(1);
    expect(await noticeQueued()).toBe(true);
  });

  it('a notice or a relayed message sent again after a crash says it may be a repeat, as alerts do', async () => {
    const { h, sender, code } = await routedReport();
    const repeat = 'mungkin sudah Anda terima';
    await h.pipeline.processors.notify({ code, status: 'routed' }, first);
    await h.pipeline.processors.notify({ code, status: 'notified' }, afterCrash);
    await h.pipeline.processors.message({ code, to: 'desa', kind: 'taken', text: 'Bu Sri', seq: 1 }, first);
    await h.pipeline.processors.message(
      { code, to: 'desa', kind: 'taken', text: 'Bu Sri', seq: 2 },
      afterCrash,
    );
    const marked = sender.sent.map((s) => s.messages.some((m) => m.body.includes(repeat)));
    expect(sender.sent.map((s) => s.address)).toEqual([
      'telegram:9001',
      'telegram:9001',
      'console:desa',
      'console:desa',
    ]);
    expect(marked).toEqual([false, true, false, true]);
  });
});

describe('an alert of a report not routed yet', () => {
  // As when Redis stopped between the intake's alert adds and its routing (src/reports/redis-report-intake.ts).
  it('an alert that runs before the route landed sends nothing and is tried again, unmarked; after it, it goes out', async () => {
    const sender = recordingSender();
    const prefix = `test:${randomUUID().slice(0, 8)}:`;
    const h = await startRedisReports({ prefix, sender, workers: false });
    open.push(h);
    const alerts = new Queue('alert-console', { connection: h.redis, prefix: createKeys(prefix).bull });
    open.push(alerts);
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const details = sampleDetails();
    const createdAt = new Date();
    await h.store.create({
      code: 'R-EARLY2',
      reporter: sampleReporter(),
      draftKey: '1',
      details,
      createdAt,
      perDay: 5,
    });
    const job: AlertJob = {
      code: 'R-EARLY2',
      officer: 'desa',
      level: 'village',
      kind: 'report',
      filed: createdAt.toISOString(),
    };

    const early = await h.pipeline.processors.alert(job, first).catch((err: unknown) => err);
    expect(early).toBeInstanceOf(Error);
    // Nothing went out: the retry is not "may be a repeat".
    expect(failedBeforeSending((early as Error).message)).toBe(true);
    expect(sender.sent).toHaveLength(0);

    await h.pipeline.processors.route(routeJob('R-EARLY2', details).data, first);
    expect((await h.store.get('R-EARLY2'))?.status).toBe('routed');
    expect(await alerts.getJob(jobIds.alert(job))).toBeDefined();
    expect(await h.pipeline.processors.alert(job, { ...first, made: 1 })).toBe('sent');
    expect((await h.store.get('R-EARLY2'))?.status).toBe('notified');
    expect(sender.sent.map((s) => s.address)).toEqual(['console:desa']);
  });
});
