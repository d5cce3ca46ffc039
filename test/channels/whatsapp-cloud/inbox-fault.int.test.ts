import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsAppCloudKeys } from '../../../src/storage/keys.js';
import { startFakeGraphApi, type FakeGraphApi } from '../../helpers/fake-graph-api.js';
import { testRedis } from '../../helpers/redis.js';
import { startBotProcess, until, type BotProcess } from './bot-process.js';
import { messageBody, PHONE_ID, TOKEN } from './harness.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);
/** A short claim time, so a restarted bot takes over what the killed one held within a second. */
const CLAIM_MS = 1000;

/**
 * Nothing lost (issue 21): the bot (src/main.ts, as in production) is killed with SIGKILL after the
 * webhook answered 200 and before the message was answered; started again on the same Redis, it
 * answers the message, once. The answer is compared with the one a user who sent the same message to
 * a bot that was not killed got.
 */
describe('the Cloud inbox across a killed bot process (real processes, real Redis, fake Graph API)', () => {
  let graph: FakeGraphApi;
  const redis = testRedis();
  const keys = whatsAppCloudKeys(redis.prefix, PHONE_ID);
  const running: BotProcess[] = [];
  const start = async () => {
    const bot = await startBotProcess(graph, redis.prefix, { WHATSAPP_CLOUD_CLAIM_MS: String(CLAIM_MS) });
    running.push(bot);
    return bot;
  };
  const sentTo = (user: string) =>
    graph.sent
      .filter((m) => m.to === user)
      .map((m) => JSON.stringify({ type: m.type, ...m.payload, to: '' }));
  /** Waits until `user` got messages and nothing more came for a while (a repeat would come meanwhile). */
  async function answered(user: string): Promise<string[]> {
    await until(() => sentTo(user).length > 0, 30_000, `an answer to ${user}`);
    let count = 0;
    let quietSince = Date.now();
    await until(
      () => {
        const now = sentTo(user).length;
        if (now !== count) [count, quietSince] = [now, Date.now()];
        return Date.now() - quietSince > 3 * CLAIM_MS;
      },
      30_000,
      `the answers to ${user} to end`,
    );
    return sentTo(user);
  }

  beforeAll(async () => {
    graph = await startFakeGraphApi({ phoneNumberId: PHONE_ID, token: TOKEN });
  });
  afterAll(async () => {
    await Promise.all(running.map((b) => b.stop('SIGKILL')));
    await graph.close();
    await redis.cleanup();
  });

  it('answers a message once after a kill between the 200 and the handling, and a kill while sending', async () => {
    graph.addMedia('m-photo', JPEG, 'image/jpeg');
    const photo = (user: string, id: string) =>
      messageBody(user, { type: 'image', image: { id: 'm-photo', mime_type: 'image/jpeg' } }, new Date(), id);

    // 1. Killed before the handling: the photo's lookup is held, so the engine never got the message.
    const first = await start();
    const held = graph.holdNext('media');
    const body = photo('6281234560001', 'wamid.kill-before');
    expect((await first.post(body)).status).toBe(200);
    await held;
    expect(await first.stop('SIGKILL')).toBeNull();
    expect(sentTo('6281234560001')).toEqual([]);
    expect(await redis.redis.xlen(keys.inbox)).toBe(1);

    const second = await start();
    const resumed = await answered('6281234560001');
    // The same message from someone else, to a bot that is not killed: the same answer.
    expect((await second.post(photo('6281234560002', 'wamid.control-1'))).status).toBe(200);
    expect(await answered('6281234560002')).toEqual(resumed);
    // Meta delivers the first body again: stored once, answered once.
    expect((await second.post(body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3 * CLAIM_MS));
    expect(sentTo('6281234560001')).toEqual(resumed);

    // 2. Killed while sending the answer (the engine had answered): the reply goes out once after the
    // restart.
    const sending = graph.holdNext('send');
    const halo = (user: string, id: string) =>
      messageBody(user, { type: 'text', text: { body: 'halo' } }, new Date(), id);
    expect((await second.post(halo('6281234560003', 'wamid.kill-sending'))).status).toBe(200);
    await sending;
    expect(await second.stop('SIGKILL')).toBeNull();
    expect(sentTo('6281234560003')).toEqual([]);

    const third = await start();
    const afterKill = await answered('6281234560003');
    expect((await third.post(halo('6281234560004', 'wamid.control-2'))).status).toBe(200);
    expect(await answered('6281234560004')).toEqual(afterKill);

    // Everything handled: the inbox is empty, nothing pending.
    await until(async () => (await redis.redis.xlen(keys.inbox)) === 0, 10_000, 'an empty inbox');
    expect(await third.stop('SIGTERM'), third.output()).toBe(0);
  }, 360_000);
});
