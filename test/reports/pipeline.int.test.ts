import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/message.js';
import { RecipientUnreachable, type MessageSender } from '../../src/core/ports.js';
import { PermanentJobError, routeJob } from '../../src/reports/jobs.js';
import { recordingSender } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';

type Harness = Awaited<ReturnType<typeof startRedisReports>>;
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function harness(sender: MessageSender, opts: Partial<Parameters<typeof startRedisReports>[0]> = {}) {
  const h = await startRedisReports({ prefix: `test:${randomUUID().slice(0, 8)}:`, sender, ...opts });
  open.push(h);
  return h;
}

const titles = (sent: { address: string; messages: OutboundMessage[] }[], address: string) =>
  sent.filter((s) => s.address === address).map((s) => s.messages[0]?.title ?? '');

describe('report pipeline on Redis with BullMQ workers', () => {
  it('routes a submitted report to the village officer, records the history and tells the reporter', async () => {
    const sender = recordingSender();
    const h = await harness(sender);
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    expect(res.type).toBe('received');
    const code = res.type === 'received' ? res.code : '';
    await until(async () => (await h.store.history(code)).some((e) => e.type === 'reporter-told'));
    expect(titles(sender.sent, 'console:desa')).toEqual([`Laporan perekrut mencurigakan ${code}`]);
    expect(titles(sender.sent, 'telegram:9001')).toEqual([`Kabar laporan ${code}`]);
    expect((await h.store.get(code))?.status).toBe('notified');
    expect(await h.desk.status(code, 'telegram:9001')).toMatchObject({
      code,
      status: 'notified',
      level: 'village',
    });
    expect(await h.desk.status(code, 'telegram:9002')).toBeUndefined();
  });

  it('retries a failing sender and delivers the alert once', async () => {
    const sent: string[] = [];
    let failures = 2;
    const sender: MessageSender = {
      send(address) {
        if (address.startsWith('console:') && failures-- > 0)
          return Promise.reject(new Error('502 Bad Gateway'));
        sent.push(address);
        return Promise.resolve();
      },
    };
    const h = await harness(sender);
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await until(async () => (await h.store.get(code))?.status === 'notified');
    expect(sent.filter((a) => a === 'console:desa')).toHaveLength(1);
    const types = (await h.store.history(code)).map((e) => e.type);
    expect(types.filter((t) => t === 'alert-sent')).toHaveLength(1);
    expect(types).not.toContain('alert-sent-again');
  });

  it("sends an unreachable officer's alert to the dead letter and alerts the admins", async () => {
    const sender = recordingSender();
    const failing: MessageSender = {
      send(address, messages) {
        if (address === 'console:gone')
          return Promise.reject(new RecipientUnreachable(address, 'blocked the bot'));
        return sender.send(address, messages);
      },
    };
    const h = await harness(failing);
    await h.officers.save(officer('gone', 'village', TERNYANG));
    await h.officers.save(officer('admin', 'admin', ''));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await until(() => titles(sender.sent, 'console:admin').length > 0);
    expect(titles(sender.sent, 'console:admin')).toEqual([`Gangguan: laporan ${code}`]);
    const types = (await h.store.history(code)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['routed', 'alert-unreachable', 'alert-failed']));
  });

  it('escalates an unacknowledged report to the district, then the admins, and tells the reporter', async () => {
    const sender = recordingSender();
    const h = await harness(sender, { escalateAfterMs: 300 });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    await h.officers.save(officer('kab', 'district', MALANG));
    await h.officers.save(officer('admin', 'admin', ''));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await until(() => titles(sender.sent, 'console:admin').length > 0);
    const escalated = `DITERUSKAN: laporan ${code} belum ditanggapi`;
    expect(titles(sender.sent, 'console:kab').filter((x) => x === escalated)).toHaveLength(1);
    expect(titles(sender.sent, 'console:admin')).toEqual([escalated]);
    // The officers passed over are told, and may still take it.
    await until(() =>
      ['console:desa', 'console:kab'].every((a) =>
        titles(sender.sent, a).includes(`Laporan ${code} diteruskan`),
      ),
    );
    const r = await h.store.get(code);
    expect(r).toMatchObject({ status: 'escalated', level: 'admin' });
    const escalations = (await h.store.history(code)).filter((e) => e.type === 'escalated');
    expect(escalations.map((e) => e.level)).toEqual(['district', 'admin']);
    expect(escalations[0]?.reason).toContain('not acknowledged at village');
    await until(() => titles(sender.sent, 'telegram:9001').length >= 2);
  });

  it('stops escalating once the report is acknowledged', async () => {
    const sender = recordingSender();
    const h = await harness(sender, { escalateAfterMs: 300 });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    await h.officers.save(officer('kab', 'district', MALANG));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await until(async () => (await h.store.get(code))?.status === 'notified');
    await h.store.update(
      code,
      { to: 'acknowledged', owner: 'desa' },
      { at: new Date().toISOString(), type: 'acknowledged', officers: ['desa'] },
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(titles(sender.sent, 'console:kab')).toEqual([]);
  });

  it('labels an alert sent again after an interrupted attempt, but not a retry after a refused send', async () => {
    const sender = recordingSender();
    let refuse = true;
    const flaky: MessageSender = {
      send(address, messages) {
        if (refuse) {
          refuse = false;
          return Promise.reject(new Error('502 Bad Gateway'));
        }
        return sender.send(address, messages);
      },
    };
    const h = await harness(flaky, { workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await h.pipeline.processors.route({ code }, { made: 0, final: false, interrupted: false });
    const alert = { code, officer: 'desa', level: 'village' as const, kind: 'report' as const };
    await expect(
      h.pipeline.processors.alert(alert, { made: 0, final: false, interrupted: false }),
    ).rejects.toThrow('send failed: 502 Bad Gateway');
    // The queue retries after a refused send: not a repeat.
    await h.pipeline.processors.alert(alert, { made: 1, final: false, interrupted: false });
    expect(sender.sent[0]?.messages[0]?.body).not.toContain('mungkin sudah Anda terima');
    // A second alert of the same report whose first attempt's worker died: it says it may be a repeat.
    await h.officers.save(officer('desa2', 'village', TERNYANG));
    const second = { ...alert, officer: 'desa2' };
    await h.pipeline.processors.alert(second, { made: 0, final: false, interrupted: true });
    expect(sender.sent[1]?.messages[0]?.body).toContain('mungkin sudah Anda terima');
    const types = (await h.store.history(code)).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('alert-sent'))).toEqual(['alert-sent', 'alert-sent-again']);
    // Once recorded as sent, running the job again sends nothing.
    await h.pipeline.processors.alert(second, { made: 2, final: false, interrupted: true });
    expect(sender.sent).toHaveLength(2);
  });

  it('keeps a report waiting ("unrouted", not "failed") when nobody at all is registered', async () => {
    const h = await harness(recordingSender());
    const res = await h.desk.submit({ reporter: sampleReporter(), draftKey: '1', details: sampleDetails() });
    const code = res.type === 'received' ? res.code : '';
    await until(async () => (await h.store.get(code))?.status === 'unrouted');
  });

  it('runs a route job twice without alerting twice, and the sweep re-queues a report whose route job was lost', async () => {
    const sender = recordingSender();
    const h = await harness(sender, { workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    // The record is stored but its route job never reached Redis (a crash between the two writes).
    const created = await h.store.create({
      code: 'R-AAAAAA',
      reporter: sampleReporter(),
      draftKey: 'x',
      details: sampleDetails(),
      createdAt: new Date(Date.now() - 120_000),
      perDay: 5,
    });
    expect(created.type).toBe('created');
    expect(await h.pipeline.sweep(60_000)).toBe(1);
    const first = { made: 0, final: false, interrupted: false };
    await h.pipeline.processors.route({ code: 'R-AAAAAA' }, first);
    await h.pipeline.processors.route({ code: 'R-AAAAAA' }, first);
    const alert = { code: 'R-AAAAAA', officer: 'desa', level: 'village' as const, kind: 'report' as const };
    await h.pipeline.processors.alert(alert, first);
    await h.pipeline.processors.alert(alert, first);
    expect(titles(sender.sent, 'console:desa')).toHaveLength(1);
    // The sweep's job has an id of its own (it runs whatever held the first id); a route job added
    // twice is there once.
    await h.queue.add([routeJob('R-AAAAAA'), routeJob('R-AAAAAA')]);
    expect((await h.queue.depths()).route).toBe(2);
  });

  it('routes by the place its job carries (the bypass to the district), and gives up on a report that does not exist', async () => {
    const h = await harness(recordingSender(), { workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG));
    await h.officers.save(officer('kab', 'district', MALANG));
    const details = { ...sampleDetails(), bypassVillage: true };
    await h.store.create({
      code: 'R-AAAAAA',
      reporter: sampleReporter(),
      draftKey: 'x',
      details,
      createdAt: new Date(),
      perDay: 5,
    });
    const first = { made: 0, final: false, interrupted: false };
    const job = routeJob('R-AAAAAA', details);
    expect(job.data).toEqual({ code: 'R-AAAAAA', village: TERNYANG, bypass: true });
    await h.pipeline.processors.route(job.data, first);
    expect(await h.store.get('R-AAAAAA')).toMatchObject({
      status: 'routed',
      level: 'district',
      area: MALANG,
    });
    const routed = (await h.store.history('R-AAAAAA')).find((e) => e.type === 'routed');
    expect(routed).toMatchObject({ officers: ['kab'] });
    expect(routed?.reason).toContain('bypass');

    const missing = routeJob('R-MMMMMM', details);
    await expect(h.pipeline.processors.route(missing.data, first)).rejects.toBeInstanceOf(PermanentJobError);
  });
});
