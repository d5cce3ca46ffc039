import { describe, expect, it } from 'vitest';
import { chat, makeEngine } from '../helpers/engine.js';
import { TERNYANG } from '../helpers/report-script.js';
import { fileReport, join } from './officer-steps.js';

describe('officers: refused actions cannot flood a report (issue 17, defect 4)', () => {
  it("another area's officer, a stranger with forged buttons and a revoked officer fill the audit log, not the history the officer reads", async () => {
    const s = makeEngine();
    const sri = await join(s, 'console:desa', 'village', TERNYANG, 'Bu Sri');
    const other = await join(s, 'console:lain', 'village', '32.01.16.2013', 'Pak Lain');
    const revoked = await join(s, 'console:lama', 'village', TERNYANG, 'Pak Lama');
    const { code } = await fileReport(s, 'console:warga');
    await sri.say(`catatan ${code} Sudah saya datangi rumahnya`);
    const real = (await s.reports.store.history(code)).map((e) => e.type);

    const lama = await s.reports.officers.byAddress('console:lama');
    if (!lama) throw new Error('no officer');
    await s.reports.officers.save({ ...lama, active: false });
    const stranger = chat(s.engine, 'telegram:666');
    for (let i = 0; i < 10; i++) {
      await other.say(`terima ${code}`);
      await stranger.send({ choiceId: `@o:ack:${code}` });
      await revoked.say(`catatan ${code} spam`);
    }

    expect((await s.reports.store.history(code)).map((e) => e.type)).toEqual(real);
    expect(await s.reports.store.auditLog(code)).toHaveLength(30);
    const view = sri.text(await sri.say(`lihat ${code}`));
    expect(view).not.toContain('tindakan ditolak');
    expect(view).toContain('dikirim ke petugas desa');
    expect(view).toContain('Sudah saya datangi rumahnya');
  });
});
