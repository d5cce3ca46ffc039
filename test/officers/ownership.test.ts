import { describe, expect, it } from 'vitest';
import { makeEngine } from '../helpers/engine.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import { fileReport, join, textTo, type Setup } from './officer-steps.js';

/** Bu Sri (village) and Pak Kabupaten (district) both cover Ternyang; a report from there. */
async function twoOfficers(contact = '2') {
  const s = makeEngine();
  const sri = await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
  const kab = await join(s, 'console:kab', 'district', MALANG, 'Pak Kabupaten');
  const filed = await fileReport(s, 'whatsapp:6281234000001', { contact });
  return { s, sri, kab, ...filed };
}

const resolveAs = async (c: Awaited<ReturnType<typeof join>>, code: string, outcome: string) => {
  await c.say(`selesai ${code}`);
  await c.say(outcome);
  return c.text(await c.say('lewati'));
};

const statusOf = async (s: Setup, code: string) => (await s.reports.store.get(code))?.status;

describe('officers: one owner once a report is taken (issue 17, defect 3)', () => {
  it('an officer told "already taken by Bu Sri" cannot resolve it; the report stays with Bu Sri', async () => {
    const { s, sri, kab, code } = await twoOfficers();
    await sri.say(`terima ${code}`);
    expect(kab.text(await kab.say(`terima ${code}`))).toContain(`sudah diterima oleh Bu Sri`);
    const refused = await resolveAs(kab, code, '2');
    expect(refused).toContain('hanya beliau yang bisa menyelesaikannya');
    expect(await s.reports.store.get(code)).toMatchObject({
      status: 'acknowledged',
      owner: expect.any(String),
    });
    expect((await s.reports.store.get(code))?.outcome).toBeUndefined();
    expect((await s.reports.store.auditLog(code)).map((e) => e.reason)).toContain('resolve: not the owner');
    // The owner can.
    expect(await resolveAs(sri, code, '2')).toContain(`Tersimpan untuk laporan ${code}`);
    expect(await statusOf(s, code)).toBe('resolved');
  });

  it('the owner is told when another officer adds a note or asks the reporter (the actions others may take)', async () => {
    const { s, sri, kab, code } = await twoOfficers();
    await sri.say(`terima ${code}`);
    await kab.say(`catatan ${code} Sudah saya telepon kepala desa`);
    await kab.say(`tanya ${code} Kapan dia datang lagi?`);
    await s.reports.queue.idle();
    const toSri = textTo(s, 'console:desa');
    expect(toSri).toContain(`Pak Kabupaten menambah catatan pada laporan ${code}`);
    expect(toSri).toContain(`Pak Kabupaten mengajukan pertanyaan kepada pelapor ${code}`);
    // Her own actions are not echoed back to her.
    await sri.say(`catatan ${code} saya sendiri`);
    await s.reports.queue.idle();
    expect(textTo(s, 'console:desa').match(/menambah catatan/g)).toHaveLength(1);
  });

  it('the reporter reads the level of whoever took it: the village officer, after it was escalated to the regency', async () => {
    const { s, sri, c: reporter, code } = await twoOfficers();
    await s.reports.store.update(
      code,
      { to: 'escalated', level: 'district', area: MALANG },
      { at: new Date().toISOString(), type: 'escalated', level: 'district' },
    );
    await sri.say(`terima ${code}`);
    expect(await s.reports.store.get(code)).toMatchObject({ status: 'acknowledged', level: 'village' });
    const cek = reporter.text(await reporter.say(`cek ${code}`));
    expect(cek).toContain('Laporan sedang ditangani petugas desa');
    expect(cek).not.toContain('petugas kabupaten/kota');
  });

  it('tanya does not relay a question on a resolved or a failed report', async () => {
    const { s, sri, code } = await twoOfficers();
    await resolveAs(sri, code, '2');
    expect(sri.text(await sri.say(`tanya ${code} Masih di sana?`))).toContain('sudah ditutup');
    const failed = await fileReport(s, 'whatsapp:6281234000002', { contact: '2', phones: '0813 2222 3333' });
    await s.reports.store.update(
      failed.code,
      { to: 'failed' },
      { at: new Date().toISOString(), type: 'failed' },
    );
    expect(sri.text(await sri.say(`tanya ${failed.code} Masih di sana?`))).toContain('sudah ditutup');
    await s.reports.queue.idle();
    expect(textTo(s, 'whatsapp:6281234000001')).not.toContain('Masih di sana?');
    expect(textTo(s, 'whatsapp:6281234000002')).not.toContain('Masih di sana?');
    expect((await s.reports.store.history(code)).map((e) => e.type)).not.toContain('question');
  });

  it('resolving again with another outcome changes nothing and says what was recorded and by whom; the same outcome again is "already"', async () => {
    const { s, sri, kab, code } = await twoOfficers();
    await resolveAs(sri, code, '2'); // warned
    const other = await resolveAs(sri, code, '5');
    expect(other).toContain(
      `Laporan ${code} sudah diselesaikan oleh Bu Sri dengan hasil: perekrut sudah diperingatkan`,
    );
    expect(other).not.toContain('sudah tercatat seperti itu');
    expect(await resolveAs(kab, code, '1')).toContain('sudah diselesaikan oleh Bu Sri');
    expect(await resolveAs(sri, code, '2')).toContain('sudah tercatat seperti itu');
    expect((await s.reports.store.get(code))?.outcome).toBe('warned');
    expect((await s.reports.store.history(code)).filter((e) => e.type === 'resolved')).toHaveLength(1);
  });
});
