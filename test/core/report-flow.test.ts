import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/ports.js';
import type { ReportDesk } from '../../src/core/report.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { exportReports } from '../../src/cli/report-export.js';
import { TODAY, chat, last, makeEngine, testVillages } from '../helpers/engine.js';
import { MALANG, TERNYANG, officer, reportLines, reportLinesToEvidence } from '../helpers/report-script.js';

async function fileReport(c: ReturnType<typeof chat>, lines: readonly string[]) {
  for (const line of lines) await c.say(line);
  return c.say('1'); // "Kirim laporan" on the review screen
}

/** Each reading one second later: drafts started one after another have their own start time. */
function ticking(): Clock {
  let ms = TODAY.getTime();
  return { now: () => new Date((ms += 1000)) };
}

const codeIn = (text: string): string => {
  const m = /R-[A-Z0-9]{6}/.exec(text);
  if (!m) throw new Error(`no report code in: ${text}`);
  return m[0];
};

describe('report wizard', () => {
  it('files a report, says "received" with a code, alerts the village officer and tells the reporter', async () => {
    const { engine, reports, sender } = makeEngine();
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    const c = chat(engine, 'telegram:501');
    for (const line of reportLines()) await c.say(line);
    const review = c.text(c.history.at(-1) ?? []);
    expect(review).toContain('Periksa laporan Anda');
    expect(review).toContain('Nomor HP: +62 812 3456 7890');
    expect(review).toContain('Desa: Ternyang, Kec. Sumberpucung, Kabupaten Malang, Jawa Timur');
    expect(review).toContain('Identitas Anda: dirahasiakan');
    const done = c.text(await c.say('1'));
    expect(done).toContain('Laporan diterima');
    const code = codeIn(done);
    expect(code).toMatch(/^R-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);

    await reports.queue.idle();
    const alert = sender.sent.find((s) => s.address === 'console:desa');
    const alertText = alert?.messages.map((m) => `${m.title ?? ''}\n${m.body}`).join('\n') ?? '';
    expect(alertText).toContain(code);
    expect(alertText).toContain('Pak Darto');
    expect(alertText).toContain('paspor ditahan');
    expect(alertText).toContain('Pelapor: dirahasiakan');
    // The reporter's chat address is not in the alert.
    expect(alertText).not.toContain('501');
    const notice = sender.sent.find((s) => s.address === 'telegram:501');
    expect(notice?.messages[0]?.body).toContain('sudah sampai ke petugas desa');

    const record = await reports.store.get(code);
    expect(record?.status).toBe('notified');
    const history = (await reports.store.history(code)).map((h) => h.type);
    expect(history).toEqual(['submitted', 'routed', 'alert-sent', 'notified', 'reporter-told']);

    const status = c.text(await c.say(`cek ${code.toLowerCase()}`));
    expect(status).toContain(`Status laporan ${code}`);
    expect(status).toContain('sudah sampai ke petugas desa');
  });

  it('shows the status to the reporter only: anyone else gets "not found"', async () => {
    const { engine, reports } = makeEngine();
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    const reporter = chat(engine, 'whatsapp:6281200000001');
    const code = codeIn(reporter.text(await fileReport(reporter, reportLines())));
    const stranger = chat(engine, 'whatsapp:6281200000002');
    const out = stranger.text(await stranger.say(`cek ${code}`));
    expect(out).toContain(`Laporan ${code} tidak ditemukan`);
    expect(stranger.text(await stranger.say('R-ZZ'))).not.toContain('Status laporan');
  });

  it('routes a village without officers to the district, and the bypass straight to the district', async () => {
    const { engine, reports, sender } = makeEngine();
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    await reports.officers.save(officer('kab', 'district', MALANG));
    const a = chat(engine, 'console:a');
    const noOfficer = codeIn(
      a.text(
        await fileReport(a, reportLines({ village: 'Sumberpucung Sumberpucung', phones: '0813 1111 2222' })),
      ),
    );
    const b = chat(engine, 'console:b');
    const bypass = codeIn(b.text(await fileReport(b, reportLines({ bypass: '2' }))));
    await reports.queue.idle();
    expect(sender.sent.filter((s) => s.address === 'console:kab').map((s) => s.messages[0]?.title)).toEqual([
      `Laporan perekrut mencurigakan ${noOfficer}`,
      `Laporan perekrut mencurigakan ${bypass}`,
    ]);
    expect(sender.sent.some((s) => s.address === 'console:desa')).toBe(false);
    const routed = (await reports.store.history(noOfficer)).find((h) => h.type === 'routed');
    expect(routed).toMatchObject({ level: 'district', area: MALANG });
    expect(routed?.reason).toContain('no officer registered for village 35.07.12.2006');
    const bypassed = (await reports.store.history(bypass)).find((h) => h.type === 'routed');
    expect(bypassed?.reason).toContain('reporter asked to bypass the village');
    expect(c2(sender, bypass)).toContain('Dikirim langsung ke kabupaten/kota');
  });

  it('tells the user the report was NOT received when the desk fails, keeps the draft, and a retry sends it once', async () => {
    let fail = true;
    const holder: { desk?: ReportDesk } = {};
    const flaky: ReportDesk = {
      submit: (req) =>
        fail
          ? Promise.reject(new Error('redis down'))
          : (holder.desk?.submit(req) ?? Promise.reject(new Error('no desk'))),
      status: (code, who) => holder.desk?.status(code, who) ?? Promise.resolve(undefined),
    };
    const { engine, reports } = makeEngine({ reports: flaky });
    holder.desk = reports.desk;
    const c = chat(engine);
    const out = c.text(await fileReport(c, reportLines()));
    expect(out).toContain('BELUM terkirim');
    expect(out).toContain('Periksa laporan Anda');
    fail = false;
    const code = codeIn(c.text(await c.say('1')));
    expect(await reports.store.codesByReporter('console:test')).toEqual([code]);
    // Sending the same draft again (a retry after a lost reply) gives the same report.
    expect(codeIn(c.text(await c.say('1')))).toBe(code);
  });

  it('links a second report of the same recruiter phone on the same day instead of alerting again', async () => {
    const { engine, reports, sender } = makeEngine({ clock: ticking() });
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    const c = chat(engine);
    const first = codeIn(c.text(await fileReport(c, reportLines())));
    const second = c.text(
      await fileReport(c, reportLines({ name: 'Darto lagi', phones: '+62 812-3456-7890' })),
    );
    expect(second).toContain('Sudah pernah dilaporkan');
    expect(codeIn(second)).toBe(first);
    await reports.queue.idle();
    expect(sender.sent.filter((s) => s.address === 'console:desa')).toHaveLength(1);
    expect((await reports.store.history(first)).map((h) => h.type)).toContain('reported-again');
  });

  it('keeps several recruiter phones apart: review, alert, export, and a repeat of any of them links', async () => {
    const both = ['+62 812 3456 7890', '+62 813 1111 2222'];
    const lists = [
      '0812 3456 7890, 0813 1111 2222',
      '0812-3456-7890 / 0813-1111-2222',
      '0812 3456 7890\n0813 1111 2222',
      '0812 3456 7890 dan 0813 1111 2222',
      '081234567890 atau +62 813-1111-2222',
      '0812.3456.7890; 0813.1111.2222',
    ];
    for (const phones of lists) {
      const { engine } = makeEngine();
      const c = chat(engine, 'console:lists');
      for (const line of reportLines({ phones })) await c.say(line);
      const review = c.text(c.history.at(-1) ?? []);
      expect(review, phones).toContain(`Nomor HP: ${both.join(', ')}`);
      expect(review, phones).not.toContain('ext.');
    }

    const { engine, reports, sender } = makeEngine({ clock: ticking() });
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    const c = chat(engine, 'console:two');
    const code = codeIn(c.text(await fileReport(c, reportLines({ phones: lists[0] }))));
    await reports.queue.idle();
    const alert = sender.sent.find((s) => s.address === 'console:desa');
    const alertText = alert?.messages.map((m) => m.body).join('\n') ?? '';
    for (const phone of both) expect(alertText).toContain(phone);
    let csv = '';
    await exportReports(
      { store: reports.store, villages: testVillages() },
      { write: (chunk: string) => (csv += chunk) },
      { format: 'csv', withReporter: false },
    );
    expect(csv).toContain(`'${both.join('|')}`);

    const again = c.text(await fileReport(c, reportLines({ name: 'Darto lagi', phones: '0813-1111-2222' })));
    expect(again).toContain('Sudah pernah dilaporkan');
    expect(codeIn(again)).toBe(code);
  });

  it('limits reports per reporter per day with a polite message and keeps the draft', async () => {
    const { engine, reports } = makeEngine({ clock: ticking() });
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    const c = chat(engine);
    for (let i = 0; i < 5; i++) {
      const out = c.text(await fileReport(c, reportLines({ phones: `0812 5555 00${10 + i}` })));
      expect(out).toContain('Laporan diterima');
    }
    const sixth = c.text(await fileReport(c, reportLines({ phones: '0812 5555 0099' })));
    expect(sixth).toContain('Hari ini Anda sudah mengirim 5 laporan');
    expect(sixth).toContain('Periksa laporan Anda');
  });

  it('re-asks unreadable phones, over-long answers, unknown villages and codes; finds a village by its code', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    await c.say('lapor');
    await c.say('Darto');
    expect(c.text(await c.say('nomornya lupa'))).toContain('Nomor itu tidak terbaca');
    await c.say('0812 3456 7890');
    expect(c.text(await c.say('x'.repeat(301)))).toContain('terlalu panjang');
    // Company, how the offer came, country, job, salary, fees asked, money paid, documents, place.
    for (let i = 0; i < 9; i++) await c.say('lewati');
    expect(c.text(await c.say('Qwxyzv Plokmn'))).toContain('Desa itu tidak ditemukan');
    expect(c.text(await c.say('99.99.99.9999'))).toContain('Kode desa itu tidak ada');
    const byCode = c.text(await c.say('3507122001'));
    expect(byCode).toContain('1. Ternyang, Kec. Sumberpucung');
    expect(byCode).toContain('Bukan semua, cari lagi');
    expect(c.text(await c.send({ choiceId: 'v7' }))).toContain('Tombol itu sudah tidak berlaku');
    expect(c.text(await c.say('1'))).toContain('Ada bukti?');
  });

  it('asks for at least one way to identify the recruiter', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    await c.say('lapor');
    await c.say('lewati');
    await c.say('lewati');
    const out = c.text(await c.say('lewati'));
    expect(out).toContain('Tulis paling sedikit satu');
    expect(last(c.history.at(-1) ?? []).body).toContain('Siapa nama');
  });

  it('takes photos as evidence within type, size and count limits', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    for (const line of reportLinesToEvidence()) await c.say(line);
    const photo = (ref: string, mime = 'image/jpeg', size = 100_000) => ({
      kind: 'photo' as const,
      ref,
      mime,
      size,
    });
    expect(c.text(await c.send({ media: [photo('a')], text: 'brosur' }))).toContain('1 keterangan, 1 foto');
    expect(c.text(await c.send({ media: [photo('b', 'application/pdf')] }))).toContain('tidak bisa dipakai');
    expect(c.text(await c.send({ media: [photo('c', 'image/png', 6 * 1024 * 1024)] }))).toContain(
      'terlalu besar',
    );
    const many = await c.send({ media: ['d', 'e', 'f', 'g', 'h'].map((r) => photo(r)) });
    expect(c.text(many)).toContain('Paling banyak 5 foto');
    expect(c.text(many)).toContain('1 keterangan, 5 foto');
    // A photo outside the evidence step is not used.
    await c.say('selesai');
    expect(c.text(await c.send({ media: [photo('z')] }))).toContain('Apakah petugas boleh menghubungi Anda?');
  });

  it('keeps the draft when the user leaves, offers to continue, and drops it after a day', async () => {
    let now = TODAY;
    const clock: Clock = { now: () => now };
    const { engine } = makeEngine({ clock, store: new MemorySessionStore(30 * 86_400_000, clock) });
    const c = chat(engine);
    for (const line of reportLines().slice(0, 4)) await c.say(line);
    await c.say('0');
    const resume = c.text(await c.say('lapor'));
    expect(resume).toContain('laporan yang belum dikirim');
    expect(c.text(await c.say('1'))).toContain('Bagaimana tawaran kerja itu sampai');
    await c.say('menu');
    now = new Date(TODAY.getTime() + 25 * 3_600_000);
    const expired = c.text(await c.say('lapor'));
    expect(expired).toContain('lebih dari sehari');
    expect(expired).toContain('Siapa nama');
  });

  it('"batal" drops the draft', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    for (const line of reportLines().slice(0, 4)) await c.say(line);
    await c.say('batal');
    expect(c.text(await c.say('lapor'))).not.toContain('belum dikirim');
  });

  it('lets the reporter change an answer from the review and returns to the review', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    for (const line of reportLines()) await c.say(line);
    await c.say('2'); // Ubah
    await c.say('1'); // Nama perekrut
    const review = c.text(await c.say('Bu Sri'));
    expect(review).toContain('Periksa laporan Anda');
    expect(review).toContain('Perekrut: Bu Sri');
  });

  it('opens from a deep link and from the menu words', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    expect(c.text(await c.send({ start: true, text: 'lapor' }))).toContain('Siapa nama');
    await c.say('0');
    expect(c.text(await c.say('laporkan calo'))).toContain('Siapa nama');
  });
});

function c2(sender: ReturnType<typeof makeEngine>['sender'], code: string): string {
  return sender.sent
    .filter((s) => s.messages.some((m) => m.title?.includes(code)))
    .flatMap((s) => s.messages.map((m) => m.body))
    .join('\n');
}
