import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { startMainProcess, untilReady, type MainProcess } from '../helpers/main-process.js';
import { recordingSender } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { TERNYANG, officer } from '../helpers/report-script.js';
import { freePort } from '../helpers/redis-server.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
const DESA = 5006;
const REPORTS = 5;

/**
 * Alerts queued while no worker ran (the service was down, or restarting) are waiting when it starts.
 * Its report workers start with the report side, before the channels have set their senders: an alert
 * taken then must wait for its channel, not be given up as "no sender" and sent to the dead letter.
 */
describe('alerts waiting when the service starts', () => {
  let proc: MainProcess | undefined;
  let api: FakeBotApi | undefined;
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await api?.close();
  });

  it('go out once Telegram has started, none given up', { timeout: 60_000 }, async () => {
    const prefix = `atstart${randomUUID().slice(0, 6)}:`;
    const fake = await startFakeBotApi();
    api = fake;
    // Reports filed while no worker ran: each routed as it was stored, its alert job waiting.
    const h = await startRedisReports({ prefix, sender: recordingSender(), workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG, `telegram:${DESA}`));
    const codes: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      const res = await h.desk.submit({
        reporter: sampleReporter(`telegram:${9100 + i}`),
        draftKey: String(i),
        details: sampleDetails({
          recruiter: { name: `Perekrut ${i}`, phones: [`+6281299${String(10_000 + i)}`], company: '' },
        }),
      });
      if (res.type === 'received') codes.push(res.code);
    }
    expect(codes).toHaveLength(REPORTS);

    const port = await freePort();
    proc = startMainProcess({
      ROLE: 'all',
      HTTP_PORT: String(port),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    await untilReady(proc, port);
    const alerts = () =>
      fake.sent().filter((c) => c.payload.chat_id === DESA && /R-[A-Z0-9]{6}/.test(String(c.payload.text)));
    const statusesNow = () => Promise.all(codes.map(async (c) => (await h.store.get(c))?.status));
    // Sent, then recorded: wait for both (the fake API has the message a moment before the report is notified).
    await until(
      async () => alerts().length >= REPORTS && (await statusesNow()).every((s) => s === 'notified'),
      20_000,
    ).catch(() => undefined);
    const statuses = await statusesNow();
    const histories = await Promise.all(codes.map((c) => h.store.history(c)));
    await h.close();
    expect(histories.flat().filter((e) => e.type.startsWith('alert-unreachable'))).toEqual([]);
    expect(statuses).toEqual(codes.map(() => 'notified'));
    expect(alerts()).toHaveLength(REPORTS);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
