import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.js';
import { reporterId } from '../../src/reports/keys.js';
import type { RegisterStore } from '../../src/reports/register-store.js';
import { createKeys, registerKeys, registerRecorderId } from '../../src/storage/keys.js';
import type { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { chat, recordingSender } from '../helpers/engine.js';
import { startRedisReports, until } from '../helpers/report-harness.js';
import { redisEngine } from '../helpers/redis-engine.js';
import { TERNYANG, officer, reportLines } from '../helpers/report-script.js';
import { dumpRedis, keysMentioning } from './redis-dump.js';

const USER = 'telegram:7394018265';
const OWN_PHONE_FORMS = ['0857-1111-2222', '085711112222', '6285711112222', '+62 857 1111 2222'];
/** The contact number the user agreed to give with a departure they told the village of, as stored. */
const REGISTER_CONTACT = '+62 819 4444 5555';

const codeIn = (text: string): string => {
  const m = /R-[A-Z0-9]{6}/.exec(text);
  if (!m) throw new Error(`no report code in: ${text}`);
  return m[0];
};

describe('"hapus" (delete my data) on Redis with the real report pipeline', () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const sender = recordingSender();
  let harness: Awaited<ReturnType<typeof startRedisReports>> | undefined;
  let sessions: RedisSessionStore | undefined;

  afterAll(async () => {
    sessions?.close();
    if (!harness) return;
    const dump = await dumpRedis(harness.redis, prefix);
    if (dump.length > 0) await harness.redis.del(...dump.map((k) => k.key));
    await harness.close();
  });

  async function start(): Promise<{
    engine: Engine;
    h: NonNullable<typeof harness>;
    store: RedisSessionStore;
    register: RegisterStore;
  }> {
    const h = await startRedisReports({ prefix, sender });
    harness = h;
    await h.officers.save(officer('desa', 'village', TERNYANG));
    const { engine, store, register } = redisEngine(h, prefix);
    sessions = store;
    return { engine, h, store, register };
  }

  it('deletes the session, the unsent draft, the register entry and the reporter from their report; the report stays', async () => {
    const { engine, h, store, register } = await start();
    const c = chat(engine, USER);

    // A report filed and delivered (the reporter asked to be told of changes).
    for (const line of reportLines({ updates: '1' })) await c.say(line);
    const code = codeIn(c.text(await c.say('1')));
    await until(async () => (await h.queue.busy()) === 0 && sender.sent.some((s) => s.address === USER));

    // A second report left midway, with the user's own number in a note.
    const draft = reportLines({
      name: 'Bu Yati',
      phones: '0813 2222 3333',
      evidence: ['nomor saya 0857-1111-2222'],
    });
    for (const line of draft.slice(0, draft.indexOf('selesai'))) await c.say(line);

    // A departure told to the village from the menu, with a contact number the user agreed to give.
    await c.say('menu');
    await c.send({ choiceId: 'register' });
    for (const step of [
      { choiceId: 'departure' },
      { choiceId: 'yes' }, // the consent screen
      { choiceId: 'family' },
      { text: 'Wulan' },
      { text: 'Ternyang Sumberpucung' },
      { choiceId: 'v0' },
      { text: 'Malaysia' },
      { text: 'PT Sinar Tenggara' },
      { text: '03/2026' },
      { text: 'Feb 2027' },
      { choiceId: 'phone' },
    ])
      await c.send(step);
    expect(c.text(await c.say('0819-4444-5555'))).toContain('Keberangkatan Wulan sudah dicatat');
    const recorder = registerRecorderId(USER);
    const [entryId, ...more] = await register.idsByRecorder(recorder);
    expect(entryId).toBeDefined();
    expect(more).toEqual([]);
    expect(await register.get(entryId ?? '')).toMatchObject({ who: 'Wulan', contact: REGISTER_CONTACT });

    await c.say('menu');
    await store.flush();
    const rid = reporterId(USER);
    const before = await dumpRedis(h.redis, prefix);
    expect(keysMentioning(before, USER)).not.toEqual([]);
    expect(keysMentioning(before, '0857-1111-2222')).not.toEqual([]);
    expect(keysMentioning(before, `ri:who:${rid}`)).not.toEqual([]);
    // The register's entry and its indexes, the recorder's set named by its hashed id.
    expect(keysMentioning(before, REGISTER_CONTACT)).toEqual([registerKeys(prefix).entry(entryId ?? '')]);
    expect(keysMentioning(before, recorder)).toContain(registerKeys(prefix).byRecorder(recorder));
    expect(keysMentioning(before, entryId ?? '').length).toBeGreaterThan(2);

    const asked = c.text(await c.say('hapus data saya'));
    expect(asked).toContain('Hapus data Anda');
    expect(asked).toContain('catatan keberangkatan dan kepulangan');
    expect(asked).toContain('tetap disimpan agar petugas bisa menanganinya');
    const done = c.text(await c.say('ya'));
    expect(done).toContain('Data Anda sudah dihapus');
    expect(done).toContain('Laporan Anda (1) tetap ditangani petugas');
    expect(done).toContain('Menu utama');
    await store.flush();
    await until(async () => (await h.queue.busy()) === 0);

    const after = await dumpRedis(h.redis, prefix);
    const digits = USER.slice(USER.indexOf(':') + 1);
    expect(keysMentioning(after, digits)).toEqual([]);
    for (const form of OWN_PHONE_FORMS) expect(keysMentioning(after, form)).toEqual([]);
    expect(keysMentioning(after, 'Bu Yati')).toEqual([]);
    expect(keysMentioning(after, '+6281322223333')).toEqual([]);
    // The register entry, its index entries, the recorder's hashed id and the contact number are gone.
    for (const needle of [
      recorder,
      entryId ?? '',
      REGISTER_CONTACT,
      '0819-4444-5555',
      'Wulan',
      'PT Sinar Tenggara',
    ])
      expect(keysMentioning(after, needle)).toEqual([]);
    expect(await register.idsByArea('')).toEqual([]);
    // Only the day's report count keeps the hashed id (a number, two days), so deleting cannot reset the limit.
    expect(
      keysMentioning(after, rid).every((k) => k.startsWith(createKeys(prefix).reports.daily(rid, ''))),
    ).toBe(true);
    expect(await h.redis.exists(createKeys(prefix).session(USER))).toBe(0);

    // The report itself stays for the officers, with what was reported and a note that the reporter left.
    const record = await h.store.get(code);
    expect(record?.details.recruiter.name).toBe('Pak Darto');
    expect(record?.details.notes).toContain('Dia bilang bisa berangkat tanpa pelatihan');
    expect(await h.store.reporter(code)).toBeUndefined();
    expect((await h.store.history(code)).at(-1)).toMatchObject({ type: 'reporter-data-removed' });
    expect(await h.store.codesByReporter(USER)).toEqual([]);

    // The same chat cannot find its report any more, and gets no more notices about it.
    expect(c.text(await c.say(`cek ${code}`))).toContain(`Laporan ${code} tidak ditemukan`);
    const told = sender.sent.filter((s) => s.address === USER).length;
    expect(await h.officerDesk.act('console:desa', { type: 'ack', code })).toMatchObject({ type: 'done' });
    await until(async () => (await h.queue.busy()) === 0);
    expect(sender.sent.filter((s) => s.address === USER)).toHaveLength(told);

    // The new session (from "cek") holds only the menu and the language.
    await store.flush();
    const fresh = await h.redis.get(createKeys(prefix).session(USER));
    expect(fresh).toMatch(/^\d+:\{"v":1,"l":"id","f":"(menu|status)","s":"\w+"(,"d":\{.*\})?\}$/);
    expect(fresh).not.toContain('Bu Yati');
  }, 60_000);

  it('asks first: "tidak" keeps everything, and an officer is sent to the admin instead', async () => {
    const { engine, h } = await start();
    const villager = chat(engine, 'telegram:5550001');
    await villager.say('halo');
    await villager.say('1'); // Bahasa Indonesia, from the language list a new user sees first
    await villager.say('hapus');
    expect(villager.text(await villager.say('tidak'))).toContain('data Anda tidak dihapus');
    expect(await h.redis.exists(createKeys(prefix).session('telegram:5550001'))).toBe(1);

    const desa = chat(engine, 'console:desa');
    const out = desa.text(await desa.say('hapus'));
    expect(out).toContain('Anda terdaftar sebagai petugas');
    expect(out).not.toContain('Hapus data Anda sekarang?');
    expect(await h.officers.byAddress('console:desa')).toMatchObject({ active: true });
  });
});
