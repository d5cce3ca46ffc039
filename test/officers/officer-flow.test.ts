import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/core/ports.js';
import { TODAY, chat, makeEngine } from '../helpers/engine.js';
import { MALANG, TERNYANG, reportLines } from '../helpers/report-script.js';
import { invite } from './officer-steps.js';

type Setup = ReturnType<typeof makeEngine>;

async function join(
  s: Setup,
  address: string,
  role: 'village' | 'district' | 'admin',
  area: string,
  name: string,
) {
  const c = chat(s.engine, address);
  const out = c.text(await c.say(`petugas ${await invite(s, role, area, name)}`));
  expect(out).toContain('Selamat bergabung');
  return c;
}

async function fileReport(
  s: Setup,
  address: string,
  answers: Parameters<typeof reportLines>[0] = {},
  settle: () => Promise<unknown> = () => s.reports.queue.idle(),
) {
  const c = chat(s.engine, address);
  for (const line of reportLines(answers)) await c.say(line);
  const out = c.text(await c.say('1'));
  const code = /R-[A-Z0-9]{6}/.exec(out)?.[0];
  if (!code) throw new Error(`not received: ${out}`);
  await settle();
  return { c, code };
}

const textTo = (s: Setup, address: string) =>
  s.sender.sent
    .filter((x) => x.address === address)
    .flatMap((x) => x.messages.map((m) => `${m.title ?? ''}\n${m.body}`))
    .join('\n---\n');

const history = async (s: Setup, code: string) => (await s.reports.store.history(code)).map((h) => h.type);

describe('officers: joining', () => {
  it('joins with a one-time code and confirms the area; wrong, used and expired codes get clear answers', async () => {
    const s = makeEngine();
    const code = await invite(s, 'village', TERNYANG, 'Bu Sri');
    const a = chat(s.engine, 'telegram:700');
    const joined = a.text(await a.say(`/petugas ${code.toLowerCase().replace('-', ' ')}`));
    expect(joined).toContain('Anda terdaftar sebagai petugas desa: Ternyang, Sumberpucung, Kabupaten Malang');
    expect(joined).toContain('Menu petugas');
    const b = chat(s.engine, 'telegram:701');
    expect(b.text(await b.say(`petugas ${code}`))).toContain('Kode itu sudah dipakai');
    expect(b.text(await b.say('petugas AAAA-AAAA'))).toContain('Kode itu salah');
    const old = await invite(s, 'village', TERNYANG, 'Pak Lama', -1);
    expect(b.text(await b.say(`petugas ${old}`))).toContain('sudah kedaluwarsa');
    // "petugas" alone from someone who is not one.
    expect(b.text(await b.say('petugas'))).toContain('belum terdaftar sebagai petugas');
  });

  it('limits wrong codes per chat, then refuses even a right one for an hour', async () => {
    const s = makeEngine();
    const good = await invite(s, 'village', TERNYANG, 'Bu Sri');
    const c = chat(s.engine, 'whatsapp:6281300000009');
    for (let i = 0; i < 5; i++)
      expect(c.text(await c.say(`petugas QQQQ-QQQ${String(i + 3)}`))).toContain('Kode itu salah');
    expect(c.text(await c.say(`petugas ${good}`))).toContain('Terlalu banyak percobaan');
  });
});

describe('officers: alerts and actions', () => {
  it('villager reports → officer alerted → takes it → reporter sees the status → officer resolves with an outcome', async () => {
    const s = makeEngine();
    const officer = await join(s, 'telegram:801', 'village', TERNYANG, 'Bu Sri');
    const { c: villager, code } = await fileReport(s, 'telegram:900', { updates: '1' });
    const alert = textTo(s, 'telegram:801');
    expect(alert).toContain(`Laporan perekrut mencurigakan ${code}`);
    expect(alert).toContain(`Balas TERIMA ${code}`);
    expect(alert).not.toContain('telegram:900');
    const alertButtons = s.sender.sent
      .find((x) => x.address === 'telegram:801')
      ?.messages[0]?.actions?.map((a) => a.id);
    expect(alertButtons).toContain(`@o:ack:${code}`);

    const taken = officer.text(await officer.send({ choiceId: `@o:ack:${code}` }));
    expect(taken).toContain(`Tersimpan untuk laporan ${code}`);
    expect(taken).toContain('Status: ditangani oleh Bu Sri');
    await s.reports.queue.idle();
    expect(textTo(s, 'telegram:900')).toContain('sedang ditangani petugas desa');
    expect(villager.text(await villager.say(`cek ${code}`))).toContain('sedang ditangani petugas desa');

    await officer.say(`selesai ${code}`);
    await officer.say('2'); // perekrut sudah diperingatkan
    const closed = officer.text(await officer.say('Sudah kami datangi bersama Babinsa'));
    expect(closed).toContain('Status: selesai');
    expect(closed).toContain('Hasil: perekrut sudah diperingatkan');
    await s.reports.queue.idle();
    expect(textTo(s, 'telegram:900')).toContain('Hasil: perekrut sudah diperingatkan');
    expect(await history(s, code)).toEqual(expect.arrayContaining(['acknowledged', 'resolved']));
    expect((await s.reports.store.get(code))?.outcome).toBe('warned');
  });

  it('gives the report to the first officer who takes it and tells the others', async () => {
    const s = makeEngine();
    const first = await join(s, 'console:desa-a', 'village', TERNYANG, 'Bu Sri');
    const second = await join(s, 'console:desa-b', 'village', TERNYANG, 'Pak Joko');
    const { code } = await fileReport(s, 'console:warga');
    expect(textTo(s, 'console:desa-a')).toContain(code);
    expect(textTo(s, 'console:desa-b')).toContain(code);
    await first.say(`terima ${code}`);
    await s.reports.queue.idle();
    expect(textTo(s, 'console:desa-b')).toContain(`sudah diterima oleh Bu Sri`);
    expect(second.text(await second.say(`terima ${code}`))).toContain(`sudah diterima oleh Bu Sri`);
    expect(first.text(await first.say(`terima ${code}`))).toContain('Tidak ada yang berubah');
  });

  it('adds notes and shows the history with officer names', async () => {
    const s = makeEngine();
    const officer = await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
    const { code } = await fileReport(s, 'console:warga');
    await officer.say(`catatan ${code} Perekrut sering datang hari Jumat`);
    const view = officer.text(await officer.say(`lihat ${code}`));
    expect(view).toContain('catatan Bu Sri: Perekrut sering datang hari Jumat');
    expect(view).toContain('pemberitahuan terkirim ke Bu Sri');
    const list = officer.text(await officer.say('petugas'));
    expect(list).toContain(`${code} · Ternyang`);
  });

  it('relays a question and its answer without either side learning the other', async () => {
    const s = makeEngine();
    const officer = await join(s, 'telegram:801', 'village', TERNYANG, 'Bu Sri');
    const { c: villager, code } = await fileReport(s, 'whatsapp:6281234000001', { contact: '2' });
    await officer.say(`tanya ${code}`);
    const asked = officer.text(await officer.say('Kapan dia datang lagi?'));
    expect(asked).toContain(`Tersimpan untuk laporan ${code}`);
    await s.reports.queue.idle();
    const question = textTo(s, 'whatsapp:6281234000001');
    expect(question).toContain('Kapan dia datang lagi?');
    expect(question).not.toContain('Bu Sri');
    expect(question).not.toContain('801');
    const answered = villager.text(await villager.say(`jawab ${code} Katanya Jumat depan`));
    expect(answered).toContain('sudah diteruskan ke petugas');
    await s.reports.queue.idle();
    const answer = textTo(s, 'telegram:801');
    expect(answer).toContain('Katanya Jumat depan');
    expect(answer).not.toContain('6281234000001');
  });
});

describe('officers: authorisation (every action checked on the server, refusals audited apart from the history)', () => {
  it('refuses forged buttons from someone who is not an officer, and records it', async () => {
    const s = makeEngine();
    await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
    const { code } = await fileReport(s, 'console:warga');
    const stranger = chat(s.engine, 'telegram:666');
    expect(stranger.text(await stranger.send({ choiceId: `@o:ack:${code}` }))).toContain(
      'Hanya petugas terdaftar',
    );
    expect(stranger.text(await stranger.send({ choiceId: `@o:show:${code}` }))).toContain('tidak ditemukan');
    expect(stranger.text(await stranger.send({ choiceId: '@o:ack:R-ZZZZZZ' }))).toContain(
      'Hanya petugas terdaftar',
    );
    // Data the bot never makes (a code of another shape, an unknown kind): the button is refused.
    expect(stranger.text(await stranger.send({ choiceId: '@o:ack:R-ZZZ' }))).toContain(
      'Tombol itu sudah tidak berlaku',
    );
    expect(stranger.text(await stranger.send({ choiceId: '@o:drop-table:R-AAAAAA' }))).toContain(
      'Tombol itu sudah tidak berlaku',
    );
    expect(stranger.text(await stranger.send({ choiceId: '@x:ack:R-AAAAAA' }))).toContain(
      'Tombol itu sudah tidak berlaku',
    );
    const refused = (await s.reports.store.auditLog(code)).filter((h) => h.type === 'refused');
    expect(refused.map((h) => h.reason)).toEqual(['ack: not an officer', 'view: not an officer']);
    expect(await history(s, code)).not.toContain('refused');
    expect((await s.reports.store.get(code))?.status).toBe('notified');
  });

  it("refuses another area's report as not found, hides bypassed reports from village officers, and refuses a revoked officer", async () => {
    const s = makeEngine();
    const ternyang = await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
    const other = await join(s, 'console:lain', 'village', '32.01.16.2013', 'Pak Lain');
    await join(s, 'console:kab', 'district', MALANG, 'Pak Kabupaten');
    const { code } = await fileReport(s, 'console:warga');
    expect(other.text(await other.say(`terima ${code}`))).toContain(
      `Laporan ${code} tidak ditemukan di wilayah Anda`,
    );
    const bypass = await fileReport(s, 'console:warga2', { bypass: '2', phones: '0813 2222 3333' });
    expect(ternyang.text(await ternyang.say(`lihat ${bypass.code}`))).toContain(
      'tidak ditemukan di wilayah Anda',
    );
    expect(textTo(s, 'console:desa')).not.toContain(bypass.code);
    expect(textTo(s, 'console:kab')).toContain(bypass.code);

    const officer = await s.reports.officers.byAddress('console:desa');
    if (!officer) throw new Error('no officer');
    await s.reports.officers.save({ ...officer, active: false });
    expect(ternyang.text(await ternyang.say(`terima ${code}`))).toContain('Hanya petugas terdaftar');
    const reasons = (await s.reports.store.auditLog(code)).map((h) => h.reason);
    expect(reasons).toEqual(["ack: outside the officer's area", 'ack: not an officer']);
    expect(await history(s, code)).not.toContain('refused');
  });

  it('refuses a replayed resolve and asking a reporter who did not agree, and records both', async () => {
    const s = makeEngine();
    const officer = await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
    const { code } = await fileReport(s, 'console:warga', { contact: '1' });
    expect(officer.text(await officer.say(`tanya ${code} siapa namamu?`))).toContain(
      'tidak bersedia dihubungi',
    );
    await officer.say(`selesai ${code}`);
    await officer.say('5');
    await officer.say('lewati');
    await officer.say(`selesai ${code}`);
    await officer.say('1');
    expect(officer.text(await officer.say('lewati'))).toContain('Tidak ada yang berubah');
    expect((await s.reports.store.get(code))?.outcome).toBe('false');
    const reasons = (await s.reports.store.auditLog(code)).map((h) => h.reason);
    expect(reasons).toEqual(['ask: reporter did not agree', 'resolve: report resolved']);
    expect(await history(s, code)).not.toContain('refused');
  });
});

describe('officers: escalation (controllable clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes an untaken report to the district after the set time, tells the village officers, and stops once taken', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(TODAY);
    const clock: Clock = { now: () => new Date() };
    const s = makeEngine({ clock });
    await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
    const district = await join(s, 'console:kab', 'district', MALANG, 'Pak Kabupaten');
    await join(s, 'console:admin', 'admin', '', 'Admin');
    // Due jobs run on timers too: let them run without moving the clock far.
    const settle = () => vi.advanceTimersByTimeAsync(50);
    const { code } = await fileReport(s, 'console:warga', { updates: '1' }, settle);
    expect(textTo(s, 'console:kab')).not.toContain(code);
    await vi.advanceTimersByTimeAsync(3_600_000 + 1000);
    await settle();
    expect(textTo(s, 'console:kab')).toContain(`DITERUSKAN: laporan ${code}`);
    expect(textTo(s, 'console:desa')).toContain(`Laporan ${code} diteruskan`);
    expect(textTo(s, 'console:warga')).toContain('diteruskan ke petugas kabupaten/kota');
    expect((await s.reports.store.get(code))?.status).toBe('escalated');
    await district.say(`terima ${code}`);
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    await settle();
    expect(textTo(s, 'console:admin')).not.toContain(code);
    expect((await s.reports.store.get(code))?.status).toBe('acknowledged');
  });
});
