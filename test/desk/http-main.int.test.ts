import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisOfficerDirectory } from '../../src/officers/redis-officer-directory.js';
import { officerKeys } from '../../src/storage/keys.js';
import { browser } from '../helpers/desk-server.js';
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/redis-server.js';
import { testRedis } from '../helpers/redis.js';
import { MALANG, officer } from '../helpers/report-script.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
const CHAT = 7_700_123;

let child: ChildProcess | undefined;
let api: FakeBotApi | undefined;
const redis = testRedis();
afterAll(async () => {
  const running = child;
  if (running && running.exitCode === null) {
    const closed = new Promise((r) => running.once('close', r));
    running.kill('SIGTERM');
    const late = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await closed;
    clearTimeout(late);
  }
  await api?.close();
  await redis.cleanup();
});

describe('the bot serves the desk (src/main.ts with DESK_ENABLED)', () => {
  it('mounts /desk on its HTTP server and sends the sign-in code through the Telegram channel', async () => {
    const prefix = `desk${randomUUID().slice(0, 6)}:`;
    await new RedisOfficerDirectory(redis.redis, officerKeys(prefix)).save({
      ...officer('okabmalng2', 'district', MALANG, `telegram:${CHAT}`),
      name: 'Pak Hadi',
    });
    api = await startFakeBotApi();
    const port = await freePort();
    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        REPORT_WORKERS: 'false',
        DESK_ENABLED: 'true',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const res = await fetch(`${base}/readyz`).catch(() => undefined);
      if (res?.status === 200) break;
      if (i > 1200) throw new Error(`not ready: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const b = browser(base);
    expect((await b.get('/desk')).location).toBe('/desk/sign-in');
    const form = await b.get('/desk/sign-in');
    expect((await b.post('/desk/sign-in', { who: String(CHAT), _csrf: b.csrfIn(form.text) })).location).toBe(
      '/desk/code?n=sent',
    );
    const sent = api.sent().find((c) => c.payload.chat_id === CHAT);
    const text = sent?.payload.text;
    const code = /\b(\d{6})\b/.exec(typeof text === 'string' ? text : '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const page = await b.get('/desk/code');
    expect((await b.post('/desk/code', { code, _csrf: b.csrfIn(page.text) })).location).toBe('/desk');
    const home = await b.get('/desk');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Pak Hadi');
    // The rest of the HTTP server is as before.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }, 120_000);
});
