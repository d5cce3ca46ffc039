import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphApi, type FakeGraphApi } from '../../helpers/fake-graph-api.js';
import { testRedis } from '../../helpers/redis.js';
import { runMain } from '../../helpers/run-main.js';
import { startBotProcess, until } from './bot-process.js';
import { httpCall, messageBody, PHONE_ID, TOKEN } from './harness.js';

const USER = '6281234567900';

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
    const bot = await startBotProcess(graph, redis.prefix);
    try {
      const body = messageBody(USER, { type: 'text', text: { body: 'halo' } }, new Date());
      expect((await bot.post(body, 'another-app-secret')).status).toBe(401);
      expect((await bot.post(body)).status).toBe(200);
      await until(() => graph.sent.some((m) => m.to === USER), 20_000, 'a reply');
      expect(graph.unauthorised).toBe(0);
      const metrics = await httpCall(bot.port, 'GET', '/metrics');
      expect(metrics.text).toContain('demimas_whatsapp_cloud_statuses_total');
    } finally {
      expect(await bot.stop('SIGTERM'), bot.output()).toBe(0);
    }
  }, 150_000);
});
