import { createServer } from 'node:net';
import { makeWASocket } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startWhatsApp } from '../../../src/channels/whatsapp/start.js';
import type { Engine } from '../../../src/core/engine.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { realCallCentre } from '../../helpers/engine.js';
import { testRedis } from '../../helpers/redis.js';
import { createKeys } from '../../../src/storage/keys.js';
import { whatsAppRedisParts } from '../../../src/main/channel-parts.js';

/** A loopback port with nothing listening: every connection attempt fails at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("WhatsApp channel on Baileys' real makeWASocket (loopback only)", () => {
  const ctx = testRedis();
  afterAll(() => ctx.cleanup());

  it('builds real sockets from its options, and reconnects with backoff while WhatsApp cannot be reached', async () => {
    const port = await closedPort();
    let made = 0;
    const engine: Engine = { handle: () => Promise.reject(new Error('no messages expected')) };
    const result = await startWhatsApp({
      redis: ctx.redis,
      engine,
      translator: createTranslator('locales'),
      callCentre: realCallCentre(),
      logger: pino({ level: 'silent' }),
      parts: whatsAppRedisParts(ctx.redis, createKeys(ctx.prefix), 'real'),
      config: {
        account: 'real',
        sendIntervalMs: 1000,
        sendJitterMs: 0,
        groups: [],
        mediaMaxBytes: 1024,
        libLogLevel: 'silent',
      },
      makeSocket: (config) => {
        made++;
        return makeWASocket(config);
      },
      socketOptions: { waWebSocketUrl: `ws://127.0.0.1:${port}/ws/chat`, connectTimeoutMs: 2000 },
      terminal: { write: () => true } as unknown as NodeJS.WritableStream,
      leaseWaitMs: 0,
      backoff: { baseMs: 50, maxMs: 200, stableMs: 10_000 },
    });
    if (!result.ok) throw new Error(result.reason);
    await vi.waitFor(() => expect(made).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(result.channel.health()).toMatchObject({ healthy: true, ready: false });
    expect(result.channel.health().reconnects).toBeGreaterThanOrEqual(2);
    await result.channel.stop();
    const after = made;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(made).toBe(after);
    expect(result.channel.health().status).toBe('stopped');
  });
});
