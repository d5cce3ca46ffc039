import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullBroadcastQueue } from '../../../src/broadcasts/bull-broadcasts.js';
import { RedisBroadcastStore } from '../../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../../src/broadcasts/redis-subscription-store.js';
import { createCloudState } from '../../../src/channels/whatsapp-cloud/state.js';
import { createKeys } from '../../../src/storage/keys.js';
import { jobsBroadcast } from '../../broadcasts/sample-broadcast.js';
import { recordingSender } from '../../helpers/engine.js';
import { startFakeGraphApi, type FakeGraphApi } from '../../helpers/fake-graph-api.js';
import { startMainProcess, untilReady, type MainProcess } from '../../helpers/main-process.js';
import { freePort } from '../../helpers/redis-server.js';
import { sampleDetails, sampleReporter, startRedisReports } from '../../helpers/report-harness.js';
import { TERNYANG, officer } from '../../helpers/report-script.js';
import { cloudEnv, until } from './bot-process.js';
import { PHONE_ID, TOKEN } from './harness.js';

const HOUR = 3_600_000;
/** Wrote an hour ago: the 24-hour window is open. */
const NEAR = '6281300007001';
/** Wrote 30 hours ago: outside the window, and there is no template registry. */
const FAR = '6281300007002';
/** A subscriber to new jobs in Taiwan who wrote an hour ago. */
const SUBSCRIBER = '6281300007003';

describe('a ROLE=worker process with WHATSAPP_PROVIDER=cloud (fake Graph API, real Redis)', () => {
  let graph: FakeGraphApi;
  const procs: MainProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'demimas-cloud-worker-'));
  beforeAll(async () => {
    graph = await startFakeGraphApi({ phoneNumberId: PHONE_ID, token: TOKEN });
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends report alerts and broadcasts through the Graph API itself; outside the window without a template nothing goes (OutsideWindow)', async () => {
    const prefix = `cw${randomUUID().slice(0, 6)}:`;
    const keys = createKeys(prefix);
    // The bot side: the report desk enqueues; no report workers here (the worker process runs them).
    const h = await startRedisReports({ prefix, sender: recordingSender(), workers: false });
    const state = createCloudState(h.redis, keys.whatsappCloud(PHONE_ID));
    const subscribers = new RedisSubscriptionStore(h.redis, keys.broadcasts);
    const broadcasts = new RedisBroadcastStore(h.redis, keys.broadcasts);
    const queue = new BullBroadcastQueue(h.redis, keys.bull, { attempts: 2, backoffMs: 100 });
    try {
      await h.officers.save(officer('near', 'village', TERNYANG, `whatsapp:${NEAR}`));
      await h.officers.save(officer('far', 'village', TERNYANG, `whatsapp:${FAR}`));
      // As the channel records a received message (src/channels/whatsapp-cloud/channel.ts `turn`).
      await state.wrote(`whatsapp:${NEAR}`, new Date(Date.now() - HOUR));
      await state.wrote(`whatsapp:${FAR}`, new Date(Date.now() - 30 * HOUR));
      await state.wrote(`whatsapp:${SUBSCRIBER}`, new Date(Date.now() - HOUR));

      const port = await freePort();
      const worker = startMainProcess(
        {
          ...cloudEnv(graph, prefix, port),
          ROLE: 'worker',
          // Two tries a job, 100 ms apart: an alert the worker could not send fails for good in the test.
          REPORT_JOB_ATTEMPTS: '2',
          REPORT_RETRY_DELAY_MS: '100',
        },
        undefined,
        { keepStdout: true },
      );
      procs.push(worker);
      await untilReady(worker, port, 90_000);

      const res = await h.desk.submit({
        reporter: sampleReporter('telegram:9001', { updates: false }),
        draftKey: '1',
        details: sampleDetails(),
      });
      const code = res.type === 'received' ? res.code : '';
      expect(code).not.toBe('');
      const history = () => h.store.history(code);
      const ended = (id: string, e: { type: string; officers?: readonly string[] }) =>
        ['alert-sent', 'alert-failed'].includes(e.type) && (e.officers ?? []).includes(id);
      await until(
        async () => {
          const entries = await history();
          return ['near', 'far'].every((id) => entries.some((e) => ended(id, e)));
        },
        60_000,
        () => `both alerts to end (${worker.stdout()})`,
      );
      const entries = await history();
      /** The alert entries of one officer, in order. */
      const of = (id: string) =>
        entries
          .filter((e) => e.type.startsWith('alert-') && (e.officers ?? []).includes(id))
          .map((e) => e.type);

      // In the window: the worker sent the alert as it is (free-form) through the Graph API.
      expect(of('near')).toEqual(['alert-sent']);
      const toNear = graph.sent.filter((m) => m.to === NEAR);
      expect(toNear.length).toBeGreaterThan(0);
      expect(JSON.stringify(toNear.map((m) => m.payload))).toContain(`Laporan perekrut mencurigakan ${code}`);
      expect(toNear.every((m) => m.type !== 'template')).toBe(true);
      expect((await h.store.get(code))?.status).toBe('notified');

      // Outside it, no template: nothing reached the Graph API; the sender said why and the job ended
      // unreachable (no retry can send it until the officer writes).
      expect(graph.sent.filter((m) => m.to === FAR)).toEqual([]);
      expect(of('far')).toEqual(['alert-unreachable', 'alert-failed']);
      expect(worker.stdout()).toContain('not sent: outside the 24-hour window, no template');
      expect(worker.stdout()).toContain('"templateKey":"officer.alert"');
      expect(await state.held(`whatsapp:${FAR}`)).toMatchObject({ payloads: [] });

      // A broadcast to WhatsApp is delivered by the worker too: it no longer waits for a ROLE=all process.
      await subscribers.put({
        address: `whatsapp:${SUBSCRIBER}`,
        locale: 'id',
        topics: {
          jobs: {
            countries: ['tw'],
            sectors: [],
            consent: { at: new Date().toISOString(), wording: 'Ya', locale: 'id' },
          },
        },
      });
      const b = jobsBroadcast(`jobs-${randomUUID().slice(0, 6)}`);
      await broadcasts.create(b);
      await queue.start(b.id);
      await until(
        async () => (await broadcasts.status(b.id))?.sent === 1,
        60_000,
        () => `the broadcast to be sent (${worker.stdout()})`,
      );
      expect(JSON.stringify(graph.sent.filter((m) => m.to === SUBSCRIBER))).toContain('Perawat lansia');
      expect(graph.unauthorised).toBe(0);

      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.stderr()).toBe('');
      // The warning of old ("ROLE=worker does not run the WhatsApp Cloud API") is gone.
      expect(worker.stdout()).not.toContain('does not run the WhatsApp Cloud API');
    } finally {
      await queue.close();
      await h.close();
    }
  }, 150_000);

  it('stops with one line and exit code 1 when the template registry is bad, as the channel does', async () => {
    const file = join(dir, 'templates.yaml');
    writeFileSync(file, 'officer.alert:\n  name: demimas_officer_alert\n');
    const worker = startMainProcess(
      {
        ...cloudEnv(graph, `cw${randomUUID().slice(0, 6)}:`, await freePort()),
        ROLE: 'worker',
        WHATSAPP_CLOUD_TEMPLATES: file,
      },
      undefined,
      { keepStdout: true },
    );
    procs.push(worker);
    const code = await Promise.race([
      worker.exited,
      new Promise((r) => setTimeout(() => r('still running'), 60_000)),
    ]);
    expect(code, worker.stdout() + worker.stderr()).toBe(1);
    const lines = worker
      .stdout()
      .split('\n')
      .filter((l) => l.includes('WHATSAPP_CLOUD_TEMPLATES'));
    expect(lines, worker.stdout()).toHaveLength(1);
    expect(lines[0]).toContain('"level":50');
  }, 90_000);
});
