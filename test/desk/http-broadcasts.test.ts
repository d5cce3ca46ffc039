import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../src/broadcasts/broadcast.js';
import { RedisBroadcastStore } from '../../src/broadcasts/redis-broadcast-store.js';
import { createKeys } from '../../src/storage/keys.js';
import { browser, signIn, startDeskServer, type Browser, type DeskServer } from '../helpers/desk-server.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';
import { jobsBroadcast } from '../broadcasts/sample-broadcast.js';

const ADMIN = officer('oadmin0001', 'admin', '', 'telegram:1');
const DISTRICT = officer('odistrict2', 'district', MALANG, 'telegram:2');
const VILLAGE = officer('ovillage03', 'village', TERNYANG, 'telegram:3');
/** Kota Surabaya: another district of the same province. */
const OTHER = officer('oother0004', 'district', '35.78', 'telegram:4');
const PROVINCE = officer('oprov00005', 'province', '35', 'telegram:5');
const NOTHING_ELSE = officer('ojakarta06', 'district', '31.71', 'telegram:6');

const warning = (id: string, district: string, text: string, districts?: string[]): Broadcast => ({
  id,
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  by: 'odistrict2',
  audience: { type: 'warnings', district, ...(districts ? { districts } : {}) },
  body: { kind: 'text', texts: { id: text }, from: district },
});

let desk: DeskServer;
let store: RedisBroadcastStore;
const as: Record<string, Browser> = {};

/** Rows of the page as [what, recipients, sent, skipped, blocked, failed, waiting]. */
const rows = (page: string): string[][] =>
  [...page.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
    [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      (c[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );

beforeAll(async () => {
  desk = await startDeskServer();
  for (const o of [ADMIN, DISTRICT, VILLAGE, OTHER, PROVINCE, NOTHING_ELSE]) {
    await desk.addOfficer(o);
    as[o.id] = browser(desk.base, `198.51.100.${o.address.slice(-1)}`);
    await signIn(desk, as[o.id] as Browser, o.id, o.address);
  }
  store = new RedisBroadcastStore(desk.redis, createKeys(desk.prefix).broadcasts);
  // Malang's warning, part way: 10 recipients, 4 sent (one again with the notice), 1 skipped,
  // 1 blocked, 1 failed, 1 being sent, 2 not tried yet.
  const malang = warning('warn-malang1', MALANG, 'Waspada: lowongan palsu ke Taiwan lewat calo di Malang.');
  await store.create(malang);
  await store.expanded(malang.id, 10);
  const to = (i: number) => `telegram:${String(9000 + i)}`;
  for (let i = 0; i < 8; i++) await store.claim(malang.id, to(i));
  for (let i = 0; i < 4; i++) await store.finish(malang.id, to(i), 'sent', i === 0);
  await store.finish(malang.id, to(4), 'skipped');
  await store.finish(malang.id, to(5), 'blocked');
  await store.finish(malang.id, to(6), 'failed');
  await store.create(warning('warn-surabaya', '35.78', 'Hati-hati penipuan di Surabaya.'));
  await store.create(warning('warn-jatim', '35', 'Peringatan untuk seluruh Jawa Timur.', [MALANG, '35.78']));
  await store.create(jobsBroadcast('jobs-20261206'));
}, 60_000);
afterAll(() => desk.close());

describe('desk: broadcasts page', () => {
  it('a district officer sees the warnings to their district (and their province’s) with the CLI’s numbers, no other area’s and no job broadcasts', async () => {
    const page = await (as[DISTRICT.id] as Browser).get('/desk/broadcasts');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Siaran ke pelanggan');
    expect(page.text).toContain('lowongan palsu ke Taiwan');
    expect(page.text).toContain('seluruh Jawa Timur');
    expect(page.text).not.toContain('Surabaya.');
    expect(page.text).not.toContain('lowongan baru');
    const status = await store.status('warn-malang1');
    expect(status).toMatchObject({
      total: 10,
      sent: 4,
      skipped: 1,
      blocked: 1,
      failed: 1,
      sending: 1,
      pending: 2,
    });
    const malang = rows(page.text).find((r) => r[1]?.includes('Malang')) ?? [];
    expect(malang.slice(2)).toEqual(['10', '4', '1', '1', '1', '3']);
    expect(malang[1]).toContain('1 dikirim ulang dengan pemberitahuan');
    expect(malang[0]).toContain('Sedang dikirim');
    expect(page.text).not.toMatch(/<script/i);
    expect(Buffer.byteLength(page.text)).toBeLessThan(200 * 1024);
  });

  it('scope: another district sees only its own; a village officer their district’s; a province all its districts’; outside the province nothing', async () => {
    const other = (await (as[OTHER.id] as Browser).get('/desk/broadcasts')).text;
    expect(other).toContain('Surabaya.');
    expect(other).toContain('seluruh Jawa Timur');
    expect(other).not.toContain('lowongan palsu ke Taiwan');
    const village = (await (as[VILLAGE.id] as Browser).get('/desk/broadcasts')).text;
    expect(village).toContain('lowongan palsu ke Taiwan');
    expect(village).not.toContain('Surabaya.');
    const province = (await (as[PROVINCE.id] as Browser).get('/desk/broadcasts')).text;
    for (const text of ['lowongan palsu ke Taiwan', 'Surabaya.', 'seluruh Jawa Timur'])
      expect(province).toContain(text);
    expect(province).not.toContain('lowongan baru');
    const jakarta = (await (as[NOTHING_ELSE.id] as Browser).get('/desk/broadcasts')).text;
    expect(jakarta).toContain('Belum ada siaran untuk wilayah Anda.');
    expect(jakarta).not.toContain('Malang');
  });

  it('an admin sees every broadcast, the job listings too, in English when switched; each view is audited', async () => {
    const b = as[ADMIN.id] as Browser;
    const id = (await b.get('/desk/broadcasts')).text;
    expect(rows(id)).toHaveLength(4);
    expect(id).toContain('1 lowongan baru (TW)');
    expect(id).toContain('Belum dimulai');
    await b.get(`/desk/lang?to=en&back=${encodeURIComponent('/desk/broadcasts')}`);
    const en = (await b.get('/desk/broadcasts')).text;
    expect(en).toContain('Broadcasts to subscribers');
    expect(en).toContain('1 new job listings (TW)');
    const audit = await desk.desk.audit.recent(50);
    expect(audit.filter((a) => a.action === 'view-broadcasts').map((a) => a.officer)).toEqual(
      expect.arrayContaining([ADMIN.id, DISTRICT.id, OTHER.id, VILLAGE.id, PROVINCE.id]),
    );
  });

  it('signed out it sends to sign-in; 60 long warnings page by 25 and stay small', async () => {
    const stranger = browser(desk.base, '203.0.113.99');
    const out = await stranger.get('/desk/broadcasts');
    expect(out.status).toBe(303);
    expect(out.location).toBe('/desk/sign-in');
    for (let i = 0; i < 60; i++)
      await store.create({
        ...warning(`warn-long${String(i)}`, MALANG, `${'Peringatan panjang '.repeat(40)}${String(i)}`),
      });
    const b = as[DISTRICT.id] as Browser;
    const first = (await b.get('/desk/broadcasts')).text;
    expect(rows(first)).toHaveLength(25);
    expect(first).toContain('62 siaran · halaman 1 dari 3');
    const last = (await b.get('/desk/broadcasts?page=3')).text;
    expect(rows(last)).toHaveLength(12);
    expect(Buffer.byteLength(first)).toBeLessThan(200 * 1024);
  });
});
