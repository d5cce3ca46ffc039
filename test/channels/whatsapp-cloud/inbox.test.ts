import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_TRIES } from '../../../src/channels/whatsapp-cloud/channel.js';
import { createInbox } from '../../../src/channels/whatsapp-cloud/inbox.js';
import { rawEvents } from '../../../src/channels/whatsapp-cloud/to-inbound.js';
import { createWebhook } from '../../../src/channels/whatsapp-cloud/webhook.js';
import type { Engine } from '../../../src/core/engine.js';
import { whatsAppCloudKeys } from '../../../src/storage/keys.js';
import { makeEngine } from '../../helpers/engine.js';
import { testRedis } from '../../helpers/redis.js';
import {
  APP_SECRET,
  httpCall,
  messageBody,
  PHONE_ID,
  startHarness,
  statusBody,
  VERIFY_TOKEN,
  type Harness,
} from './harness.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/signature.js';
import { channelScripts } from '../../../src/main/channel-parts.js';

const CLAIM_MS = 150;
/** Enough failed sends to use up the Graph client's retries (4) once. */
const TEMPORARY = Array.from({ length: 5 }, () => ({ status: 500, code: 1 }));

describe('the Cloud inbox: at least once, handled step by step (real Redis, fake Graph API)', () => {
  const turns: string[] = [];
  const real = makeEngine().engine;
  const engine: Engine = {
    handle(msg) {
      turns.push(msg.text ?? '');
      if (msg.text === 'rusak') return Promise.reject(new Error('engine failure'));
      if (msg.text === 'dua pesan')
        return Promise.resolve({
          locale: 'id',
          messages: [
            { body: 'pesan satu', choices: [] },
            { title: 'Judul', body: 'pesan dua', choices: [] },
          ],
        });
      return real.handle(msg);
    },
  };
  let h: Harness & { cleanupRedis: () => Promise<void> };
  /** What `user` was sent, without the recipient. */
  const texts = (user: string) =>
    h.graph.sent.filter((m) => m.to === user).map((m) => ({ ...m.payload, to: '' }));
  /** Posts a text and waits until the inbox is empty again (handled, or given up). */
  async function say(user: string, text: string, id?: string): Promise<void> {
    expect(
      (await h.post(messageBody(user, { type: 'text', text: { body: text } }, h.clock.now(), id))).status,
    ).toBe(200);
    await vi.waitFor(
      async () => {
        await h.channel.drain();
        expect(await h.inboxSize()).toBe(0);
      },
      { timeout: 10_000, interval: 50 },
    );
  }

  beforeAll(async () => {
    h = await startHarness({ engine, claimMs: CLAIM_MS });
  });
  afterAll(async () => {
    await h.close();
    await h.cleanupRedis();
  });

  it('a send that failed is sent again after the claim time, and the engine is not asked again', async () => {
    h.graph.failSends(...TEMPORARY);
    await say('6281200000001', 'halo');
    await say('6281200000002', 'halo'); // the same message, nothing failing
    expect(turns.filter((t) => t === 'halo')).toHaveLength(2);
    expect(texts('6281200000001')).toEqual(texts('6281200000002'));
    expect(texts('6281200000001').length).toBeGreaterThan(0);
  });

  it('sends only the replies not sent yet: one went out before the failure, the other after', async () => {
    h.graph.failSends(null, ...TEMPORARY);
    await say('6281200000003', 'dua pesan');
    expect(turns.filter((t) => t === 'dua pesan')).toHaveLength(1);
    expect(h.graph.sent.filter((m) => m.to === '6281200000003').map((m) => m.payload.text)).toEqual([
      { body: 'pesan satu', preview_url: false },
      { body: '*Judul*\npesan dua', preview_url: false },
    ]);
  });

  it(`gives up an event that fails ${MAX_TRIES} times: deleted, nothing sent`, async () => {
    turns.length = 0;
    await say('6281200000004', 'rusak');
    expect(turns).toEqual(Array.from({ length: MAX_TRIES }, () => 'rusak'));
    expect(texts('6281200000004')).toEqual([]);
  });

  it('keeps a message once however often it is delivered, and statuses as they come', async () => {
    turns.length = 0;
    const body = messageBody('6281200000005', { type: 'text', text: { body: 'menu' } }, h.clock.now());
    const posts = await Promise.all([h.post(body), h.post(body), h.post(body)]);
    expect(posts.map((p) => p.status)).toEqual([200, 200, 200]);
    await say('6281200000005', 'menu');
    expect(turns).toEqual(['menu', 'menu']);
    await h.post(statusBody('wamid.st-1', 'delivered', '6281200000005'));
    await h.post(statusBody('wamid.st-1', 'read', '6281200000005'));
    await vi.waitFor(async () =>
      expect(await h.state.lastStatus('wamid.st-1')).toMatchObject({ status: 'read' }),
    );
  });
});

describe('the inbox in Redis', () => {
  const ctx = testRedis();
  const keys = whatsAppCloudKeys(ctx.prefix, PHONE_ID);
  const event = (id: string) =>
    rawEvents(
      JSON.parse(messageBody('6281200000009', { type: 'text', text: { body: id } }, new Date(), id)),
      PHONE_ID,
    );
  afterAll(() => ctx.cleanup());

  it('hands an entry to one process; another takes it over only once its claim ran out unrenewed', async () => {
    // Wide margins around the claim time: the machine may be busy.
    const CLAIM = 1000;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const a = createInbox(ctx.redis, keys, CLAIM, channelScripts);
    const b = createInbox(ctx.redis, keys, CLAIM, channelScripts);
    expect(await a.add([...event('wamid.x1'), ...event('wamid.x1')])).toBe(1);
    expect(await a.add(event('wamid.x1'))).toBe(0);
    const [taken] = await a.take();
    expect(taken?.body).toMatchObject({ object: 'whatsapp_business_account' });
    expect(await b.take()).toEqual([]);
    // a renews its claim: b does not take it.
    await sleep(0.6 * CLAIM);
    await a.renew([taken?.id ?? '']);
    await sleep(0.6 * CLAIM);
    expect(await b.take()).toEqual([]);
    // a goes silent: b takes it over, with the progress a left.
    await a.answered(taken?.id ?? '', [{ type: 'text', text: { body: 'x', preview_url: false } }]);
    await a.sent(taken?.id ?? '', 1);
    await sleep(1.2 * CLAIM);
    const [over] = await b.take();
    expect(over?.id).toBe(taken?.id);
    expect(await b.begin(over?.id ?? '')).toEqual({
      tries: 1,
      sent: 1,
      replies: [{ type: 'text', text: { body: 'x', preview_url: false } }],
    });
    // a's late renewal does not take it back.
    const owner = async () =>
      ((await ctx.redis.xpending(keys.inbox, 'bot', '-', '+', 10)) as string[][])[0]?.[1];
    const bName = await owner();
    await a.renew([taken?.id ?? '']);
    expect(await owner()).toBe(bName);
    await b.done(taken?.id ?? '');
    expect(await b.size()).toBe(0);
    expect(await ctx.redis.exists(keys.inboxProgress(taken?.id ?? ''))).toBe(0);
  });

  it('answers 503 when the body cannot be stored (Meta delivers it again), 200 once it is', async () => {
    const { startHttpServer } = await import('../../../src/observability/http-server.js');
    const logger = pino({ level: 'silent' });
    const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger });
    let fail = true;
    const webhook = createWebhook({
      verifyToken: VERIFY_TOKEN,
      appSecret: APP_SECRET,
      onPayload: () => (fail ? Promise.reject(new Error('Redis down')) : Promise.resolve()),
      logger,
    });
    http.route('POST', '/w', (req, res) => webhook.receive(req, res));
    const body = messageBody('6281200000009', { type: 'text', text: { body: 'x' } }, new Date());
    const post = () =>
      httpCall(http.port, 'POST', '/w', body, { 'x-hub-signature-256': signBody(body, APP_SECRET) });
    expect((await post()).status).toBe(503);
    fail = false;
    expect((await post()).status).toBe(200);
    await http.close();
  });
});
