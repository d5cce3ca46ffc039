import { afterAll, describe, expect, it } from 'vitest';
import type { AnnouncedJob, Broadcast } from '../../src/broadcasts/broadcast.js';
import { startDueDigests } from '../../src/broadcasts/digests.js';
import { createFanOut, type Delivery } from '../../src/broadcasts/fan-out.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../src/broadcasts/redis-subscription-store.js';
import { digestBucket } from '../../src/broadcasts/render.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { t } from '../../src/core/message.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { recordingSender, silentLogger } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';

const parts = testRedis();
afterAll(() => parts.cleanup());
const translator = createTranslator('locales');

const job = (id: string, country: string, title: string): AnnouncedJob => ({
  id,
  country,
  countryName: {
    id: { tw: 'Taiwan', hk: 'Hong Kong', my: 'Malaysia' }[country] ?? country,
    en: country.toUpperCase(),
  },
  sector: 'care',
  title: { id: title },
  place: country,
  pay: '1 X',
  agency: 'PT Contoh',
  example: true,
});

function setup(name: string) {
  const keys = createKeys(`${parts.prefix}${name}:`).broadcasts;
  let now = new Date('2026-11-29T05:00:00Z');
  const clock = { now: () => now };
  const subscribers = new RedisSubscriptionStore(parts.redis, keys);
  const desk = createSubscriptionDesk(subscribers, clock, translator);
  const broadcasts = new RedisBroadcastStore(parts.redis, keys);
  const sender = recordingSender();
  const results: Delivery[] = [];
  const fanOut = createFanOut({
    subscribers,
    broadcasts,
    senders: { telegram: sender },
    translator,
    logger: silentLogger,
    counted: (d) => results.push(d),
    digest: { over: 3, hourUtc: 1 },
    clock,
  });
  const subscribe = (address: string, countries: string[], digest?: 'daily') =>
    desk.subscribe(
      address,
      'id',
      { kind: 'jobs', countries, sectors: [], ...(digest ? { digest } : {}) },
      t(digest ? 'subs.jobsConsentDaily' : 'subs.jobsConsent', { country: 'x', sector: 'y' }),
    );
  const announce = async (id: string, jobs: AnnouncedJob[]) => {
    const b: Broadcast = {
      id,
      createdAt: now.toISOString(),
      by: 'jobs-import',
      audience: { type: 'jobs', countries: [...new Set(jobs.map((j) => j.country))] },
      body: { kind: 'jobs', jobs },
    };
    await broadcasts.create(b);
    await deliverAll(id);
  };
  const deliverAll = async (id: string) => {
    for (const address of await fanOut.recipients(id)) await fanOut.deliver({ broadcast: id, address });
  };
  const texts = (address: string) =>
    sender.sent
      .filter((s) => s.address === address)
      .flatMap((s) => s.messages.map((m) => `${m.title ?? ''}\n${m.body}`));
  return {
    desk,
    broadcasts,
    results,
    subscribe,
    announce,
    deliverAll,
    texts,
    at: (iso: string) => {
      now = new Date(iso);
    },
    now: () => now,
  };
}

describe('digests of new job listings, on real Redis', () => {
  it('more than 3 listings for one subscriber make one digest message, a line per country; 3 or fewer are listed', async () => {
    const s = setup('form');
    await s.subscribe('telegram:1', []);
    await s.subscribe('telegram:2', ['hk']);
    await s.announce('jobs-many', [
      job('a', 'tw', 'Perawat lansia'),
      job('b', 'tw', 'Operator pabrik'),
      job('c', 'tw', 'Nelayan'),
      job('d', 'tw', 'Tukang las'),
      job('e', 'hk', 'Pengasuh anak'),
    ]);
    const [many] = s.texts('telegram:1');
    expect(many).toContain('Ringkasan lowongan baru (5)');
    expect(many).toContain('• Taiwan: 4 lowongan, antara lain Perawat lansia, Operator pabrik, Nelayan, …');
    expect(many).toContain('• Hong Kong: 1 lowongan, antara lain Pengasuh anak');
    expect(many).toContain('ketik LOWONGAN');
    expect(many).not.toContain('PT Contoh');
    const [one] = s.texts('telegram:2');
    expect(one).toContain('Lowongan baru yang sudah diperiksa (1)');
    expect(one).toContain('Pengasuh anak, hk, gaji 1 X per bulan (PT Contoh)');
  });

  it('a daily-digest subscriber gets nothing at announcement and one message at the digest hour with every listing of the day, once', async () => {
    const s = setup('daily');
    await s.subscribe('telegram:10', []); // at once
    await s.subscribe('telegram:11', [], 'daily'); // daily, any country
    await s.subscribe('telegram:12', ['tw'], 'daily'); // daily, Taiwan only
    await s.subscribe('telegram:13', [], 'daily'); // daily, says STOP before the digest
    await s.announce('jobs-1', [job('a', 'tw', 'Perawat lansia'), job('b', 'hk', 'Pengasuh anak')]);
    s.at('2026-11-29T09:00:00Z');
    await s.announce('jobs-2', [
      job('c', 'tw', 'Operator pabrik'),
      job('d', 'tw', 'Nelayan'),
      job('e', 'my', 'Pekebun'),
    ]);
    // A repeat run of a broadcast keeps nothing twice.
    await s.deliverAll('jobs-2');
    expect(s.texts('telegram:10')).toHaveLength(2);
    for (const a of ['telegram:11', 'telegram:12', 'telegram:13']) expect(s.texts(a)).toEqual([]);
    expect(await s.broadcasts.status('jobs-1')).toMatchObject({ sent: 1, deferred: 3 });
    expect(await s.broadcasts.status('jobs-2')).toMatchObject({ sent: 1, deferred: 3 });
    expect(s.results.filter((r) => r === 'repeat')).toHaveLength(4);
    await s.desk.stopAll('telegram:13');

    const start = (ids: string[]) => (id: string) => {
      ids.push(id);
      return Promise.resolve();
    };
    const early: string[] = [];
    expect(await startDueDigests(s.broadcasts, start(early), new Date('2026-11-30T00:59:59Z'))).toEqual([]);
    const due: string[] = [];
    const started = await startDueDigests(s.broadcasts, start(due), new Date('2026-11-30T01:00:00Z'));
    expect(started).toEqual(['digest-2026113001']);
    expect(due).toEqual(started);
    expect(await startDueDigests(s.broadcasts, start(due), new Date('2026-11-30T01:01:00Z'))).toEqual([]);
    await s.deliverAll('digest-2026113001');
    await s.deliverAll('digest-2026113001');
    const [daily] = s.texts('telegram:11');
    expect(s.texts('telegram:11')).toHaveLength(1);
    expect(daily).toContain('Ringkasan lowongan baru (5)');
    expect(daily).toContain('• Taiwan: 3 lowongan');
    expect(daily).toContain('• Malaysia: 1 lowongan');
    expect(s.texts('telegram:12')).toHaveLength(1);
    expect(s.texts('telegram:12')[0]).toContain('Lowongan baru yang sudah diperiksa (3)');
    expect(s.texts('telegram:12')[0]).not.toContain('Pengasuh anak');
    expect(s.texts('telegram:13')).toEqual([]);
    expect(s.texts('telegram:10')).toHaveLength(2);
    expect(await s.broadcasts.status('digest-2026113001')).toMatchObject({
      total: 3,
      sent: 2,
      skipped: 1,
      sending: 0,
    });
  });

  it('"delete my data" takes the address out of the digests waiting, with the listings kept for it', async () => {
    const s = setup('forget');
    await s.subscribe('telegram:20', [], 'daily');
    await s.subscribe('telegram:21', [], 'daily');
    await s.announce('jobs-1', [job('a', 'tw', 'Sopir')]);
    expect((await s.broadcasts.digestAddresses('2026113001')).sort()).toEqual(['telegram:20', 'telegram:21']);
    await s.broadcasts.forget('telegram:20');
    expect(await s.broadcasts.digestAddresses('2026113001')).toEqual(['telegram:21']);
    expect(await s.broadcasts.digestJobs('2026113001', 'telegram:20')).toEqual([]);
    expect(await s.broadcasts.digestJobs('2026113001', 'telegram:21')).toHaveLength(1);
  });

  it('a listing announced after the digest hour waits for the next day', () => {
    expect(digestBucket(new Date('2026-11-29T00:59:59Z'), 1)).toBe('2026112901');
    expect(digestBucket(new Date('2026-11-29T01:00:00Z'), 1)).toBe('2026113001');
    expect(digestBucket(new Date('2026-12-31T23:00:00Z'), 1)).toBe('2027010101');
  });
});
