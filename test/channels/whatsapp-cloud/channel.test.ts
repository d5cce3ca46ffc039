import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GraphError } from '../../../src/channels/whatsapp-cloud/graph-api.js';
import { OutsideWindow } from '../../../src/channels/whatsapp-cloud/sender.js';
import type { Engine } from '../../../src/core/engine.js';
import type { InboundMessage, OutboundMessage } from '../../../src/core/message.js';
import { RecipientUnreachable } from '../../../src/core/ports.js';
import { makeEngine } from '../../helpers/engine.js';
import { APP_SECRET, messageBody, startHarness, statusBody, VERIFY_TOKEN, type Harness } from './harness.js';

const USER = '6281234567001';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const HOUR = 3_600_000;

describe('WhatsApp Cloud API channel (fake Graph API, real engine, real Redis)', () => {
  const inbound: InboundMessage[] = [];
  const real = makeEngine().engine;
  const engine: Engine = {
    handle: (msg) => {
      inbound.push(msg);
      return real.handle(msg);
    },
  };
  let h: Harness & { cleanupRedis: () => Promise<void> };

  beforeAll(async () => {
    h = await startHarness({
      engine,
      templates: new Map([
        ['officer.alert', { name: 'demimas_officer_alert', language: 'id', params: ['title'] }],
      ]),
    });
  });
  afterEach(() => {
    inbound.length = 0;
    h.graph.sent.length = 0;
  });
  afterAll(async () => {
    await h.close();
    await h.cleanupRedis();
  });

  it('answers the verification challenge only for the verify token', async () => {
    const good = await h.get(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=8472`);
    expect(good).toEqual({ status: 200, text: '8472' });
    const bad = await h.get('hub.mode=subscribe&hub.verify_token=guess&hub.challenge=8472');
    expect(bad.status).toBe(403);
    expect(bad.text).toBe('');
  });

  it('refuses forged, unsigned and re-serialised bodies, and bodies over the size limit', async () => {
    const body = messageBody(USER, { type: 'text', text: { body: 'halo' } }, h.clock.now());
    expect((await h.post(body, { secret: 'not-the-app-secret' })).status).toBe(401);
    expect((await h.post(body, { signature: null })).status).toBe(401);
    expect((await h.post(body, { signature: 'sha256=zz' })).status).toBe(401);
    // Signed over the parsed-and-serialised JSON with extra spaces in the raw body: not the raw bytes.
    const { signBody } = await import('../../../src/channels/whatsapp-cloud/signature.js');
    const spaced = body.replace('"halo"', ' "halo"');
    expect((await h.post(spaced, { signature: signBody(body, APP_SECRET) })).status).toBe(401);
    expect((await h.post('x'.repeat(1024 * 1024 + 10))).status).toBe(413);
    await h.channel.drain();
    expect(inbound).toEqual([]);
    expect(h.graph.sent).toEqual([]);
  });

  it('answers a text message through the Graph API and ignores a second delivery of it', async () => {
    const body = messageBody(USER, { type: 'text', text: { body: 'halo' } }, h.clock.now(), 'wamid.dup1');
    expect((await h.post(body)).status).toBe(200);
    await h.channel.drain();
    const first = h.graph.sent.length;
    expect(first).toBeGreaterThan(0);
    expect(h.graph.sent.every((m) => m.to === USER)).toBe(true);
    expect((await h.post(body)).status).toBe(200);
    await h.channel.drain();
    expect(inbound.filter((m) => m.text === 'halo')).toHaveLength(1);
    expect(h.graph.sent).toHaveLength(first);
  });

  it('sends choices as buttons or a list, and a press comes back as that choice', async () => {
    const body = messageBody(USER, { type: 'text', text: { body: 'lapor' } }, h.clock.now());
    await h.post(body);
    await h.channel.drain();
    const interactive = h.graph.sent.find((m) => m.type === 'interactive');
    expect(interactive, JSON.stringify(h.graph.sent.map((m) => m.payload))).toBeDefined();
    const i = interactive?.payload.interactive as {
      type: string;
      action: {
        buttons?: { reply: { id: string; title: string } }[];
        sections?: { rows: { id: string; title: string }[] }[];
      };
    };
    const options =
      i.type === 'button'
        ? (i.action.buttons ?? []).map((b) => b.reply)
        : (i.action.sections?.[0]?.rows ?? []).map((r) => ({ id: r.id, title: r.title }));
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) expect(o.title.length).toBeLessThanOrEqual(i.type === 'button' ? 20 : 24);
    const pick = options[0];
    if (!pick) throw new Error('no option');
    h.graph.sent.length = 0;
    const reply =
      i.type === 'button'
        ? { type: 'interactive', interactive: { type: 'button_reply', button_reply: pick } }
        : { type: 'interactive', interactive: { type: 'list_reply', list_reply: pick } };
    await h.post(messageBody(USER, reply, h.clock.now()));
    await h.channel.drain();
    expect(inbound.at(-1)?.choiceId).toBe(pick.id);
    expect(h.graph.sent.length).toBeGreaterThan(0);
  });

  it('keeps the 24-hour window on the clock: free-form inside, the template outside, nothing without one', async () => {
    const user = '6281234567002';
    const address = `whatsapp:${user}`;
    await h.post(messageBody(user, { type: 'text', text: { body: 'halo' } }, h.clock.now()));
    await h.channel.drain();
    h.graph.sent.length = 0;
    const notice: OutboundMessage[] = [
      { title: 'Status laporan', body: 'Laporan Anda sedang diperiksa.', choices: [] },
    ];
    h.clock.advance(23 * HOUR);
    expect(await h.channel.sender.deliver(address, notice)).toMatchObject({ type: 'free-form' });
    expect(h.graph.sent.at(-1)?.type).toBe('text');

    h.clock.advance(2 * HOUR);
    // No template for a notice: not attempted, and said so.
    await expect(h.channel.sender.deliver(address, notice)).rejects.toBeInstanceOf(OutsideWindow);
    expect(h.graph.sent).toHaveLength(1);
    // An alert (it has actions) goes as its template, its title as the parameter.
    const alert: OutboundMessage[] = [
      {
        title: 'Laporan baru LP-1',
        body: 'Detail…',
        choices: [],
        actions: [{ id: 'take', n: 1, label: 'Ambil' }],
      },
    ];
    expect(await h.channel.sender.deliver(address, alert)).toMatchObject({
      type: 'template',
      name: 'demimas_officer_alert',
    });
    expect(h.graph.sent.at(-1)?.payload.template).toEqual({
      name: 'demimas_officer_alert',
      language: { code: 'id' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Laporan baru LP-1' }] }],
    });
    // The user writes again: the window is open again.
    await h.post(messageBody(user, { type: 'text', text: { body: 'menu' } }, h.clock.now()));
    await h.channel.drain();
    expect(await h.channel.sender.deliver(address, notice)).toMatchObject({ type: 'free-form' });
  });

  it('never messages a number that has not written, and never outside the window without registration', async () => {
    await expect(
      h.channel.sender.send('whatsapp:6289999999999', [{ body: 'x', choices: [] }]),
    ).rejects.toBeInstanceOf(RecipientUnreachable);
    expect(h.graph.sent).toEqual([]);
  });

  it('classifies Graph errors: rate limit retried, re-engagement → template, undeliverable → unreachable', async () => {
    const user = '6281234567003';
    const address = `whatsapp:${user}`;
    await h.post(messageBody(user, { type: 'text', text: { body: 'halo' } }, h.clock.now()));
    await h.channel.drain();
    h.graph.sent.length = 0;
    const alert: OutboundMessage[] = [
      { title: 'Laporan baru', body: 'Detail', choices: [], actions: [{ id: 'take', n: 1, label: 'Ambil' }] },
    ];
    h.graph.failSends({ status: 400, code: 130429 }, { status: 429, code: 130429 });
    expect(await h.channel.sender.deliver(address, alert)).toMatchObject({ type: 'free-form' });
    h.graph.failSends({ status: 400, code: 131047 });
    expect(await h.channel.sender.deliver(address, alert)).toMatchObject({ type: 'template' });
    h.graph.failSends({ status: 400, code: 131026 });
    await expect(h.channel.sender.deliver(address, alert)).rejects.toBeInstanceOf(RecipientUnreachable);
    expect(await h.state.isUnreachable(address)).toBe(true);
    const before = h.graph.sent.length;
    await expect(h.channel.sender.send(address, alert)).rejects.toBeInstanceOf(RecipientUnreachable);
    expect(h.graph.sent).toHaveLength(before);
    h.graph.failSends({ status: 400, code: 100 });
    await h.post(messageBody(user, { type: 'text', text: { body: 'halo' } }, h.clock.now()));
    await h.channel.drain();
    expect(await h.state.isUnreachable(address)).toBe(false);
    h.graph.failSends({ status: 400, code: 100 });
    await expect(h.channel.sender.deliver(address, alert)).rejects.toBeInstanceOf(GraphError);
  });

  it('records delivery statuses: a count per status and the last status per message', async () => {
    await h.post(statusBody('wamid.out-x', 'sent', USER));
    await h.post(statusBody('wamid.out-x', 'delivered', USER));
    await h.post(statusBody('wamid.out-y', 'failed', USER, 131026));
    await h.post(statusBody('wamid.out-z', 'bogus', USER));
    await h.channel.drain();
    expect(h.statuses).toEqual(['sent', 'delivered', 'failed']);
    expect(await h.state.lastStatus('wamid.out-x')).toMatchObject({ status: 'delivered' });
    expect(await h.state.lastStatus('wamid.out-y')).toMatchObject({ status: 'failed', errorCode: 131026 });
  });

  it('downloads a photo with the token and hands the engine a stored reference; other types are refused', async () => {
    h.graph.addMedia('media-photo-1', JPEG, 'image/jpeg');
    await h.post(
      messageBody(
        USER,
        { type: 'image', image: { id: 'media-photo-1', mime_type: 'image/jpeg' } },
        h.clock.now(),
      ),
    );
    await h.channel.drain();
    const media = inbound.at(-1)?.media?.[0];
    expect(media).toMatchObject({ kind: 'photo', mime: 'image/jpeg', size: JPEG.length });
    h.graph.addMedia('media-fake', Buffer.from('not an image'), 'image/jpeg');
    await h.post(
      messageBody(
        USER,
        { type: 'image', image: { id: 'media-fake', mime_type: 'image/jpeg' } },
        h.clock.now(),
      ),
    );
    await h.channel.drain();
    expect(inbound.at(-1)?.media).toBeUndefined();
    const said = JSON.stringify(h.graph.sent.at(-1)?.payload);
    expect(said).toContain('hanya bisa menerima foto');
    expect(h.graph.unauthorised).toBe(0);
  });

  it('answers a voice note: please type, or call the KP2MI call centre (facts H-01)', async () => {
    await h.post(
      messageBody(
        USER,
        { type: 'audio', audio: { id: 'media-voice', mime_type: 'audio/ogg; codecs=opus', voice: true } },
        h.clock.now(),
      ),
    );
    await h.channel.drain();
    const said = h.graph.sent.map((m) => JSON.stringify(m.payload)).join('\n');
    expect(said).toContain(
      'Maaf, pesan suara belum bisa kami baca. Silakan ketik pesan Anda, atau telepon 0800-1000.',
    );
  });
});
