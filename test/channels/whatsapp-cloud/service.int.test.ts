import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphApi, type FakeGraphApi } from '../../helpers/fake-graph-api.js';
import { testRedis } from '../../helpers/redis.js';
import { freePort } from '../../helpers/redis-server.js';
import { runMain } from '../../helpers/run-main.js';
import { httpCall, messageBody, PHONE_ID, TOKEN, APP_SECRET, VERIFY_TOKEN } from './harness.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/signature.js';

const USER = '6281234567900';

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the bot in service mode with WHATSAPP_PROVIDER=cloud (fake Graph API, real Redis)', () => {
  let graph: FakeGraphApi;
  const redis = testRedis();
  beforeAll(async () => {
    graph = await startFakeGraphApi({ phoneNumberId: PHONE_ID, token: TOKEN });
  });
  afterAll(async () => {
    await graph.close();
    await redis.cleanup();
  });

  const env = (port: number) => ({
    PATH: process.env.PATH ?? '',
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: redis.prefix,
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
    WHATSAPP_ENABLED: 'true',
    WHATSAPP_PROVIDER: 'cloud',
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
    WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
    GRAPH_API_ROOT: graph.root,
  });

  it('refuses to start without the Cloud settings, one line each, exit code 2 (configuration)', async () => {
    const run = await runMain([], {
      REDIS_URL: inject('redisUrl'),
      WHATSAPP_ENABLED: 'true',
      WHATSAPP_PROVIDER: 'cloud',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('WHATSAPP_CLOUD_ACCESS_TOKEN: required with WHATSAPP_PROVIDER=cloud');
  });

  it('serves the webhook on the HTTP server, answers through the Graph API and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: env(port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      // /readyz answers before the channels have started; the webhook is mounted when WhatsApp is up.
      const verifyPath = `/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=77`;
      let verify = { status: 0, text: '' };
      await until(
        async () => {
          verify = await httpCall(port, 'GET', verifyPath).catch(() => ({ status: 0, text: '' }));
          return verify.status !== 0 && verify.status !== 404;
        },
        45_000,
        `the webhook (${out})`,
      );
      expect(verify, out).toEqual({ status: 200, text: '77' });
      const body = messageBody(USER, { type: 'text', text: { body: 'halo' } }, new Date());
      const forged = await httpCall(port, 'POST', '/whatsapp/webhook', body, {
        'x-hub-signature-256': signBody(body, 'another-app-secret'),
      });
      expect(forged.status).toBe(401);
      const posted = await httpCall(port, 'POST', '/whatsapp/webhook', body, {
        'x-hub-signature-256': signBody(body, APP_SECRET),
      });
      expect(posted.status).toBe(200);
      await until(() => graph.sent.some((m) => m.to === USER), 20_000, 'a reply');
      expect(graph.unauthorised).toBe(0);
      const metrics = await httpCall(port, 'GET', '/metrics');
      expect(metrics.text).toContain('demimas_whatsapp_cloud_statuses_total');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 90_000);
});
