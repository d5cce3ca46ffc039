import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../src/broadcasts/broadcast.js';
import { createFanOut } from '../../../src/broadcasts/fan-out.js';
import { RedisBroadcastStore } from '../../../src/broadcasts/redis-broadcast-store.js';
import { RedisSubscriptionStore } from '../../../src/broadcasts/redis-subscription-store.js';
import type { CloudSender } from '../../../src/channels/whatsapp-cloud/sender.js';
import type { TemplateRegistry } from '../../../src/channels/whatsapp-cloud/templates.js';
import { RecipientUnreachable } from '../../../src/core/ports.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { createKeys } from '../../../src/storage/keys.js';
import { makeEngine, testVillages } from '../../helpers/engine.js';
import { TERNYANG, reportLines } from '../../helpers/report-script.js';
import { startHarness, type Harness } from './harness.js';

const HOUR = 3_600_000;
const OFFICER = '6281399990001';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);
const TEMPLATES: TemplateRegistry = new Map([
  ['officer.alert', { name: 'demimas_officer_alert', language: 'id', params: ['title'] }],
  ['broadcast', { name: 'demimas_broadcast', language: 'id', params: ['title', 'body'] }],
]);
const text = (body: string) => ({ type: 'text', text: { body } });
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The Cloud channel with the report side and the broadcast fan-out sending through it. */
async function setUp(templates: TemplateRegistry) {
  const via: { sender?: CloudSender } = {};
  const whatsapp = {
    send: (a: string, m: Parameters<CloudSender['send']>[1]) =>
      via.sender?.send(a, m) ?? Promise.reject(new RecipientUnreachable(a, 'no channel')),
  };
  const setup = makeEngine({ senders: { whatsapp } });
  const h = await startHarness({ engine: setup.engine, templates });
  via.sender = h.channel.sender;
  const keys = createKeys(h.prefix);
  const subscribers = new RedisSubscriptionStore(h.redis, keys.broadcasts);
  const broadcasts = new RedisBroadcastStore(h.redis, keys.broadcasts);
  const fanOut = createFanOut({
    subscribers,
    broadcasts,
    senders: { whatsapp },
    translator: createTranslator('locales'),
    logger: silent,
  });
  return { h, setup, subscribers, broadcasts, fanOut };
}

type Parts = Awaited<ReturnType<typeof setUp>>;

/** What the Graph API got for `to`, from `from` on. */
const sentTo = (h: Harness, to: string, from = 0) => h.graph.sent.slice(from).filter((m) => m.to === to);

async function subscribe(p: Parts, user: string) {
  await p.subscribers.put({
    address: `whatsapp:${user}`,
    locale: 'id',
    topics: {
      warnings: {
        district: '35.07',
        name: 'Kabupaten Malang',
        consent: { at: '2026-11-29T08:00:00.000Z', wording: 'Ya, kirimi saya peringatan', locale: 'id' },
      },
    },
  });
}

const warning = (id: string): Broadcast => ({
  id,
  createdAt: '2026-11-29T08:00:00.000Z',
  by: 'o1',
  audience: { type: 'warnings', district: '35.07' },
  body: {
    kind: 'text',
    texts: { id: 'Hati-hati dengan PT Contoh Palsu yang menjanjikan kerja tanpa pelatihan.' },
  },
});

describe('the 24-hour window on a fake clock: officer alerts and broadcasts (fake Graph API, real Redis)', () => {
  let p: Parts;
  beforeAll(async () => {
    testVillages().byCode(TERNYANG);
    p = await setUp(TEMPLATES);
    await p.setup.reports.officers.save({
      id: 'owin',
      role: 'village',
      area: TERNYANG,
      address: `whatsapp:${OFFICER}`,
      name: 'Bu Kades',
      locale: 'id',
      active: true,
      joinedAt: '2026-11-01T00:00:00.000Z',
    });
  });
  afterAll(async () => {
    await p.h.close();
    await p.h.cleanupRedis();
  });

  /** Files a report from `user` (a photo with it); returns its code once its alert went out. */
  async function fileReport(user: string, photo: string): Promise<string> {
    p.h.graph.addMedia(photo, JPEG, 'image/jpeg');
    const lines = reportLines();
    let said = '';
    for (const line of lines.slice(0, -4)) await p.h.say(user, text(line));
    await p.h.say(user, { type: 'image', image: { id: photo, mime_type: 'image/jpeg' } });
    for (const line of [...lines.slice(-4), '1']) said = await p.h.say(user, text(line));
    const code = /R-[A-Z0-9]{6}/.exec(said)?.[0];
    if (!code) throw new Error(`no report code in ${said}`);
    await p.setup.reports.queue.idle();
    return code;
  }

  it('an officer alert: free text with its evidence inside the window, only the approved template outside', async () => {
    const { h } = p;
    await h.say(OFFICER, text('halo')); // the officer wrote: the window opens
    h.clock.advance(2 * HOUR);
    let from = h.graph.sent.length;
    const inside = await fileReport('6281234567061', 'win-photo-1');
    const toOfficer = sentTo(h, OFFICER, from);
    expect(toOfficer.map((m) => m.type)).toEqual(['image', expect.stringMatching(/^(text|interactive)$/)]);
    expect(JSON.stringify(toOfficer[1]?.payload)).toContain(inside);
    expect(toOfficer.some((m) => m.type === 'template')).toBe(false);

    h.clock.advance(23 * HOUR); // 25 hours since the officer last wrote
    from = h.graph.sent.length;
    const uploads = h.graph.uploads.length;
    const outside = await fileReport('6281234567062', 'win-photo-2');
    expect(sentTo(h, OFFICER, from).map((m) => [m.type, m.payload.template])).toEqual([
      [
        'template',
        {
          name: 'demimas_officer_alert',
          language: { code: 'id' },
          components: [
            {
              type: 'body',
              parameters: [{ type: 'text', text: `Laporan perekrut mencurigakan ${outside}` }],
            },
          ],
        },
      ],
    ]);
    // No free text, no evidence sent: the photo is uploaded once, for the alert held for the officer.
    expect(h.graph.uploads.length).toBe(uploads + 1);
    expect(JSON.stringify(sentTo(h, OFFICER, from))).not.toContain('Foto bukti');

    // The officer answers the template: the alert goes out in full, its photo first, before the
    // answer to what they wrote — once.
    from = h.graph.sent.length;
    await h.say(OFFICER, text('menu'));
    const held = sentTo(h, OFFICER, from);
    expect(held.map((m) => m.type).slice(0, 2)).toEqual([
      'image',
      expect.stringMatching(/^(text|interactive)$/),
    ]);
    expect(JSON.stringify(held[1]?.payload)).toContain(outside);
    expect(JSON.stringify(held[1]?.payload)).toContain('Foto bukti: 1');
    expect(JSON.stringify(held.slice(2).map((m) => m.payload))).toContain('Menu utama');
    expect(await h.say(OFFICER, text('menu'))).not.toContain(outside);

    // The officer wrote again: the next alert is free text again.
    from = h.graph.sent.length;
    await fileReport('6281234567063', 'win-photo-3');
    expect(sentTo(h, OFFICER, from).map((m) => m.type)).not.toContain('template');
    expect(sentTo(h, OFFICER, from).map((m) => m.type)).toContain('image');
  }, 60_000);

  it('a broadcast: free text to who wrote within 24 hours, the broadcast template to the others', async () => {
    const { h, fanOut, broadcasts } = p;
    const recent = '6281234567071';
    const earlier = '6281234567072';
    await h.say(earlier, text('halo'));
    h.clock.advance(20 * HOUR);
    await h.say(recent, text('halo'));
    h.clock.advance(5 * HOUR); // earlier: 25 hours ago; recent: 5 hours ago
    for (const u of [recent, earlier]) await subscribe(p, u);
    const b = warning('warn-window-1');
    expect(await broadcasts.create(b)).toBe(true);
    const from = h.graph.sent.length;
    for (const u of [recent, earlier])
      expect(await fanOut.deliver({ broadcast: b.id, address: `whatsapp:${u}` })).toBe('sent');

    const toRecent = sentTo(h, recent, from);
    expect(toRecent.map((m) => m.type)).toEqual(['text']);
    expect(JSON.stringify(toRecent[0]?.payload)).toContain('PT Contoh Palsu');
    const toEarlier = sentTo(h, earlier, from);
    expect(toEarlier.map((m) => m.type)).toEqual(['template']);
    const template = toEarlier[0]?.payload.template as {
      name: string;
      components: { parameters: { text: string }[] }[];
    };
    expect(template.name).toBe('demimas_broadcast');
    const [title, body] = template.components[0]?.parameters.map((x) => x.text) ?? [];
    expect(title).toBeTruthy();
    expect(body).toContain('Hati-hati dengan PT Contoh Palsu');
    expect(body).not.toMatch(/\n/);
  });

  it('a broadcast longer than a template body takes: its parameters cut to fit, the whole text held until they write', async () => {
    const { h, fanOut, broadcasts } = p;
    const user = '6281234567073';
    await h.say(user, text('halo'));
    h.clock.advance(25 * HOUR);
    await subscribe(p, user);
    const sentence = 'Hati-hati dengan PT Contoh Palsu 🚨 yang menjanjikan kerja tanpa pelatihan. ';
    const long = `${sentence.repeat(30)}Info: https://example.org/peringatan/pt-contoh-palsu`;
    const b: Broadcast = { ...warning('warn-window-long'), body: { kind: 'text', texts: { id: long } } };
    expect(await broadcasts.create(b)).toBe(true);
    let from = h.graph.sent.length;
    expect(await fanOut.deliver({ broadcast: b.id, address: `whatsapp:${user}` })).toBe('sent');
    const sent = sentTo(h, user, from);
    expect(sent.map((m) => m.type)).toEqual(['template']);
    const template = sent[0]?.payload.template as { components: { parameters: { text: string }[] }[] };
    const params = template.components[0]?.parameters.map((x) => x.text) ?? [];
    expect(params).toHaveLength(2);
    const [title = '', body = ''] = params;
    // Within the Cloud API's limit for the body with its parameters (1,024), with room for the template's words.
    expect(title.length + body.length).toBeLessThanOrEqual(900);
    expect(body.length).toBeGreaterThan(700);
    expect(body.endsWith('…')).toBe(true);
    expect(body).not.toContain('https://example.org'); // a link is never cut in half: left out whole
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // nor an emoji
    expect(title).toBeTruthy();

    // They write: the broadcast in full comes first, link and all, before the answer.
    from = h.graph.sent.length;
    await h.say(user, text('menu'));
    const held = JSON.stringify(sentTo(h, user, from).map((m) => m.payload));
    expect(held).toContain('https://example.org/peringatan/pt-contoh-palsu');
    expect(held.split('PT Contoh Palsu').length - 1).toBeGreaterThanOrEqual(30);
  });
});

describe('outside the window without a template', () => {
  let p: Parts;
  beforeAll(async () => {
    p = await setUp(new Map());
  });
  afterAll(async () => {
    await p.h.close();
    await p.h.cleanupRedis();
  });

  it('sends nothing and skips the subscriber this time, without taking them for a block', async () => {
    const { h, fanOut, broadcasts, subscribers } = p;
    const user = '6281234567081';
    await h.say(user, text('halo'));
    h.clock.advance(25 * HOUR);
    await subscribe(p, user);
    const first = warning('warn-window-2');
    await broadcasts.create(first);
    const from = h.graph.sent.length;
    expect(await fanOut.deliver({ broadcast: first.id, address: `whatsapp:${user}` })).toBe('skipped');
    expect(sentTo(h, user, from)).toEqual([]);
    expect((await subscribers.get(`whatsapp:${user}`))?.blockedAt).toBeUndefined();

    // They write again: the next broadcast reaches them.
    await h.say(user, text('menu'));
    const second = warning('warn-window-3');
    await broadcasts.create(second);
    expect(await fanOut.deliver({ broadcast: second.id, address: `whatsapp:${user}` })).toBe('sent');
    expect(JSON.stringify(sentTo(h, user, from).map((m) => m.payload))).toContain('PT Contoh Palsu');
  });
});
