import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ReportDesk } from '../../src/core/report.js';
import { observeDesk, observeEngine, observeJobs } from '../../src/observability/instrument.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { makeEngine } from '../helpers/engine.js';
import { reportLines } from '../helpers/report-script.js';

const USER = 'telegram:6281234567890';

/** The value of one sample line (`name{labels} value`) in the exposition text. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('metrics', () => {
  it('counts messages in and out per channel, reply time, and reports submitted by result', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const { reports } = makeEngine();
    // The desk as main.ts wires it: wrapped before the engine gets it.
    const desk = observeDesk(reports.desk, metrics);
    const engine = observeEngine(makeEngine({ reports: desk }).engine, metrics);
    for (const line of [...reportLines(), '1']) {
      await engine.handle({ channel: 'telegram', userKey: USER, text: line, receivedAt: new Date() });
    }
    await engine.handle({
      channel: 'whatsapp',
      userKey: 'whatsapp:6289999',
      text: 'menu',
      receivedAt: new Date(),
    });
    const text = await metrics.registry.metrics();
    const sent = reportLines().length + 1;
    expect(sample(text, 'demimas_messages_in_total{channel="telegram"}')).toBe(sent);
    expect(sample(text, 'demimas_messages_in_total{channel="whatsapp"}')).toBe(1);
    expect(sample(text, 'demimas_messages_in_total{channel="console"}')).toBe(0);
    expect(sample(text, 'demimas_messages_out_total{channel="telegram"}')).toBeGreaterThanOrEqual(sent);
    expect(sample(text, 'demimas_reply_seconds_count{channel="telegram"}')).toBe(sent);
    expect(sample(text, 'demimas_reports_submitted_total{result="received"}')).toBe(1);
    expect(sample(text, 'demimas_reports_submitted_total{result="failed"}')).toBe(0);
    expect(sample(text, 'demimas_turns_in_flight')).toBe(0);

    // No personal data: no user key, phone number, report code, name or typed text anywhere.
    expect(text).not.toMatch(/6281234567890|6289999|R-[A-Z0-9]{6}|Darto|Maju Sejahtera|paspor/);
  });

  it('counts a submit that rejected as failed, and keeps the desk’s other methods', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const failing: ReportDesk = {
      submit: () => Promise.reject(new Error('redis down')),
      status: () => Promise.resolve(undefined),
    };
    const desk = observeDesk(failing, metrics);
    await expect(desk.submit({} as never)).rejects.toThrow('redis down');
    expect(await desk.status('R-XXXXXX', 'telegram:1')).toBeUndefined();
    const text = await metrics.registry.metrics();
    expect(sample(text, 'demimas_reports_submitted_total{result="failed"}')).toBe(1);
  });

  it('counts report jobs done and failed per queue, and alerts by kind', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const seen: unknown[] = [];
    const processors = observeJobs(
      {
        route: (data: { code: string }) => {
          seen.push(data);
          return Promise.resolve();
        },
        alert: (data: { kind: string }) =>
          data.kind === 'report' ? Promise.resolve() : Promise.reject(new Error('send failed')),
      },
      metrics,
    );
    await processors.route({ code: 'R-ABCDEF' });
    await processors.alert({ kind: 'report' });
    await expect(processors.alert({ kind: 'escalated' })).rejects.toThrow('send failed');
    expect(seen).toEqual([{ code: 'R-ABCDEF' }]);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'demimas_report_jobs_total{queue="route",result="done"}')).toBe(1);
    expect(sample(text, 'demimas_report_jobs_total{queue="alert",result="done"}')).toBe(1);
    expect(sample(text, 'demimas_report_jobs_total{queue="alert",result="failed"}')).toBe(1);
    expect(sample(text, 'demimas_alerts_sent_total{kind="report"}')).toBe(1);
    expect(sample(text, 'demimas_alerts_sent_total{kind="escalated"}')).toBe(0);
    expect(text).not.toContain('R-ABCDEF');
  });

  it('records time to acknowledgement, queue depths, and error log lines', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.acknowledged(120);
    metrics.acknowledged(-1);
    metrics.acknowledged(Number.NaN);
    metrics.watchQueues(() => Promise.resolve({ route: 3, 'alert-telegram': 1 }));
    const logger = createLogger({
      level: 'info',
      format: 'json',
      destination: new Writable({ write: (_c, _e, done) => done() }),
      onError: metrics.logged,
    });
    logger.warn({}, 'a warning');
    logger.error({ userKey: USER }, 'something failed');
    logger.fatal({}, 'dying');
    let text = await metrics.registry.metrics();
    expect(sample(text, 'demimas_report_acknowledge_seconds_count')).toBe(1);
    expect(sample(text, 'demimas_report_acknowledge_seconds_bucket{le="300"}')).toBe(1);
    expect(sample(text, 'demimas_report_acknowledge_seconds_bucket{le="60"}')).toBe(0);
    expect(sample(text, 'demimas_queue_depth{queue="route"}')).toBe(3);
    expect(sample(text, 'demimas_queue_depth{queue="alert-telegram"}')).toBe(1);
    expect(sample(text, 'demimas_errors_total{level="error"}')).toBe(1);
    expect(sample(text, 'demimas_errors_total{level="fatal"}')).toBe(1);
    expect(text).not.toContain('6281234567890');

    // Redis down while scraping: the scrape answers, the depths stay, the failure is counted.
    metrics.watchQueues(() => Promise.reject(new Error('redis down')));
    text = await metrics.registry.metrics();
    expect(sample(text, 'demimas_queue_depth{queue="route"}')).toBe(3);
    expect(sample(text, 'demimas_queue_depth_failures_total')).toBe(1);
  });

  it('drains: waits for the turns in flight, including ones that start while waiting', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const release: (() => void)[] = [];
    const slow = {
      handle: () =>
        new Promise<{ locale: 'id'; messages: [] }>((resolve) => {
          release.push(() => resolve({ locale: 'id', messages: [] }));
        }),
    };
    const engine = observeEngine(slow, metrics);
    const msg = { channel: 'console' as const, userKey: 'console:a', text: 'x', receivedAt: new Date() };
    void engine.handle(msg);
    let drained = false;
    const drain = engine.drain().then(() => (drained = true));
    void engine.handle(msg);
    expect(engine.inFlight()).toBe(2);
    release.shift()?.();
    await new Promise((r) => setTimeout(r, 10));
    expect(drained).toBe(false);
    release.shift()?.();
    await drain;
    expect(engine.inFlight()).toBe(0);
  });
});
