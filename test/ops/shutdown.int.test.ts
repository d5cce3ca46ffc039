import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startFakeBotApi, textUpdate, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { createKeys } from '../../src/storage/keys.js';
import { testRedis } from '../helpers/redis.js';
import { freePort } from '../helpers/redis-server.js';
import { reportLines } from '../helpers/report-script.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
const USERS = 8;
const FIRST_CHAT = 7_100_000;

/**
 * A pass-through to the fake Bot API that can hold `sendMessage` calls for a while, so a signal is
 * sure to arrive while a batch of report submissions is being answered.
 */
async function slowProxy(target: string): Promise<{ root: string; delayMs: number; close(): Promise<void> }> {
  const state = { delayMs: 0 };
  const held = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (req.url?.endsWith('/sendMessage') && state.delayMs > 0) {
        await new Promise<void>((resolve) => {
          const release = () => {
            clearTimeout(timer);
            held.delete(release);
            resolve();
          };
          const timer = setTimeout(release, state.delayMs);
          held.add(release);
        });
      }
      const upstream = await fetch(`${target}${req.url ?? ''}`, {
        method: req.method ?? 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    root: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of [...held]) release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

interface Bot {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly stdout: () => string;
  readonly port: number;
}

async function startBot(apiRoot: string, prefix: string): Promise<Bot> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: prefix,
      HTTP_PORT: String(port),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, stdout: () => stdout, port };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const chats = Array.from({ length: USERS }, (_, i) => FIRST_CHAT + i);
const textTo = (api: FakeBotApi, chat: number) =>
  api
    .sent()
    .filter((c) => c.payload.chat_id === chat)
    .map((c) => String(c.payload.text));

/** Every user walks the report wizard up to the review screen (not sent yet). */
async function toReview(api: FakeBotApi): Promise<void> {
  for (const line of reportLines()) for (const chat of chats) api.push(textUpdate(chat, line));
  await until(
    () => chats.every((chat) => textTo(api, chat).some((t) => t.includes('Periksa laporan Anda'))),
    60_000,
    'every user at the review screen',
  );
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups = [];
});

/** The bot on its own Redis prefix behind a slow Bot API proxy, every user at the review screen. */
async function botAtReview() {
  const api = await startFakeBotApi();
  const proxy = await slowProxy(api.apiRoot);
  const { redis, prefix, cleanup } = testRedis();
  cleanups.push(
    () => api.close(),
    () => proxy.close(),
    cleanup,
  );
  const bot = await startBot(proxy.root, prefix);
  cleanups.push(async () => {
    bot.child.kill('SIGKILL');
    await bot.exited;
  });
  await toReview(api);
  return { api, proxy, redis, prefix, bot };
}

describe('graceful shutdown of the bot process (SIGTERM during report submissions)', () => {
  it('finishes the submissions taken: every report told "received" is in Redis with its route job', async () => {
    const { api, proxy, redis, prefix, bot } = await botAtReview();
    const health = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    expect(health.status).toBe(200);

    // Each reply now takes 150 ms to go out: the batch of submissions takes over a second.
    proxy.delayMs = 150;
    const before = api.sent().length;
    for (const chat of chats) api.push(textUpdate(chat, '1'));
    // The first answer is out, the others are still being submitted or answered.
    await until(() => api.sent().length > before, 10_000, 'a first submission');
    bot.child.kill('SIGTERM');
    const answeredAtSignal = chats.filter((chat) =>
      textTo(api, chat).some((t) => t.includes('Laporan diterima')),
    ).length;
    expect(answeredAtSignal).toBeLessThan(USERS);
    // Shutting down: not ready any more, alive until the HTTP server closes last.
    await until(() => bot.stdout().includes('shutting down'), 5000, 'the signal to be taken');
    const during = await fetch(`http://127.0.0.1:${bot.port}/readyz`).catch(() => undefined);
    if (during) expect(during.status).toBe(503);

    expect(await bot.exited).toBe(0);
    const received = chats.map((chat) => textTo(api, chat).find((t) => t.includes('Laporan diterima')));
    // Everything taken before the signal was answered: all the submissions of the batch.
    expect(received.filter(Boolean)).toHaveLength(USERS);
    for (const reply of received) {
      const code = /R-[A-Z0-9]{6}/.exec(reply ?? '')?.[0];
      expect(code).toBeDefined();
      expect(await redis.exists(createKeys(prefix).reports.report(code ?? ''))).toBe(1);
      expect(await redis.exists(`${createKeys(prefix).bull}:route:route-${code ?? ''}`)).toBe(1);
    }
    expect(bot.stdout()).toContain('shutting down');
    expect(bot.stdout()).toMatch(/"msg":"stopped"/);
  }, 90_000);

  it('exits at once with code 130 on a second signal; every report stored has its route job', async () => {
    const { api, proxy, redis, prefix, bot } = await botAtReview();

    // Replies now hang for 20 s: the first signal's orderly stop cannot finish.
    proxy.delayMs = 20_000;
    for (const chat of chats) api.push(textUpdate(chat, '1'));
    // The first submission is stored and its reply is held at the proxy.
    await until(() => api.calls.filter((c) => c.method === 'getUpdates').length > 0, 1000, 'polling');
    await new Promise((r) => setTimeout(r, 500));
    bot.child.kill('SIGTERM');
    await until(() => bot.stdout().includes('shutting down'), 5000, 'the first signal to be taken');
    const sentAt = Date.now();
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(3000);
    expect(bot.stdout()).toContain('second signal: exiting now');
    // Whatever was stored has its route job: the two are written together before "received".
    const [, keys] = await redis.scan(
      '0',
      'MATCH',
      createKeys(prefix).reports.report('R-*'),
      'COUNT',
      10_000,
    );
    const reports = keys.filter((k) => /:R-[A-Z0-9]{6}$/.test(k));
    expect(reports.length).toBeGreaterThan(0);
    for (const key of reports) {
      const code = key.slice(createKeys(prefix).reports.report('').length);
      expect(await redis.exists(`${createKeys(prefix).bull}:route:route-${code}`)).toBe(1);
    }
  }, 90_000);
});
