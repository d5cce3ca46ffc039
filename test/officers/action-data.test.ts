import { describe, expect, it } from 'vitest';
import type { OfficerAction } from '../../src/core/officer.js';
import { encodeAction } from '../../src/core/report-actions.js';
import { chat, makeEngine } from '../helpers/engine.js';
import { SUMBERPUCUNG, TERNYANG } from '../helpers/report-script.js';
import { fileReport, join } from './officer-steps.js';

/**
 * Officer buttons end to end: the engine decodes their data once, the desk checks the officer, the
 * report and the action's own shape on the server. Nothing in the data is trusted.
 */
describe('officer action data, checked on the server', () => {
  it('answers forged, damaged and too-long data with "that button no longer works", on the same screen', async () => {
    const s = makeEngine();
    await join(s, 'telegram:801', 'village', TERNYANG, 'Bu Sri');
    const { code } = await fileReport(s, 'telegram:900');
    const officer = chat(s.engine, 'telegram:801');
    const page = officer.text(await officer.say('petugas'));
    expect(page).toContain('Menu petugas');
    for (const data of [
      `@o:ack:${code}${'x'.repeat(80)}`,
      `@o:take-all:${code}`,
      `@r:ack:${code}`,
      '@o:ack:R-7KQ',
      `@o:ack:${code.toLowerCase()}`,
    ]) {
      const out = officer.text(await officer.send({ choiceId: data }));
      expect(out, data).toContain('Tombol itu sudah tidak berlaku');
      // Still on the officer page, nothing changed.
      expect(out, data).toContain('Menu petugas');
    }
    expect((await s.reports.store.get(code))?.status).toBe('notified');
    expect((await s.reports.store.history(code)).map((h) => h.type)).not.toContain('acknowledged');
  });

  it('a stale report code: a report that does not exist, and one closed since the alert', async () => {
    const s = makeEngine();
    const officer = await join(s, 'telegram:801', 'village', TERNYANG, 'Bu Sri');
    const { code } = await fileReport(s, 'telegram:900');
    expect(officer.text(await officer.send({ choiceId: encodeAction('ack', 'R-AAAAAA') }))).toContain(
      'Laporan R-AAAAAA tidak ditemukan',
    );
    await officer.send({ choiceId: encodeAction('resolve', code) });
    await officer.say('2');
    expect(officer.text(await officer.say('lewati'))).toContain('Status: selesai');
    // The alert's "take" pressed after the report was closed.
    const late = officer.text(await officer.send({ choiceId: encodeAction('ack', code) }));
    expect(late).toContain(`Laporan ${code} sudah ditutup`);
    expect((await s.reports.store.get(code))?.status).toBe('resolved');
  });

  it("refuses another area's report on the server, from a button and from a typed command, and audits it", async () => {
    const s = makeEngine();
    await join(s, 'telegram:801', 'village', TERNYANG, 'Bu Sri');
    const other = await join(s, 'telegram:802', 'village', SUMBERPUCUNG, 'Pak Budi');
    const { code } = await fileReport(s, 'telegram:900');
    for (const said of [
      await other.send({ choiceId: encodeAction('ack', code) }),
      await other.send({ choiceId: encodeAction('show', code) }),
      await other.say(`terima ${code}`),
      await other.say(`catatan ${code} saya tutup saja`),
    ])
      expect(other.text(said)).toContain(`Laporan ${code} tidak ditemukan di wilayah Anda`);
    expect((await s.reports.store.get(code))?.status).toBe('notified');
    const refused = (await s.reports.store.auditLog(code)).map((h) => h.reason);
    expect(refused).toEqual([
      "ack: outside the officer's area",
      "view: outside the officer's area",
      "ack: outside the officer's area",
      "note: outside the officer's area",
    ]);
  });

  it('the desk checks the shape of an action whoever calls it (types do not hold at run time)', async () => {
    const s = makeEngine();
    await join(s, 'telegram:801', 'village', TERNYANG, 'Bu Sri');
    const { code } = await fileReport(s, 'telegram:900');
    const act = (a: unknown) => s.reports.officerDesk.act('telegram:801', a as OfficerAction);
    expect(await act({ type: 'resolve', code, outcome: 'deleted', note: '' })).toEqual({
      type: 'refused',
      code,
      reason: 'invalid',
    });
    expect(await act({ type: 'note', code, note: 'x'.repeat(501) })).toMatchObject({ reason: 'invalid' });
    expect(await act({ type: 'note', code, note: '   ' })).toMatchObject({ reason: 'invalid' });
    expect(await act({ type: 'ask', code })).toMatchObject({ reason: 'invalid' });
    expect(await act({ type: 'drop', code })).toMatchObject({ reason: 'invalid' });
    // A code the bot never makes is never looked up (it would become part of a key name).
    expect(await act({ type: 'ack', code: 'R-7KQ}{x' })).toEqual({
      type: 'refused',
      code: 'R-7KQ}{x',
      reason: 'not-found',
    });
    expect(await act({ type: 'ack', code: 42 })).toEqual({ type: 'refused', code: '-', reason: 'not-found' });
    expect((await s.reports.store.get(code))?.status).toBe('notified');
    expect(await s.reports.store.auditLog(code)).toEqual([]);
    // The same desk takes a well-formed action.
    expect(await act({ type: 'ack', code })).toEqual({ type: 'done', code });
  });
});
