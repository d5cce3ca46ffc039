import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createContactBook } from '../../src/channels/whatsapp/contacts.js';
import { createRedisMediaStore } from '../../src/channels/whatsapp/media.js';
import { createOutbox } from '../../src/channels/whatsapp/outbox.js';
import { createSeenMessages } from '../../src/channels/whatsapp/seen-messages.js';
import { createWhatsAppSender } from '../../src/channels/whatsapp/sender.js';
import { type MessageSender } from '../../src/core/ports.js';
import { newInviteCode } from '../../src/officers/invites.js';
import { createKeys, reporterId } from '../../src/storage/keys.js';
import { chat, recordingSender, silentLogger } from '../helpers/engine.js';
import { startRedisReports, until } from '../helpers/report-harness.js';
import { redisEngine } from '../helpers/redis-engine.js';
import { TERNYANG, reportLines } from '../helpers/report-script.js';
import { channelScripts } from '../../src/main/channel-parts.js';

/** People of the flows below: every one of them is a chat address that must never be a key name. */
const OFFICER = 'telegram:7394018265';
const DISTRICT_OFFICER = 'whatsapp:6281234567890';
const REPORTER = 'whatsapp:6285711112222';
const VISITOR = 'telegram:5550001234';
const GUESSER = 'whatsapp:6289900001111';
/** The recruiter's phone as typed, and as the wizard stores it. */
const RECRUITER = '0813 2222 3333';
const NEEDLES = [
  '7394018265',
  '6281234567890',
  '6285711112222',
  '5550001234',
  '6289900001111',
  '81322223333',
];

const codeIn = (text: string): string => {
  const m = /R-[A-Z0-9]{6}/.exec(text);
  if (!m) throw new Error(`no report code in: ${text}`);
  return m[0];
};

/**
 * The engine on Redis with the real report pipeline; WhatsApp addresses are sent to through the real
 * WhatsApp sender and paced outbox (not started, so what it queued is still in Redis when keys are listed).
 */
async function start(prefix: string) {
  const keys = createKeys(prefix);
  const recorded = recordingSender();
  // The WhatsApp sender needs the harness's Redis: it is set once the harness runs.
  const senders: { whatsapp?: MessageSender } = {};
  const sender: MessageSender = {
    send: (address, messages) =>
      address.startsWith('whatsapp:') && senders.whatsapp
        ? senders.whatsapp.send(address, messages)
        : recorded.send(address, messages),
  };
  const h = await startRedisReports({ prefix, sender });
  const wa = keys.whatsapp('main');
  const contacts = createContactBook(h.redis, wa.contactable);
  const media = createRedisMediaStore(h.redis, wa.media, undefined, wa.mediaBy);
  const seen = createSeenMessages(h.redis, wa.seen);
  const outbox = createOutbox({
    defineScripts: channelScripts,
    redis: h.redis,
    keys: wa.outbox,
    deliver: () => Promise.resolve(),
    canDeliver: () => false,
    intervalMs: 1000,
    jitterMs: 0,
    logger: silentLogger,
  });
  senders.whatsapp = createWhatsAppSender({ contacts, outbox, owns: (ref) => media.owns(ref) });
  // Not about a new user's language list: an officer's first message here is "petugas KODE".
  const { engine, store: sessions } = redisEngine(h, prefix, {
    languageListFirst: false,
    channels: {
      whatsapp: async (address) => {
        await contacts.forget(address);
        await media.forget(address);
        await outbox.forget(address);
      },
    },
  });
  /** What the WhatsApp channel does with each message it receives: the sender may be written to again. */
  const whatsAppUser = (address: string) => {
    const c = chat(engine, address);
    return {
      ...c,
      async say(text: string) {
        await contacts.markContactable(address);
        await seen.firstTime(`${address.slice('whatsapp:'.length)}@s.whatsapp.net`, randomUUID());
        return c.say(text);
      },
    };
  };
  const join = async (address: string, role: 'village' | 'district', area: string, name: string) => {
    const code = newInviteCode();
    const now = Date.now();
    await h.invites.add(code, {
      role,
      area,
      name,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 3_600_000).toISOString(),
    });
    const c = address.startsWith('whatsapp:') ? whatsAppUser(address) : chat(engine, address);
    expect(c.text(await c.say(`petugas ${code}`))).toContain('Selamat bergabung');
    return c;
  };
  const idle = () => until(async () => (await h.queue.busy()) === 0);
  return { h, keys, engine, sessions, outbox, media, whatsAppUser, join, idle, recorded };
}

/** Every key name matching `pattern` (the test Redis is shared with other test files, each under its own prefix). */
async function scan(redis: Awaited<ReturnType<typeof start>>['h']['redis'], pattern: string) {
  const names: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    names.push(...found);
  } while (cursor !== '0');
  return names;
}

/** Every stored session. */
async function sessionValues(s: Awaited<ReturnType<typeof start>>): Promise<string[]> {
  const names = await scan(s.h.redis, s.keys.sessionPattern);
  return (await Promise.all(names.map((k) => s.h.redis.get(k)))).filter((v): v is string => v !== null);
}

describe('what Redis keeps about people, in key names and officer sessions', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });
  const setUp = async () => {
    const prefix = `test:${randomUUID().slice(0, 8)}:`;
    const s = { ...(await start(prefix)), prefix };
    closers.push(async () => {
      s.sessions.close();
      const names = await scan(s.h.redis, `${prefix}*`);
      if (names.length > 0) await s.h.redis.del(...names);
      await s.h.close();
    });
    return s;
  };

  it('an officer session keeps only the report code: after "hapus" no officer session holds the address', async () => {
    const s = await setUp();
    const officer = await s.join(OFFICER, 'village', TERNYANG, 'Bu Sri');
    const reporter = s.whatsAppUser(REPORTER);
    // The reporter agrees to be contacted directly: officers then see their number.
    for (const line of reportLines({ phones: RECRUITER, contact: '3', updates: '1' }))
      await reporter.say(line);
    const code = codeIn(reporter.text(await reporter.say('1')));
    await s.idle();

    const page = officer.text(await officer.say(`lihat ${code}`));
    expect(page).toContain('Pelapor bersedia dihubungi langsung');
    expect(page).toContain('6285711112222');
    await s.sessions.flush();
    const officerSession = (await s.h.redis.get(s.keys.session(OFFICER))) ?? '';
    expect(officerSession).toContain(code);
    expect(officerSession).not.toContain('6285711112222');
    expect(officerSession).not.toContain('Pak Darto');

    expect(reporter.text(await reporter.say('hapus'))).toContain('Hapus data Anda');
    expect(reporter.text(await reporter.say('ya'))).toContain('Data Anda sudah dihapus');
    await s.sessions.flush();
    await s.idle();
    const sessions = await sessionValues(s);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.filter((v) => v.includes('6285711112222'))).toEqual([]);

    // The page is read again each time it is shown: the number is gone from it too.
    const again = officer.text(await officer.say(`lihat ${code}`));
    expect(again).toContain(code);
    expect(again).not.toContain('6285711112222');
    // A step on the page (an action that needs text) re-shows it from the store as well.
    expect(officer.text(await officer.say('1'))).not.toContain('6285711112222');
  }, 60_000);

  it('lists no phone number or Telegram id among the key names after a full flow of such users', async () => {
    const s = await setUp();
    const officer = await s.join(OFFICER, 'village', TERNYANG, 'Bu Sri');
    await s.join(DISTRICT_OFFICER, 'district', '35.07', 'Pak Budi');
    await s.whatsAppUser(GUESSER).say('petugas ZZZZ-ZZZZ');

    const visitor = chat(s.engine, VISITOR);
    await visitor.say('halo');
    await visitor.say('2');

    const reporter = s.whatsAppUser(REPORTER);
    await s.media.put(Buffer.from([0xff, 0xd8, 0xff, 0x00]), REPORTER);
    for (const line of reportLines({ phones: RECRUITER, contact: '2', updates: '1' }))
      await reporter.say(line);
    const code = codeIn(reporter.text(await reporter.say('1')));
    await s.idle();
    expect(officer.text(await officer.say(`terima ${code}`))).toContain(code);
    await officer.say(`tanya ${code} Kapan dia datang lagi?`);
    await s.idle();
    // A second report the same day with the same recruiter phone: linked through the hashed phone.
    for (const line of reportLines({ phones: RECRUITER, name: 'Pak Darto lagi' })) await reporter.say(line);
    expect(reporter.text(await reporter.say('1'))).toContain(code);
    await s.sessions.flush();
    await s.idle();

    // SCAN 0 MATCH <prefix>*: every key this bot wrote.
    const names = await scan(s.h.redis, `${s.prefix}*`);
    const wa = s.keys.whatsapp('main');
    // The flow left keys of every kind: sessions, officers by chat, the outbox, contacts, photos, links.
    for (const key of [
      s.keys.session(REPORTER),
      s.keys.session(OFFICER),
      s.keys.session(VISITOR),
      s.keys.session(GUESSER),
      s.keys.officers.address(OFFICER),
      s.keys.officers.address(DISTRICT_OFFICER),
      s.keys.invites.failures(GUESSER),
      wa.outbox.queue(REPORTER),
      wa.mediaBy(REPORTER),
      s.keys.reports.report(code),
    ])
      expect(names).toContain(key);
    const links = s.keys.reports.phoneLinks(reporterId(REPORTER)).slice(0, -1);
    expect(names.filter((k) => k.startsWith(links))).toHaveLength(1);
    expect(names.filter((k) => k.includes(':seen:')).length).toBeGreaterThan(10);
    for (const needle of NEEDLES) expect(names.filter((k) => k.includes(needle))).toEqual([]);
  }, 60_000);
});
