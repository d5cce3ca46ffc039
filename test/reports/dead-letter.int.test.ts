import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import type { OfficerDirectory } from '../../src/officers/officer.js';
import { observeJobs } from '../../src/observability/instrument.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createPipeline } from '../../src/reports/pipeline.js';
import { createReportMessages } from '../../src/reports/report-messages.js';
import { recordingSender, silentLogger, testVillages } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports } from '../helpers/report-harness.js';
import { TERNYANG, officer } from '../helpers/report-script.js';

type Harness = Awaited<ReturnType<typeof startRedisReports>>;
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/**
 * A report submitted to Ternyang and its village officer. `officerAfter`: the officer joins after the
 * submit, so the report is stored `submitted` with its route job (else it is routed as it is stored).
 */
async function harness(opts: { officerAfter?: boolean } = {}) {
  const sender = recordingSender();
  const h = await startRedisReports({ prefix: `test:${randomUUID().slice(0, 8)}:`, sender, workers: false });
  open.push(h);
  const desa = officer('desa', 'village', TERNYANG);
  if (!opts.officerAfter) await h.officers.save(desa);
  const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
  if (opts.officerAfter) await h.officers.save(desa);
  return { h, sender, code: res.type === 'received' ? res.code : '' };
}

/** The officers as they are, but every read of an area fails (a Redis replica gone read-only, say). */
const readsFail = (h: Harness): OfficerDirectory => ({
  get: (id) => h.officers.get(id),
  byAddress: (address) => h.officers.byAddress(address),
  forArea: () => Promise.reject(new Error('READONLY replica')),
  save: (o) => h.officers.save(o),
  list: () => h.officers.list(),
});

const first = { made: 0, final: false, interrupted: false };
const last = { made: 4, final: true, interrupted: false };

/** The same pipeline, but every read of officers fails (the job's attempts run out). */
function failingPipeline(h: Harness) {
  return createPipeline({
    store: h.store,
    officers: readsFail(h),
    queue: h.queue,
    senders: {},
    messages: createReportMessages(createTranslator('locales')),
    villages: testVillages(),
    clock: { now: () => new Date() },
    logger: silentLogger,
    escalateAfterMs: 3_600_000,
  });
}

describe('report jobs: a final failure and the metrics tell the truth (issue 17, defect 5)', () => {
  it("the route job's final failure leaves a report an officer already took as it is (guarded on the status)", async () => {
    const { h, code } = await harness();
    await h.pipeline.processors.route({ code }, first);
    const take = await h.officerDesk.act('console:desa', { type: 'ack', code });
    expect(take.type).toBe('done');
    // A retry of the same route job whose reads fail until its attempts run out.
    const failing = failingPipeline(h);
    await expect(
      failing.processors.route({ code, village: TERNYANG, bypass: false }, last),
    ).rejects.toThrow();
    expect(await h.store.get(code)).toMatchObject({ status: 'acknowledged', owner: 'desa' });
  });

  it('a route job that fails for good before anyone took the report still marks it failed', async () => {
    const { h, code } = await harness({ officerAfter: true });
    expect((await h.store.get(code))?.status).toBe('submitted');
    const failing = failingPipeline(h);
    await expect(failing.processors.route({ code }, last)).rejects.toThrow();
    expect((await h.store.get(code))?.status).toBe('failed');
  });

  it('counts an alert as sent once: not again when its job runs again and finds it sent, nor for an inactive officer', async () => {
    const { h, sender, code } = await harness();
    const metrics = createMetrics({ processMetrics: false });
    const processors = observeJobs(h.pipeline.processors, metrics);
    await processors.route({ code }, first);
    const alert = { code, officer: 'desa', level: 'village' as const, kind: 'report' as const };
    await processors.alert(alert, first);
    await processors.alert(alert, { made: 1, final: false, interrupted: true });
    await h.officers.save({ ...officer('gone', 'village', TERNYANG), active: false });
    await processors.alert({ ...alert, officer: 'gone' }, first);
    expect(sender.sent.filter((s) => s.address === 'console:desa')).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toContain('demimas_alerts_sent_total{kind="report"} 1');
    expect(text).toContain('demimas_report_jobs_total{queue="alert",result="done"} 3');
  });
});
