import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptedStream, type UserFacingSocketConfig, type WAMessage } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWhatsApp, type WhatsAppChannel } from '../../../src/channels/whatsapp/start.js';
import type { WhatsAppConfig } from '../../../src/config/config.js';
import type { Engine } from '../../../src/core/engine.js';
import type { InboundMessage } from '../../../src/core/message.js';
import { RecipientUnreachable, type MessageSender } from '../../../src/core/ports.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { makeEngine, realCallCentre, testVillages } from '../../helpers/engine.js';
import { TERNYANG, reportLinesToEvidence } from '../../helpers/report-script.js';
import { testRedis } from '../../helpers/redis.js';
import { FakeSocket, USER, USER_JID, nextId, textFrom } from './fake-socket.js';
import { createKeys } from '../../../src/storage/keys.js';
import { whatsAppRedisParts } from '../../../src/main/channel-parts.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const OGG = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(3000, 5)]);

describe('WhatsApp channel driven through a fake Baileys socket (real engine, real Redis)', () => {
  const ctx = testRedis();
  const translator = createTranslator('locales');
  const logger = pino({ level: 'silent' });
  const inbound: InboundMessage[] = [];
  // Alerts and notices go through the WhatsApp channel under test once one is started.
  const viaChannel: { sender?: MessageSender } = {};
  const setup = makeEngine({
    senders: {
      whatsapp: {
        send: (a, m) =>
          viaChannel.sender?.send(a, m) ?? Promise.reject(new RecipientUnreachable(a, 'no channel')),
      },
    },
  });
  const real = setup.engine;
  const engine: Engine = {
    handle: (msg) => {
      inbound.push(msg);
      return real.handle(msg);
    },
  };
  const running: WhatsAppChannel[] = [];
  let account = 0;
  let server: Server;
  let baseUrl = '';
  const files = new Map<string, Buffer>();
  let downloads = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      downloads++;
      const body = files.get(req.url ?? '');
      res.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await ctx.cleanup();
  });

  async function start(name = `acc${++account}`, config: Partial<WhatsAppConfig> = {}) {
    const sockets: FakeSocket[] = [];
    const result = await startWhatsApp({
      redis: ctx.redis,
      engine,
      translator,
      callCentre: realCallCentre(),
      logger,
      parts: whatsAppRedisParts(ctx.redis, createKeys(ctx.prefix), name),
      config: {
        account: name,
        sendIntervalMs: 0,
        sendJitterMs: 1,
        groups: [],
        mediaMaxBytes: 5 * 1024 * 1024,
        libLogLevel: 'silent',
        ...config,
      },
      makeSocket: (cfg: UserFacingSocketConfig) => {
        const s = new FakeSocket(cfg);
        sockets.push(s);
        return s;
      },
      terminal: { write: () => true } as unknown as NodeJS.WritableStream,
      leaseWaitMs: 0,
      leaseTtlMs: 600,
      idlePollMs: 10,
      backoff: { baseMs: 5, maxMs: 20, stableMs: 1000 },
    });
    if (result.ok) running.push(result.channel);
    const last = () => sockets[sockets.length - 1]!;
    return { result, sockets, last, keys: createKeys(ctx.prefix).whatsapp(name), name };
  }

  async function started(name?: string, config: Partial<WhatsAppConfig> = {}) {
    const s = await start(name, config);
    if (!s.result.ok) throw new Error(s.result.reason);
    s.last().open();
    return { ...s, channel: s.result.channel };
  }

  /** Sends a message and returns the texts the bot sends back for it. */
  async function say(sock: FakeSocket, text: string, from = USER_JID) {
    const before = sock.sent.length;
    const handled = inbound.length;
    sock.receive([textFrom(from, text)]);
    await vi.waitFor(
      () => {
        expect(inbound.length).toBeGreaterThan(handled);
        expect(sock.sent.length).toBeGreaterThan(before);
      },
      { timeout: 3000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    return sock.sent.slice(before);
  }

  /** A photo (with a caption) or a recorded voice note, encrypted as WhatsApp serves it, on the file server. */
  async function mediaMessage(kind: 'image' | 'audio', bytes: Buffer, caption = ''): Promise<WAMessage> {
    const enc = await encryptedStream(bytes, kind);
    const path = `/${nextId()}.enc`;
    files.set(path, readFileSync(enc.encFilePath));
    const common = { url: `${baseUrl}${path}`, mediaKey: enc.mediaKey, fileLength: enc.fileLength };
    return {
      key: { remoteJid: USER_JID, fromMe: false, id: nextId() },
      message:
        kind === 'image'
          ? { imageMessage: { ...common, mimetype: 'image/jpeg', caption } }
          : { audioMessage: { ...common, mimetype: 'audio/ogg; codecs=opus', ptt: true } },
    };
  }

  it('answers a user as a phone would show it: the numbered menu, then the guide', async () => {
    const { last, channel, keys } = await started();
    const menu = await say(last(), 'halo');
    expect(menu.every((m) => m.jid === USER_JID)).toBe(true);
    const text = menu.map((m) => m.text).join('\n');
    expect(text).toContain('*Menu utama*');
    expect(text).toMatch(/^1\. Cara kerja ke luar negeri secara resmi$/m);
    expect(inbound.at(-1)).toMatchObject({ channel: 'whatsapp', userKey: `whatsapp:${USER}`, text: 'halo' });

    const guide = (await say(last(), '1')).map((m) => m.text).join('\n');
    expect(guide).toContain('*Cara kerja ke luar negeri secara resmi*');
    expect(guide).toMatch(/^_0\. Menu utama_$/m);
    const topic = (await say(last(), '1')).map((m) => m.text).join('\n');
    expect(topic.length).toBeGreaterThan(100);
    expect(topic).not.toBe(guide);

    expect(last().read.length).toBe(3);
    expect(await ctx.redis.zscore(keys.contactable, `whatsapp:${USER}`)).not.toBeNull();
    expect(channel.health()).toMatchObject({ status: 'open', healthy: true, ready: true });
  });

  it('receives a photo as evidence: downloaded with Baileys, decrypted, checked and stored in Redis', async () => {
    const { last, channel } = await started();
    const before = inbound.length;
    last().receive([await mediaMessage('image', JPEG, 'ini buktinya')]);
    await vi.waitFor(() => expect(inbound.length).toBe(before + 1));
    const msg = inbound.at(-1)!;
    expect(msg.text).toBe('ini buktinya');
    expect(msg.media).toHaveLength(1);
    const media = msg.media![0]!;
    expect(media).toMatchObject({ kind: 'photo', mime: 'image/jpeg', size: JPEG.length });
    expect(await channel.media.get(media.ref)).toEqual(JPEG);
    expect(await ctx.redis.ttl(media.ref)).toBeGreaterThan(86_400);
    expect(await channel.media.get('dm:s:whatsapp:62812')).toBeUndefined();
  });

  it('receives a recorded voice note (push-to-talk) as a voice medium; outside a report: please type, or call 0800-1000', async () => {
    const { last, channel } = await started();
    await say(last(), 'menu');
    const before = inbound.length;
    const sentBefore = last().sent.length;
    last().receive([await mediaMessage('audio', OGG)]);
    await vi.waitFor(() => expect(inbound.length).toBe(before + 1));
    const media = inbound.at(-1)?.media?.[0];
    expect(media).toMatchObject({ kind: 'voice', mime: 'audio/ogg', size: OGG.length });
    expect(await channel.media.get(media?.ref ?? '')).toEqual(OGG);
    await vi.waitFor(() => expect(last().sent.length).toBeGreaterThan(sentBefore));
    expect(last().sent.at(-1)?.text).toContain(
      'Maaf, pesan suara belum bisa kami baca. Silakan ketik pesan Anda, atau telepon 0800-1000.',
    );
  });

  it('files a report with a photo, and the village officer on WhatsApp gets the alert through the outbox', async () => {
    // The village directory loads once (half a second of work): before the channel and its short lease.
    testVillages().byCode(TERNYANG);
    const { last, channel } = await started();
    viaChannel.sender = channel.sender;
    const officerAddress = 'whatsapp:6281399990000';
    await setup.reports.officers.save({
      id: 'owa',
      role: 'village',
      area: TERNYANG,
      address: officerAddress,
      name: 'Pak Kades',
      locale: 'id',
      active: true,
      joinedAt: '2026-11-01T00:00:00.000Z',
    });
    await channel.markContactable(officerAddress); // officers registered themselves by writing to the bot
    await say(last(), 'menu'); // the same user chatted in the tests before
    for (const line of reportLinesToEvidence()) await say(last(), line);
    const before = last().sent.length;
    last().receive([await mediaMessage('image', JPEG, 'brosurnya')]);
    await vi.waitFor(() => expect(last().sent.length).toBeGreaterThan(before));
    expect(last().sent.at(-1)?.text).toContain('1 keterangan, 1 foto');
    // A recorded voice note as evidence too.
    const beforeVoice = last().sent.length;
    last().receive([await mediaMessage('audio', OGG)]);
    await vi.waitFor(() => expect(last().sent.length).toBeGreaterThan(beforeVoice));
    expect(last().sent.at(-1)?.text).toContain('Pesan suara tersimpan: 1');
    for (const line of ['selesai', '1', '1', '1']) await say(last(), line);
    const received = (await say(last(), '1')).map((m) => m.text).join('\n');
    expect(received).toContain('*Laporan diterima*');
    const code = /R-[A-Z0-9]{6}/.exec(received)?.[0] ?? '';
    await setup.reports.queue.idle();
    await vi.waitFor(() =>
      expect(last().sent.some((m) => m.jid === '6281399990000@s.whatsapp.net' && m.text.includes(code))).toBe(
        true,
      ),
    );
    const officerJid = '6281399990000@s.whatsapp.net';
    const alert = last().sent.find((m) => m.jid === officerJid)?.text ?? '';
    expect(alert).toContain(`*Laporan perekrut mencurigakan ${code}*`);
    expect(alert).toContain('Foto bukti: 1');
    expect(alert).toContain('Pesan suara: 1');
    expect(alert).toContain(`Balas TERIMA ${code}`);
    expect(alert).not.toContain(USER);
    const stored = await setup.reports.store.get(code);
    expect(stored?.details.media.map((m) => m.kind)).toEqual(['photo', 'voice']);
    expect(await channel.media.get(stored?.details.media[0]?.ref ?? '')).toEqual(JPEG);
    // The evidence itself goes to the officer first, through the same paced outbox: the photo, then
    // the voice note as a push-to-talk note, then the alert's text.
    const toOfficer = last().media.filter((m) => m.jid === officerJid);
    expect(toOfficer.map((m) => [m.kind, m.bytes.length, m.mimetype, m.ptt, m.afterTexts])).toEqual([
      ['image', JPEG.length, 'image/jpeg', undefined, 0],
      ['audio', OGG.length, 'audio/ogg', true, 0],
    ]);
    expect(toOfficer[0]?.bytes).toEqual(JPEG);
    expect(toOfficer[1]?.bytes).toEqual(OGG);
    // Nothing went to the reporter but text.
    expect(last().media.filter((m) => m.jid === USER_JID)).toEqual([]);
  });

  it('refuses photos that are too large (before downloading) or not really images, and says so', async () => {
    const { last } = await started(undefined, { mediaMaxBytes: 1024 * 1024 });
    const downloadsBefore = downloads;
    const image = (extra: object) => ({
      key: { remoteJid: USER_JID, fromMe: false, id: nextId() },
      message: { imageMessage: { url: `${baseUrl}/x.enc`, mediaKey: Buffer.alloc(32, 1), ...extra } },
    });
    last().receive([image({ mimetype: 'image/jpeg', fileLength: 3 * 1024 * 1024 })]);
    await vi.waitFor(() => expect(last().sent.length).toBeGreaterThan(0));
    expect(last().sent[0]!.text).toContain('Foto Anda terlalu besar. Kirim foto di bawah 1 MB.');
    expect(last().sent[0]!.text).not.toContain('kosong');
    expect(downloads).toBe(downloadsBefore);

    const sent = last().sent.length;
    last().receive([image({ mimetype: 'image/gif', fileLength: 100 })]);
    await vi.waitFor(() => expect(last().sent.length).toBeGreaterThan(sent));
    expect(last().sent.at(-1)!.text).toContain('JPG, PNG atau WebP');

    // Declared a JPEG, but the bytes are not one.
    const enc = await encryptedStream(Buffer.from('<html>not an image</html>'), 'image');
    files.set('/fake.enc', readFileSync(enc.encFilePath));
    const count = last().sent.length;
    last().receive([
      image({ url: `${baseUrl}/fake.enc`, mediaKey: enc.mediaKey, mimetype: 'image/jpeg', fileLength: 25 }),
    ]);
    await vi.waitFor(() => expect(last().sent.length).toBeGreaterThan(count));
    expect(last().sent.at(-1)!.text).toContain('JPG, PNG atau WebP');
  });

  it('ignores own messages, status, groups, reactions, history, and a second delivery of a message', async () => {
    const { last, channel, name } = await started();
    inbound.length = 0;
    const sock = last();
    const first = textFrom(USER_JID, 'halo');
    sock.receive([first]);
    sock.receive([first]); // delivered again
    sock.receive([textFrom(USER_JID, 'menu', { fromMe: true })]);
    sock.receive([textFrom('status@broadcast', 'story', { participant: USER_JID })]);
    sock.receive([textFrom('120363012345678901@g.us', 'menu', { participant: USER_JID })]);
    sock.receive([textFrom(USER_JID, 'menu')], 'append');
    sock.receive([
      {
        key: { remoteJid: USER_JID, fromMe: false, id: nextId() },
        message: { reactionMessage: { text: '👍', key: first.key } },
      },
    ]);
    await vi.waitFor(() => expect(sock.sent.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sock.sent).toHaveLength(1);

    // After a restart on the same account the message is still known as answered.
    await channel.stop();
    const again = await started(name);
    again.last().receive([first]);
    again.last().receive([textFrom(USER_JID, 'menu')]);
    await vi.waitFor(() => expect(again.last().sent.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(inbound.filter((m) => m.text === 'halo')).toHaveLength(1);
  });

  it('answers in a configured group, each member with their own conversation', async () => {
    const group = '120363012345678901@g.us';
    const { last } = await started(undefined, { groups: [group] });
    const sock = last();
    sock.receive([textFrom(group, 'halo', { participant: USER_JID })]);
    await vi.waitFor(() => expect(sock.sent.length).toBeGreaterThan(0));
    expect(sock.sent[0]!.jid).toBe(group);
    expect(inbound.at(-1)!.userKey).toBe(`whatsapp:group:120363012345678901:${USER}`);
  });

  it('names a LID sender by number when Baileys knows it, and answers in the LID chat', async () => {
    const { last, keys } = await started();
    const lid = '123456789012345@lid';
    last().lids.set(lid, '6289900001111@s.whatsapp.net');
    const reply = await say(last(), 'halo', lid);
    expect(reply[0]!.jid).toBe(lid);
    expect(inbound.at(-1)!.userKey).toBe('whatsapp:6289900001111');
    expect(await ctx.redis.zscore(keys.contactable, 'whatsapp:6289900001111')).not.toBeNull();
  });

  it('sends alerts only to who wrote first or registered, through the paced outbox', async () => {
    const { last, channel } = await started();
    const alert = [{ title: 'Laporan baru', body: 'Ada laporan R-0001.', choices: [] }];
    await expect(channel.sender.send('whatsapp:6281111111111', alert)).rejects.toBeInstanceOf(
      RecipientUnreachable,
    );
    await expect(channel.sender.send('telegram:1', alert)).rejects.toBeInstanceOf(RecipientUnreachable);
    await expect(channel.sender.send('whatsapp:group:1203:62811', alert)).rejects.toBeInstanceOf(
      RecipientUnreachable,
    );
    await channel.markContactable('whatsapp:6281111111111');
    await channel.sender.send('whatsapp:6281111111111', alert);
    await channel.sender.send('whatsapp:6281111111111', [{ body: 'kedua', choices: [] }]);
    await vi.waitFor(() => expect(last().sent).toHaveLength(2));
    expect(last().sent).toEqual([
      { jid: '6281111111111@s.whatsapp.net', text: '*Laporan baru*\nAda laporan R-0001.' },
      { jid: '6281111111111@s.whatsapp.net', text: 'kedua' },
    ]);
  });

  it('persists the credentials on creds.update', async () => {
    const { last, keys } = await started();
    const config = last().config!;
    config.auth.creds.me = { id: '6281234567890:7@s.whatsapp.net' };
    config.auth.creds.registered = true;
    last().emit('creds.update', { me: config.auth.creds.me, registered: true });
    await vi.waitFor(async () => {
      const stored = await ctx.redis.get(keys.auth.creds);
      expect(stored).toContain('6281234567890:7@s.whatsapp.net');
    });
  });

  it('keeps replies queued while disconnected and sends them, in order, after reconnecting', async () => {
    const { last, sockets, channel } = await started();
    await channel.markContactable(`whatsapp:${USER}`);
    last().close(408);
    expect(channel.health()).toMatchObject({ status: 'reconnecting', ready: false, healthy: true });
    for (const body of ['satu', 'dua', 'tiga'])
      await channel.sender.send(`whatsapp:${USER}`, [{ body, choices: [] }]);
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    expect(sockets[0]!.sent).toEqual([]);
    last().open();
    await vi.waitFor(() => expect(last().sent.map((s) => s.text)).toEqual(['satu', 'dua', 'tiga']));
  });

  it('lets one process own a number: a second is refused, and takes over after the first stops', async () => {
    const first = await started('shared');
    const second = await start('shared');
    expect(second.result.ok).toBe(false);
    if (!second.result.ok) expect(second.result.reason).toMatch(/another process/);
    expect(second.sockets).toHaveLength(0);

    // Queued while the first one runs but is disconnected: the second one sends it.
    first.last().close(408);
    await first.channel.markContactable(`whatsapp:${USER}`);
    await first.channel.sender.send(`whatsapp:${USER}`, [{ body: 'pesan tertunda', choices: [] }]);
    await first.channel.stop();
    expect(await ctx.redis.exists(first.keys.lease)).toBe(0);

    const third = await started('shared');
    await vi.waitFor(() => expect(third.last().sent.map((s) => s.text)).toEqual(['pesan tertunda']));
  });

  it('stops sending and goes unhealthy at once when its lease is taken', async () => {
    const { last, channel, keys } = await started();
    await ctx.redis.set(keys.lease, 'other-host:1:abcd', 'PX', 10_000);
    await vi.waitFor(() => expect(channel.health().status).toBe('lease_lost'), { timeout: 2000 });
    expect(channel.health().healthy).toBe(false);
    expect(last().ended).toBe(true);
    await channel.markContactable(`whatsapp:${USER}`);
    await channel.sender.send(`whatsapp:${USER}`, [{ body: 'x', choices: [] }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(last().sent).toEqual([]);
    expect(await ctx.redis.get(keys.lease)).toBe('other-host:1:abcd');
  });

  it('stops for good, unhealthy, and forgets the pairing when WhatsApp logs it out', async () => {
    const { last, sockets, channel, keys } = await started();
    last().emit('creds.update', {});
    await vi.waitFor(async () => expect(await ctx.redis.exists(keys.auth.creds)).toBe(1));
    last().close(401);
    await vi.waitFor(async () => expect(await ctx.redis.exists(keys.auth.creds)).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets).toHaveLength(1);
    expect(channel.health()).toMatchObject({ status: 'logged_out', healthy: false });
  });
});
