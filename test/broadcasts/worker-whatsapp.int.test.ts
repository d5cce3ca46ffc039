import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BullBroadcastQueue } from '../../src/broadcasts/bull-broadcasts.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { startWhatsApp, type WhatsAppChannel } from '../../src/channels/whatsapp/start.js';
import { t } from '../../src/core/message.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { realCallCentre } from '../helpers/engine.js';
import { whatsAppRedisParts } from '../../src/main/channel-parts.js';
import { createKeys } from '../../src/storage/keys.js';
import { FakeSocket } from '../channels/whatsapp/fake-socket.js';
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/redis-server.js';
import { testRedis } from '../helpers/redis.js';
import { jobsBroadcast } from './sample-broadcast.js';
import { until, workerProcess, type WorkerProcess } from './worker-process.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
const ACCOUNT = 'wa-pilot';
const TELEGRAM = 12;
const WHATSAPP = 6;
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const parts = testRedis();
let api: FakeBotApi | undefined;
let worker: WorkerProcess | undefined;
let channel: WhatsAppChannel | undefined;
afterAll(async () => {
  await channel?.stop();
  if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
  await api?.close();
  await parts.cleanup();
});

describe('WhatsApp broadcasts from a ROLE=worker process while the number runs elsewhere', () => {
  it('go into the number’s outbox in Redis (none lost, none failed) and the process holding the lease sends each once', async () => {
    const prefix = `${parts.prefix}w${randomUUID().slice(0, 4)}:`;
    const keys = createKeys(prefix);
    const wa = keys.whatsapp(ACCOUNT);
    api = await startFakeBotApi();
    const desk = createSubscriptionDesk(
      new RedisSubscriptionStore(parts.redis, keys.broadcasts),
      { now: () => new Date() },
      createTranslator('locales'),
    );
    const telegram = Array.from({ length: TELEGRAM }, (_, i) => `telegram:${String(810_000 + i)}`);
    const whatsapp = Array.from({ length: WHATSAPP }, (_, i) => `whatsapp:6281300000${String(10 + i)}`);
    for (const address of [...telegram, ...whatsapp]) {
      await desk.subscribe(
        address,
        'id',
        { kind: 'jobs', countries: ['tw'], sectors: [] },
        t('subs.jobsConsent', { country: 'x', sector: 'y' }),
      );
      // They wrote to the number first (the channel records it), so the number may message them.
      if (address.startsWith('whatsapp:')) await parts.redis.zadd(wa.contactable, Date.now(), address);
    }
    const broadcasts = new RedisBroadcastStore(parts.redis, keys.broadcasts);
    const b = jobsBroadcast('jobs-worker-wa');
    await broadcasts.create(b);
    const queue = new BullBroadcastQueue(parts.redis, keys.bull, { attempts: 2, backoffMs: 100 });
    await queue.start(b.id);

    // A worker with WhatsApp configured but not running the number: two tries a job, 100 ms apart,
    // so a delivery it could not hand over would fail for good within the test.
    worker = workerProcess({
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      WHATSAPP_ENABLED: 'true',
      WHATSAPP_ACCOUNT: ACCOUNT,
      BROADCAST_WHATSAPP_PER_MINUTE: '60',
      REPORT_JOB_ATTEMPTS: '2',
      REPORT_RETRY_DELAY_MS: '100',
      HTTP_PORT: String(await freePort()),
    });
    await until(
      async () => {
        const s = await broadcasts.status(b.id);
        return s?.total !== undefined && s.sent === s.total && s.sending === 0;
      },
      60_000,
      'every delivery of the broadcast to be handed over',
    );
    const failed = await queue.depths();
    expect(await broadcasts.status(b.id)).toMatchObject({
      total: TELEGRAM + WHATSAPP,
      sent: TELEGRAM + WHATSAPP,
    });
    expect(failed['broadcast-whatsapp']).toBe(0);
    // Telegram went out from the worker; WhatsApp waits in the number's outbox, one message each.
    const toChats = api.sent().filter((c) => typeof c.payload.chat_id === 'number');
    expect(toChats.map((c) => `telegram:${String(c.payload.chat_id)}`).sort()).toEqual([...telegram].sort());
    for (const address of whatsapp) {
      const waiting = await parts.redis.lrange(wa.outbox.queue(address), 0, -1);
      expect(waiting, address).toHaveLength(1);
      expect(waiting[0]).toContain('Perawat lansia');
    }
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.stderr()).toBe('');

    // The process that runs the number takes its lease and sends what the worker queued, once each.
    const sockets: FakeSocket[] = [];
    const started = await startWhatsApp({
      redis: parts.redis,
      engine: { handle: () => Promise.resolve({ locale: 'id', messages: [] }) },
      translator: createTranslator('locales'),
      callCentre: realCallCentre(),
      logger: { ...silent, child: () => ({ ...silent, level: 'silent' }) } as never,
      parts: whatsAppRedisParts(parts.redis, keys, ACCOUNT),
      config: {
        account: ACCOUNT,
        sendIntervalMs: 0,
        sendJitterMs: 1,
        groups: [],
        mediaMaxBytes: 1024 * 1024,
        libLogLevel: 'silent',
      },
      makeSocket: (cfg) => {
        const s = new FakeSocket(cfg);
        sockets.push(s);
        return s;
      },
      terminal: { write: () => true } as unknown as NodeJS.WritableStream,
      leaseWaitMs: 0,
      idlePollMs: 10,
    });
    if (!started.ok) throw new Error(started.reason);
    channel = started.channel;
    sockets[0]?.open();
    const jids = whatsapp.map((a) => `${a.slice('whatsapp:'.length)}@s.whatsapp.net`).sort();
    await until(() => (sockets[0]?.sent.length ?? 0) >= WHATSAPP, 20_000, 'the outbox to be sent');
    await new Promise((r) => setTimeout(r, 200));
    const sent = sockets[0]?.sent ?? [];
    expect(sent.map((m) => m.jid).sort()).toEqual(jids);
    expect(sent.every((m) => m.text.includes('Perawat lansia'))).toBe(true);
    for (const address of whatsapp) expect(await parts.redis.llen(wa.outbox.queue(address))).toBe(0);
    await queue.close();
  }, 120_000);
});
