import { afterAll, describe, expect, it } from 'vitest';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { MemorySubscriptionStore, type SubscriptionStore } from '../../src/broadcasts/subscription-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { t } from '../../src/core/message.js';
import { broadcastKeys } from '../../src/storage/keys.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { testRedis } from '../helpers/redis.js';

const redisParts = testRedis();
afterAll(() => redisParts.cleanup());
const translator = createTranslator('locales');
const clock = { now: () => new Date('2026-11-10T08:00:00Z') };

let n = 0;
const stores: [string, () => SubscriptionStore][] = [
  ['memory', () => new MemorySubscriptionStore()],
  ['redis', () => new RedisSubscriptionStore(redisParts.redis, broadcastKeys(`${redisParts.prefix}${n++}:`))],
];

const jobsIn = (countries: string[], sectors: string[] = []) =>
  ({ kind: 'jobs', countries, sectors }) as const;
const WORDING = t('subs.jobsConsent', { country: 'Taiwan', sector: 'semua bidang' });

describe.each(stores)('subscriptions (%s)', (_name, make) => {
  it('records each opt-in with its time, exact wording and locale, and lists it in the audience', async () => {
    const store = make();
    const desk = createSubscriptionDesk(store, clock, translator);
    expect(await desk.get('telegram:1')).toBeUndefined();
    await desk.subscribe('telegram:1', 'id', jobsIn(['tw']), WORDING);
    const s = await desk.get('telegram:1');
    expect(s?.topics.jobs?.countries).toEqual(['tw']);
    expect(s?.topics.jobs?.consent).toEqual({
      at: '2026-11-10T08:00:00.000Z',
      wording: translator.t('id', 'subs.jobsConsent', { country: 'Taiwan', sector: 'semua bidang' }),
      key: 'subs.jobsConsent',
      locale: 'id',
    });
    expect(s?.topics.jobs?.consent.wording).toContain('Taiwan');
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual(['telegram:1']);
    expect(await store.audience({ type: 'jobs', countries: ['hk'] })).toEqual([]);
    expect(await store.count()).toBe(1);
  });

  it('finds "any country" subscribers for every country, and warnings by district only', async () => {
    const store = make();
    const desk = createSubscriptionDesk(store, clock, translator);
    await desk.subscribe('telegram:1', 'id', jobsIn([]), WORDING);
    await desk.subscribe(
      'whatsapp:6281',
      'en',
      { kind: 'warnings', district: '35.07', name: 'Malang' },
      WORDING,
    );
    await desk.subscribe('telegram:2', 'id', jobsIn(['hk']), WORDING);
    expect((await store.audience({ type: 'jobs', countries: ['hk'] })).sort()).toEqual([
      'telegram:1',
      'telegram:2',
    ]);
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual(['telegram:1']);
    expect(await store.audience({ type: 'warnings', district: '35.07' })).toEqual(['whatsapp:6281']);
    expect(await store.audience({ type: 'warnings', district: '35.08' })).toEqual([]);
  });

  it('moves the index when a topic changes, and drops it when turned off', async () => {
    const store = make();
    const desk = createSubscriptionDesk(store, clock, translator);
    await desk.subscribe('telegram:1', 'id', jobsIn(['tw']), WORDING);
    await desk.subscribe('telegram:1', 'id', jobsIn(['hk']), WORDING);
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual([]);
    expect(await store.audience({ type: 'jobs', countries: ['hk'] })).toEqual(['telegram:1']);
    await desk.unsubscribe('telegram:1', 'jobs');
    expect(await store.audience({ type: 'jobs', countries: ['hk'] })).toEqual([]);
    expect(await desk.get('telegram:1')).toBeUndefined();
    expect(await store.count()).toBe(0);
  });

  it('STOP ends every topic at once; resume restarts exactly those, with a new consent; decline forgets them', async () => {
    const store = make();
    const desk = createSubscriptionDesk(store, clock, translator);
    await desk.subscribe('telegram:1', 'id', jobsIn(['tw'], ['care']), WORDING);
    await desk.subscribe(
      'telegram:1',
      'id',
      { kind: 'warnings', district: '35.07', name: 'Malang' },
      WORDING,
    );
    expect(await desk.stopAll('telegram:1')).toBe(2);
    expect(await desk.stopAll('telegram:1')).toBe(0);
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual([]);
    expect(await store.audience({ type: 'warnings', district: '35.07' })).toEqual([]);
    expect(await store.count()).toBe(0);
    const stopped = await desk.get('telegram:1');
    expect(stopped?.topics).toEqual({});
    expect(stopped?.stopped?.topics.jobs?.sectors).toEqual(['care']);

    expect(await desk.resume('telegram:1', 'en', t('subs.resumeConsent'))).toBe(2);
    const back = await desk.get('telegram:1');
    expect(back?.stopped).toBeUndefined();
    expect(back?.topics.jobs?.consent.wording).toBe(translator.t('en', 'subs.resumeConsent'));
    expect(back?.topics.warnings?.district).toBe('35.07');
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual(['telegram:1']);

    await desk.stopAll('telegram:1');
    await desk.dropStopped('telegram:1');
    expect(await desk.get('telegram:1')).toBeUndefined();
    expect(await desk.resume('telegram:1', 'id', t('subs.resumeConsent'))).toBe(0);
  });

  it('a blocked subscriber leaves the audience until they change their alerts; delete removes all', async () => {
    const store = make();
    const desk = createSubscriptionDesk(store, clock, translator);
    const s = await desk.subscribe('telegram:1', 'id', jobsIn(['tw']), WORDING);
    await store.put({ ...s, blockedAt: '2026-11-10T09:00:00.000Z' });
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual([]);
    await desk.subscribe('telegram:1', 'id', jobsIn(['tw']), WORDING);
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual(['telegram:1']);
    await store.delete('telegram:1');
    expect(await store.get('telegram:1')).toBeUndefined();
    expect(await store.audience({ type: 'jobs', countries: ['tw'] })).toEqual([]);
  });
});

describe('subscription keys', () => {
  it('share one hash tag and never spell out the address', () => {
    const keys = broadcastKeys('p:');
    for (const k of [
      keys.subscriber('whatsapp:6281234'),
      keys.all(),
      keys.jobs('tw'),
      keys.warnings('35.07'),
      keys.marks('b1'),
    ])
      expect(k.startsWith('p:{bc}:')).toBe(true);
    expect(keys.subscriber('whatsapp:6281234')).not.toContain('6281234');
  });
});
