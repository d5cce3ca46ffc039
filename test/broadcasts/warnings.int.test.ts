import { afterAll, describe, expect, it } from 'vitest';
import { auditLine } from '../../src/cli/broadcasts-commands.js';
import { testRedis } from '../helpers/redis.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import { startWarnings } from './warning-harness.js';

const parts = testRedis();
const harnesses: Awaited<ReturnType<typeof startWarnings>>[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await parts.cleanup();
});

async function setup(limits?: { perOfficer: number; perArea: number }) {
  const h = await startWarnings(parts.prefix, limits);
  harnesses.push(h);
  return h;
}

const WARNING = 'Ada calo menawarkan kerja ke Taiwan tanpa biaya lewat grup WhatsApp. Jangan bayar apa pun.';
const BLITAR = '35.05';
const SURABAYA = '35.78';

/** Texts a recorded sender sent to one address. */
const to = (
  sender: { sent: { address: string; messages: { title?: string; body: string }[] }[] },
  a: string,
) =>
  sender.sent
    .filter((s) => s.address === a)
    .flatMap((s) => s.messages.map((m) => `${m.title ?? ''}\n${m.body}`));

describe('officer warnings in chat, on real Redis', () => {
  it('a district officer writes, sees the message and the number of recipients, confirms; only that district’s subscribers get it, once', async () => {
    const h = await setup();
    await h.join('dist1', 'district', MALANG);
    await h.subscribe('telegram:1', MALANG, 'id');
    await h.subscribe('telegram:2', MALANG, 'en');
    await h.subscribe('whatsapp:628111', MALANG, 'jv');
    await h.subscribe('telegram:9', BLITAR);
    const officer = h.chat('telegram:dist1');

    const home = await officer('petugas');
    expect(home).toContain('Kirim peringatan ke warga');
    const ask = await officer('Kirim peringatan ke warga');
    expect(ask).toContain('dikirim ke 3 pelanggan peringatan di Kabupaten Malang');
    expect(ask).toContain('Sisa kiriman Anda dalam 24 jam: 3.');
    expect(await officer('awas calo')).toContain('terlalu pendek');
    const preview = await officer(WARNING);
    expect(preview).toContain('Begini pesan yang akan diterima warga');
    expect(preview).toContain(WARNING);
    expect(preview).toContain('Dikirim oleh petugas Kabupaten Malang.');
    expect(preview).toContain('Ketik STOP untuk berhenti');
    expect(preview).toContain('dikirim ke 3 pelanggan');
    expect(h.started).toEqual([]);
    const done = await officer('Kirim sekarang');
    expect(done).toContain('masuk antrean kirim untuk 3 pelanggan');
    expect(done).toContain('Menu petugas');
    expect(h.started).toHaveLength(1);
    const id = h.started[0] ?? '';
    expect(await h.broadcasts.get(id)).toMatchObject({
      by: 'dist1',
      audience: { type: 'warnings', district: MALANG },
      body: { kind: 'text', texts: { id: WARNING }, from: 'Kabupaten Malang' },
    });

    await h.deliver(id);
    await h.deliver(id);
    for (const a of ['telegram:1', 'telegram:2', 'whatsapp:628111']) {
      expect(to(h.subscriberSender, a)).toHaveLength(1);
      expect(to(h.subscriberSender, a)[0]).toContain(WARNING);
    }
    // The officer's text as written; the rest in each subscriber's language.
    expect(to(h.subscriberSender, 'telegram:1')[0]).toContain('Dikirim oleh petugas Kabupaten Malang.');
    expect(to(h.subscriberSender, 'telegram:2')[0]).toContain('Sent by the officers of Kabupaten Malang.');
    expect(to(h.subscriberSender, 'whatsapp:628111')[0]).toContain(
      'Dipunkirim dening petugas Kabupaten Malang.',
    );
    expect(to(h.subscriberSender, 'whatsapp:628111')[0]).toContain('Ketik STOP kangge mandheg');
    expect(to(h.subscriberSender, 'telegram:9')).toEqual([]);
    expect((await h.broadcasts.status(id))?.sent).toBe(3);

    const [entry] = await h.store.auditLog(5);
    expect(entry).toMatchObject({
      action: 'send',
      officer: 'dist1',
      role: 'district',
      area: MALANG,
      id,
      recipients: 3,
      outcome: 'sent',
    });
    // As `broadcasts warnings` prints it.
    expect(entry && auditLine(entry)).toMatch(
      /^2026-11-29T08:00 {2}dist1 \(district\) {2}send {2}35\.07 {2}warn-\w+ {2}sent {2}3 recipients$/,
    );
  });

  it('a confirm pressed twice sends once; cancel and rewrite send nothing', async () => {
    const h = await setup();
    await h.join('dist1', 'district', MALANG);
    const officer = h.chat('telegram:dist1');
    await officer('petugas');
    await officer('Kirim peringatan ke warga');
    await officer(WARNING);
    expect(await officer('Jangan dikirim')).toContain('peringatan tidak dikirim');
    await officer('Kirim peringatan ke warga');
    await officer(WARNING);
    expect(await officer('Tulis ulang')).toContain('Tulis teks peringatannya');
    expect(h.started).toEqual([]);
    const draft = 'abcdef123456';
    const first = await h.warnings.confirm('telegram:dist1', draft, WARNING);
    const again = await h.warnings.confirm('telegram:dist1', draft, WARNING);
    expect(first).toMatchObject({ type: 'sent', id: `warn-${draft}` });
    expect(again).toEqual({ type: 'already', id: `warn-${draft}` });
    // Queued again (in case the first start failed), but one broadcast and one count.
    expect(h.started).toEqual([`warn-${draft}`, `warn-${draft}`]);
    expect(await h.broadcasts.recent(10)).toEqual([`warn-${draft}`]);
    expect(await h.store.used('dist1', MALANG, new Date('2026-11-29T09:00:00Z'))).toEqual({
      officer: 1,
      area: 1,
    });
  });

  it('the daily limit per officer and per area holds, also for confirmations at once; 24 hours later it frees up', async () => {
    const h = await setup({ perOfficer: 2, perArea: 3 });
    await h.join('dist1', 'district', MALANG);
    await h.join('dist2', 'district', MALANG);
    const send = (who: string, draft: string) => h.warnings.confirm(`telegram:${who}`, draft, WARNING);
    expect((await send('dist1', 'draft000001')).type).toBe('sent');
    expect((await send('dist1', 'draft000002')).type).toBe('sent');
    expect(await send('dist1', 'draft000003')).toEqual({ type: 'refused', reason: 'limit' });
    const officer = h.chat('telegram:dist1');
    await officer('petugas');
    expect(await officer('Kirim peringatan ke warga')).toContain('Batas kiriman peringatan');
    // The area has one left: two officers confirming at the same moment get one through.
    await h.join('dist3', 'district', MALANG);
    const both = await Promise.all([send('dist2', 'draft000004'), send('dist3', 'draft000005')]);
    expect(both.map((r) => r.type).sort()).toEqual(['refused', 'sent']);
    expect((await h.broadcasts.recent(10)).length).toBe(3);
    const limits = (await h.store.auditLog(20)).filter((e) => e.outcome === 'limit');
    expect(limits.map((e) => e.officer).sort()).toEqual(
      ['dist1', both[0].type === 'sent' ? 'dist3' : 'dist2'].sort(),
    );
    h.later(24 * 3_600_000 + 1000);
    expect((await send('dist1', 'draft000006')).type).toBe('sent');
  });

  it('authorised on the server: not an officer, a revoked officer, an admin, a village officer sending directly', async () => {
    const h = await setup();
    await h.join('old1', 'district', MALANG, false);
    await h.join('adm1', 'admin', '');
    await h.join('vil1', 'village', TERNYANG);
    await h.join('dist1', 'district', MALANG);
    expect(await h.warnings.confirm('telegram:nobody', 'abcdef1', WARNING)).toEqual({
      type: 'refused',
      reason: 'not-officer',
    });
    expect(await h.warnings.confirm('telegram:old1', 'abcdef2', WARNING)).toEqual({
      type: 'refused',
      reason: 'not-officer',
    });
    expect(await h.warnings.confirm('telegram:adm1', 'abcdef3', WARNING)).toEqual({
      type: 'refused',
      reason: 'no-area',
    });
    expect(await h.warnings.confirm('telegram:dist1', 'ABC:DEF', WARNING)).toEqual({
      type: 'refused',
      reason: 'invalid',
    });
    expect(await h.warnings.confirm('telegram:dist1', 'abcdef4', 'x'.repeat(601))).toEqual({
      type: 'refused',
      reason: 'invalid',
    });
    // A village officer's confirmation is a proposal, never a broadcast.
    expect((await h.warnings.confirm('telegram:vil1', 'abcdef5', WARNING)).type).toBe('proposed');
    expect(await h.broadcasts.recent(10)).toEqual([]);
    expect(h.started).toEqual([]);
    const audit = await h.store.auditLog(10);
    expect(audit.map((e) => `${e.officer}:${e.outcome}`).reverse()).toEqual([
      '-:not-officer',
      '-:not-officer',
      'adm1:no-area',
      'dist1:invalid',
      'dist1:invalid',
      'vil1:proposed',
    ]);
    const admin = h.chat('telegram:adm1');
    expect(await admin('petugas')).not.toContain('peringatan');
  });

  it('a village officer proposes; the district’s officers are told, one approves (sent), the proposer is told; a second decision changes nothing', async () => {
    const h = await setup();
    await h.join('vil1', 'village', TERNYANG);
    await h.join('dist1', 'district', MALANG);
    await h.join('dist2', 'district', MALANG);
    await h.join('blt1', 'district', BLITAR);
    await h.subscribe('telegram:1', MALANG);
    await h.subscribe('telegram:2', MALANG);
    const village = h.chat('telegram:vil1');
    expect(await village('petugas')).toContain('Usulkan peringatan ke kabupaten');
    const ask = await village('Usulkan peringatan ke kabupaten');
    expect(ask).toContain('diusulkan dulu ke 2 petugas Kabupaten Malang');
    expect(ask).toContain('dikirim ke 2 pelanggan');
    await village(WARNING);
    expect(await village('Kirim usulan ke kabupaten')).toContain(
      'Usulan Anda sudah dikirim ke 2 petugas kabupaten',
    );
    expect(h.started).toEqual([]);
    for (const d of ['telegram:dist1', 'telegram:dist2']) {
      const told = to(h.officerSender, d).join('\n');
      expect(told).toContain(
        'Officer vil1 (Ternyang, Sumberpucung) mengusulkan peringatan untuk warga Kabupaten Malang',
      );
      expect(told).toContain(WARNING);
    }
    expect(to(h.officerSender, 'telegram:blt1')).toEqual([]);

    // Another district's officer neither sees nor decides it.
    expect(await h.chat('telegram:blt1')('petugas')).not.toContain('Usulan peringatan (');
    const [proposal] = await h.warnings.proposals('telegram:dist1');
    expect(await h.warnings.decide('telegram:blt1', proposal?.id ?? '', 'approve')).toEqual({
      type: 'refused',
      reason: 'not-found',
    });
    expect(await h.warnings.decide('telegram:vil1', proposal?.id ?? '', 'approve')).toEqual({
      type: 'refused',
      reason: 'not-found',
    });

    const district = h.chat('telegram:dist1');
    expect(await district('petugas')).toContain('Usulan peringatan (1)');
    expect(await district('Usulan peringatan (1)')).toContain('Ternyang');
    const read = await district('1');
    expect(read).toContain('Dari Officer vil1, petugas Ternyang, Sumberpucung');
    expect(read).toContain(WARNING);
    expect(read).toContain('dikirim ke 2 pelanggan');
    expect(await district('Setujui dan kirim')).toContain('masuk antrean kirim untuk 2 pelanggan');
    expect(h.started).toEqual([`warn-${proposal?.id ?? ''}`]);
    expect(to(h.officerSender, 'telegram:vil1').join('\n')).toContain(
      'Usulan peringatan Anda untuk Kabupaten Malang disetujui oleh Officer dist1 dan dikirim ke 2 pelanggan.',
    );
    await h.deliver(h.started[0] ?? '');
    expect(to(h.subscriberSender, 'telegram:1')).toHaveLength(1);

    expect(await h.warnings.decide('telegram:dist2', proposal?.id ?? '', 'reject')).toEqual({
      type: 'decided',
      id: proposal?.id,
      as: 'approve',
      by: 'Officer dist1',
    });
    expect(await h.warnings.proposals('telegram:dist2')).toEqual([]);
    const audit = (await h.store.auditLog(10)).map((e) => `${e.action}:${e.officer}:${e.outcome}`).reverse();
    expect(audit).toEqual([
      'propose:vil1:proposed',
      'approve:blt1:not-found',
      'approve:vil1:not-found',
      'approve:dist1:sent',
    ]);
  });

  it('a rejected proposal is not sent and its proposer is told; without a district officer a village officer is told whom to ask', async () => {
    const h = await setup();
    await h.join('vil1', 'village', TERNYANG);
    expect(await h.warnings.plan('telegram:vil1')).toEqual({ type: 'refused', reason: 'no-reviewer' });
    await h.join('dist1', 'district', MALANG);
    const proposed = await h.warnings.confirm('telegram:vil1', 'prop000001', WARNING);
    expect(proposed).toEqual({ type: 'proposed', id: 'p-prop000001', reviewers: 1 });
    const district = h.chat('telegram:dist1');
    await district('petugas');
    await district('Usulan peringatan (1)');
    await district('1');
    expect(await district('Tolak')).toContain('Usulan itu ditolak');
    expect(h.started).toEqual([]);
    expect(await h.broadcasts.recent(5)).toEqual([]);
    expect(to(h.officerSender, 'telegram:vil1').join('\n')).toContain(
      'Usulan peringatan Anda untuk Kabupaten Malang tidak disetujui oleh Officer dist1.',
    );
    expect(await h.warnings.decide('telegram:dist1', 'p-prop000001', 'approve')).toMatchObject({
      type: 'decided',
      as: 'reject',
    });
    expect(await district('petugas')).not.toContain('Usulan peringatan (');
  });

  it('a province officer’s warning reaches the subscribers of every district of the province, no other', async () => {
    const h = await setup();
    await h.join('prov1', 'province', '35');
    await h.subscribe('telegram:1', MALANG);
    await h.subscribe('telegram:2', BLITAR);
    await h.subscribe('telegram:3', SURABAYA);
    await h.subscribe('telegram:4', '36.01');
    expect(await h.warnings.plan('telegram:prov1')).toMatchObject({
      type: 'plan',
      plan: { kind: 'send', area: '35', areaName: 'Jawa Timur', recipients: 3 },
    });
    const sent = await h.warnings.confirm('telegram:prov1', 'prov00001', WARNING);
    expect(sent).toMatchObject({ type: 'sent', recipients: 3 });
    await h.deliver(h.started[0] ?? '');
    expect(
      ['telegram:1', 'telegram:2', 'telegram:3', 'telegram:4'].map((a) => to(h.subscriberSender, a).length),
    ).toEqual([1, 1, 1, 0]);
  });
});
