import { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createRedisUpdateClaim, type UpdateClaim } from '../../src/channels/telegram/update-claim.js';
import type { Engine } from '../../src/core/engine.js';
import { createKeys } from '../../src/storage/keys.js';
import { makeEngine, silentLogger } from '../helpers/engine.js';
import {
  BOT_INFO,
  buttonUpdate,
  startFakeBotApi,
  textUpdate,
  type FakeBotApi,
} from '../helpers/fake-bot-api.js';
import { testRedis } from '../helpers/redis.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';

/** Two bot processes of one bot (webhooks behind a load balancer): each its own grammY bot and engine. */
describe('Telegram update ids shared by bot processes in Redis', () => {
  let api: FakeBotApi;
  let redis: ReturnType<typeof testRedis>;
  beforeEach(async () => {
    api = await startFakeBotApi();
    redis = testRedis();
  });
  afterEach(async () => {
    await api.close();
    await redis.cleanup();
  });

  function processes(claim: (() => UpdateClaim) | undefined) {
    const handled: string[] = [];
    const make = (name: string) => {
      const inner = makeEngine().engine;
      const engine: Engine = {
        handle: (msg) => {
          handled.push(name);
          return inner.handle(msg);
        },
      };
      const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot }, botInfo: BOT_INFO });
      const made = claim?.();
      return createTelegramChannel({ bot, engine, logger: silentLogger, ...(made ? { claim: made } : {}) })
        .bot;
    };
    return { a: make('a'), b: make('b'), handled };
  }

  const onRedis = () => createRedisUpdateClaim(redis.redis, createKeys(redis.prefix));

  it('answers a retried delivery once, whichever process it reaches, and at once when both get it', async () => {
    const { a, b, handled } = processes(onRedis);
    const first = textUpdate(8801, '/start');
    await a.handleUpdate(first);
    await b.handleUpdate(first);
    const press = buttonUpdate(8801, 'guide');
    await Promise.all([a.handleUpdate(press), b.handleUpdate(press)]);
    const next = textUpdate(8801, 'menu');
    await b.handleUpdate(next);
    await a.handleUpdate(next);
    expect(handled).toHaveLength(3);
    expect(api.sent()).toHaveLength(3);
    expect(
      await redis.redis.pttl(createKeys(redis.prefix).telegramUpdate(BOT_INFO.id, first.update_id)),
    ).toBeGreaterThan(3_500_000);
  });

  it('without the shared ids each process answers the retried delivery: the control', async () => {
    const { a, b, handled } = processes(undefined);
    const first = textUpdate(8802, '/start');
    await a.handleUpdate(first);
    await b.handleUpdate(first);
    expect(handled).toEqual(['a', 'b']);
  });

  it('answers the update when Redis cannot tell (the engine then says what it can)', async () => {
    const { a, handled } = processes(() => () => Promise.reject(new Error('redis down')));
    await a.handleUpdate(textUpdate(8803, '/start'));
    expect(handled).toEqual(['a']);
    expect(api.sent()).toHaveLength(1);
  });
});
