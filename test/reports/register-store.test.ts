import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRegisterStore } from '../../src/reports/memory-register-store.js';
import { RedisRegisterStore } from '../../src/reports/redis-register-store.js';
import type { RegisterRecord, RegisterStore } from '../../src/reports/register-store.js';
import { registerKeys, registerRecorderId } from '../../src/storage/keys.js';
import { testRedis } from '../helpers/redis.js';
import { SUMBERPUCUNG, TERNYANG } from '../helpers/report-script.js';

const redisParts = testRedis();
afterAll(() => redisParts.cleanup());

/** A village of another regency and province (Kab. Bogor, Jawa Barat). */
const OTHER = '32.01.01.2001';

const record = (over: Partial<RegisterRecord> = {}): RegisterRecord => ({
  id: 'g1',
  recorder: registerRecorderId('telegram:42'),
  who: 'Sri',
  village: TERNYANG,
  relation: 'family',
  departure: { country: 'Malaysia', agency: 'PT Maju', departed: '2026-03', contractEnd: '2028-03' },
  contact: '+6281234567890',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  anchor: '2028-03',
  ...over,
});

let n = 0;
const stores: [string, () => RegisterStore][] = [
  ['memory', () => new MemoryRegisterStore()],
  ['redis', () => new RedisRegisterStore(redisParts.redis, registerKeys(`${redisParts.prefix}${n++}:`))],
];

describe.each(stores)('register store (%s)', (_name, make) => {
  it('stores an entry and finds it by village, district, province, recorder and all', async () => {
    const store = make();
    await store.save(record());
    expect(await store.get('g1')).toEqual(record());
    expect(await store.get('g-missing')).toBeUndefined();
    for (const area of [TERNYANG, '35.07', '35', '']) expect(await store.idsByArea(area)).toEqual(['g1']);
    expect(await store.idsByArea(SUMBERPUCUNG)).toEqual([]);
    expect(await store.idsByArea('32.01')).toEqual([]);
    expect(await store.idsByRecorder(registerRecorderId('telegram:42'))).toEqual(['g1']);
    expect(await store.idsByRecorder(registerRecorderId('telegram:43'))).toEqual([]);
  });

  it('orders area ids by creation and replaces an entry without duplicating its index entries', async () => {
    const store = make();
    await store.save(record({ id: 'g2', createdAt: '2026-11-02T00:00:00.000Z' }));
    await store.save(record({ id: 'g1' }));
    await store.save(record({ id: 'g3', village: OTHER, recorder: registerRecorderId('telegram:7') }));
    expect(await store.idsByArea('35.07')).toEqual(['g1', 'g2']);
    expect(await store.idsByArea('')).toEqual(['g1', 'g3', 'g2']);
    const returned = record({
      id: 'g2',
      createdAt: '2026-11-02T00:00:00.000Z',
      return: { returned: '2026-11', route: 'service', needs: ['wages'] },
      anchor: '2028-03',
    });
    await store.save(returned);
    expect(await store.get('g2')).toEqual(returned);
    expect(await store.idsByArea(TERNYANG)).toEqual(['g1', 'g2']);
  });

  it('lists entries anchored before a month, and deletes an entry with every index entry', async () => {
    const store = make();
    await store.save(record({ id: 'g1', anchor: '2024-01' }));
    await store.save(record({ id: 'g2', anchor: '2024-02' }));
    await store.save(record({ id: 'g3', anchor: '2025-06' }));
    expect((await store.idsAnchoredBefore('2024-02')).sort()).toEqual(['g1']);
    expect((await store.idsAnchoredBefore('2025-07')).sort()).toEqual(['g1', 'g2', 'g3']);
    expect(await store.delete('g1')).toBe(true);
    expect(await store.delete('g1')).toBe(false);
    expect(await store.get('g1')).toBeUndefined();
    expect(await store.idsByArea('35')).toEqual(['g2', 'g3']);
    expect(await store.idsByRecorder(registerRecorderId('telegram:42'))).toEqual(['g2', 'g3']);
    expect((await store.idsAnchoredBefore('2030-01')).sort()).toEqual(['g2', 'g3']);
  });
});

describe('register store on Redis', () => {
  it('keeps every key in the {g} slot and names no chat address or phone in key names', async () => {
    const prefix = `${redisParts.prefix}keys:`;
    const store = new RedisRegisterStore(redisParts.redis, registerKeys(prefix));
    await store.save(record());
    const keys = await redisParts.redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(4);
    for (const k of keys) {
      expect(k.startsWith(`${prefix}{g}:`)).toBe(true);
      // Only the part after the random test prefix (which may itself hold the digits 42).
      const name = k.slice(prefix.length);
      expect(name).not.toContain('42');
      expect(name).not.toContain('6281234567890');
    }
    await store.delete('g1');
    expect(await redisParts.redis.keys(`${prefix}*`)).toEqual([]);
  });
});
