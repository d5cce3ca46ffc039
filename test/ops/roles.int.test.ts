import { startMainProcess, untilReady, type MainProcess } from '../helpers/main-process.js';
import { randomUUID } from 'node:crypto';
import type { Update } from 'grammy/types';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startRedisReports } from '../helpers/report-harness.js';
import { TERNYANG, officer, reportLines } from '../helpers/report-script.js';
import { recordingSender } from '../helpers/engine.js';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/redis-server.js';
import { runMain } from '../helpers/run-main.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
const SECRET = 'roles-test-secret-0123456789';
const HOOK = 'https://bot.example.org/tg/hook';
const USER = 8_812_001;
const DESA = 5005;

interface Proc extends MainProcess {
  readonly port: number;
}

async function startRole(role: 'bot' | 'worker', env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  return { port, ...startMainProcess({ ROLE: role, HTTP_PORT: String(port), ...env }) };
}

const ready = (p: Proc) => untilReady(p, p.port);

const post = (p: Proc, update: Update) =>
  fetch(`http://127.0.0.1:${p.port}/tg/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });

describe('ROLE=bot and ROLE=worker processes on one Redis (DESIGN §10)', () => {
  const procs: Proc[] = [];
  let api: FakeBotApi | undefined;
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await api?.close();
  });

  it('refuses an unknown role with one line and exit code 2', async () => {
    const run = await runMain([], { ROLE: 'workers' });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('config error: ROLE: expected all, bot or worker');
  });

  it('two bot processes behind a balancer and one worker: every step kept, one answer per update, one alert', async () => {
    const prefix = `roles${randomUUID().slice(0, 6)}:`;
    const fake = await startFakeBotApi();
    api = fake;
    const h = await startRedisReports({ prefix, sender: recordingSender(), workers: false });
    await h.officers.save(officer('desa', 'village', TERNYANG, `telegram:${DESA}`));
    await h.close();
    const shared = {
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
    };
    const web = { TELEGRAM_WEBHOOK_URL: HOOK, TELEGRAM_WEBHOOK_SECRET: SECRET };
    const [a, b, worker] = await Promise.all([
      startRole('bot', { ...shared, ...web }),
      startRole('bot', { ...shared, ...web }),
      startRole('worker', shared),
    ]);
    procs.push(a, b, worker);
    await Promise.all([a, b, worker].map(ready));
    // /readyz says ready only once the channels have started: both bots have set their webhook by then.
    expect(fake.calls.filter((c) => c.method === 'setWebhook')).toHaveLength(2);

    const toUser = () => fake.sent().filter((c) => c.payload.chat_id === USER);
    const lines = [...reportLines({ name: 'Pak Tiga Proses' }), '1'];
    for (const [i, line] of lines.entries()) {
      const before = toUser().length;
      const update = textUpdate(USER, line);
      const first = i % 2 === 0 ? a : b;
      expect((await post(first, update)).status).toBe(200);
      const answered = toUser().length;
      expect(answered).toBeGreaterThan(before);
      // Telegram sends the same update again (its call timed out): the other process drops it.
      expect((await post(first === a ? b : a, update)).status).toBe(200);
      expect(toUser()).toHaveLength(answered);
    }
    const last = String(toUser().at(-1)?.payload.text);
    const code = /R-[A-Z0-9]{6}/.exec(last)?.[0];
    expect(code, last).toBeDefined();

    const alerts = () =>
      fake.sent().filter((c) => c.payload.chat_id === DESA && String(c.payload.text).includes(code ?? '?'));
    for (let i = 0; i < 400 && alerts().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.payload.text).toContain('Pak Tiga Proses');

    // The bots only enqueue (the report is routed as it is stored: its alert job); the worker ran it.
    const metrics = async (p: Proc) => (await fetch(`http://127.0.0.1:${p.port}/metrics`)).text();
    expect(await metrics(worker)).toMatch(/demimas_report_jobs_total\{[^}]*queue="alert"[^}]*\} [1-9]/);
    expect(await metrics(a)).not.toMatch(/demimas_report_jobs_total\{[^}]*\} [1-9]/);

    for (const p of [a, b, worker]) p.child.kill('SIGTERM');
    expect(await Promise.all([a, b, worker].map((p) => p.exited))).toEqual([0, 0, 0]);
    expect([a.stderr(), b.stderr(), worker.stderr()]).toEqual(['', '', '']);
  }, 120_000);
});
