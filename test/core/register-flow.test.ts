import { describe, expect, it } from 'vitest';
import type { AreaLevel } from '../../src/core/report.js';
import { ASSUMED_CONTRACT_MONTHS, createRegisterDesk } from '../../src/reports/register-desk.js';
import type { Session } from '../../src/core/session.js';
import { registerRecorderId } from '../../src/storage/keys.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import {
  TODAY,
  chat,
  fixedClock,
  makeEngine,
  realCatalog,
  silentLogger,
  testVillages,
} from '../helpers/engine.js';
import { SUMBERPUCUNG, TERNYANG } from '../helpers/report-script.js';

type Setup = ReturnType<typeof makeEngine>;
type Chat = ReturnType<typeof chat>;

const FAMILY = 'telegram:501';
const OTHER_FAMILY = 'whatsapp:6281299990000';

async function addOfficer(s: Setup, address: string, role: AreaLevel, area: string, active = true) {
  await s.reports.officers.save({
    id: `o${address.replace(/\D/g, '')}`,
    role,
    area,
    address,
    name: `Petugas ${area}`,
    locale: 'id',
    active,
    joinedAt: TODAY.toISOString(),
  });
}

/** Opens the register from the main menu by its button (robust to the menu's order). */
async function openRegister(c: Chat) {
  await c.say('menu');
  return c.text(await c.send({ choiceId: 'register' }));
}

/** Answers in order; returns the text of the last reply. */
async function answer(c: Chat, steps: readonly (string | { choice: string })[]): Promise<string> {
  let out = '';
  for (const step of steps) {
    out = c.text(await (typeof step === 'string' ? c.say(step) : c.send({ choiceId: step.choice })));
  }
  return out;
}

/** A departure told by a relative, with a contact number, as the wizard asks for it. */
const departure = (who: string, village: string, contact: readonly (string | { choice: string })[]) => [
  { choice: 'departure' },
  { choice: 'yes' },
  { choice: 'family' },
  who,
  village,
  { choice: 'v0' },
  'Malaysia',
  'PT Maju Jaya',
  '03/2026',
  'Feb 2027',
  ...contact,
];

/** Session writes that fail while `failing` is set (Redis went away after the entry was written). */
class FlakySessionStore extends MemorySessionStore {
  failing = false;
  override save(userKey: string, session: Session, expectedRev: number) {
    return this.failing
      ? Promise.reject(new Error('redis went away'))
      : super.save(userKey, session, expectedRev);
  }
}

describe('departure and return register (chat)', () => {
  it('stores nothing when the user says no on the consent screen, which says who sees it and for how long', async () => {
    const s = makeEngine();
    const c = chat(s.engine, FAMILY);
    await openRegister(c);
    const consent = c.text(await c.send({ choiceId: 'departure' }));
    expect(consent).toContain('Yang bisa melihat: petugas desa');
    expect(consent).toContain('24 bulan');
    expect(consent).toContain('HAPUS');
    expect(await answer(c, [{ choice: 'no' }])).toContain('tidak ada yang dicatat');
    expect(await s.register.idsByArea('')).toEqual([]);
    // A return declined the same way stores nothing either.
    await openRegister(c);
    await answer(c, [{ choice: 'return' }, { choice: 'no' }]);
    expect(await s.register.idsByArea('')).toEqual([]);
  });

  it('records a departure, then its return on the same entry, with links to the guide for the help asked', async () => {
    const s = makeEngine();
    const c = chat(s.engine, FAMILY);
    await openRegister(c);
    const done = await answer(
      c,
      departure('Sri', 'Ternyang Sumberpucung', [{ choice: 'phone' }, '0812 3456 7890']),
    );
    expect(done).toContain('Keberangkatan Sri sudah dicatat');
    const [id] = await s.register.idsByArea(TERNYANG);
    const stored = id ? await s.register.get(id) : undefined;
    expect(stored).toMatchObject({
      who: 'Sri',
      village: TERNYANG,
      relation: 'family',
      departure: { country: 'Malaysia', agency: 'PT Maju Jaya', departed: '2026-03', contractEnd: '2027-02' },
      contact: '+62 812 3456 7890',
      recorder: registerRecorderId(FAMILY),
      anchor: '2027-02',
    });
    // The chat address itself is not in the entry (the recorder is a hash), only the number given.
    expect(JSON.stringify(stored)).not.toContain('501');

    await openRegister(c);
    const pick = await answer(c, [{ choice: 'return' }, { choice: 'yes' }]);
    expect(pick).toContain('Sri · Malaysia');
    expect(await answer(c, [{ choice: 'e0' }, '12/2026'])).toContain('belum lewat');
    const end = await answer(c, [
      '11/2026',
      { choice: 'service' },
      { choice: 'wages' },
      { choice: 'health' },
      { choice: 'done' },
    ]);
    expect(end).toContain('Kepulangan Sri sudah dicatat');
    expect(end).toContain('Baca: Gaji yang belum dibayar');
    expect(end).toContain('Baca: Sakit atau kecelakaan kerja');
    expect(await s.register.idsByArea('')).toEqual([id]);
    expect(id ? await s.register.get(id) : undefined).toMatchObject({
      return: { returned: '2026-11', route: 'service', needs: ['wages', 'health'] },
      contact: '+62 812 3456 7890',
    });
    // A link opens the guide answer on unpaid wages.
    expect(c.text(await c.send({ choiceId: 'card:unpaid-wages' }))).toMatch(/gaji/i);
  });

  it('records a return told for the first time, with the contact through this chat', async () => {
    const s = makeEngine();
    const c = chat(s.engine, OTHER_FAMILY);
    await openRegister(c);
    const done = await answer(c, [
      { choice: 'return' },
      { choice: 'yes' },
      { choice: 'self' },
      'B.S.',
      'Sumberpucung Malang',
      { choice: 'v0' },
      { choice: 'now' },
      { choice: 'unknown' },
      { choice: 'done' },
      { choice: 'chat' },
    ]);
    expect(done).toContain('Kepulangan B.S. sudah dicatat');
    const [id] = await s.register.idsByArea(SUMBERPUCUNG);
    expect(id ? await s.register.get(id) : undefined).toMatchObject({
      relation: 'self',
      return: { returned: '2026-11', route: 'unknown', needs: [] },
      contact: OTHER_FAMILY,
      anchor: '2026-11',
    });
  });

  it('records a telling once when its last answer is sent again after the session write failed', async () => {
    let now = TODAY.getTime();
    const clock = { now: () => new Date(now) };
    const sessions = new FlakySessionStore(86_400_000, clock);
    const s = makeEngine({ store: sessions, clock });
    const c = chat(s.engine, FAMILY);
    await openRegister(c);
    await answer(c, departure('Sri', 'Ternyang Sumberpucung', []));
    sessions.failing = true;
    // The entry is written, the session is not: the user is asked to try again, still at the contact step.
    expect(await answer(c, [{ choice: 'no' }])).toContain('coba lagi');
    sessions.failing = false;
    expect(await answer(c, [{ choice: 'no' }])).toContain('Sri');
    expect(await s.register.idsByArea('')).toHaveLength(1);
    // A later telling of the same person is a new entry.
    now += 60_000;
    await openRegister(c);
    await answer(c, departure('Sri', 'Ternyang Sumberpucung', [{ choice: 'no' }]));
    expect(await s.register.idsByArea('')).toHaveLength(2);
  });

  it('refuses a full name and an unreadable month, and asks again', async () => {
    const s = makeEngine();
    const c = chat(s.engine, FAMILY);
    await openRegister(c);
    await answer(c, [{ choice: 'departure' }, { choice: 'yes' }, { choice: 'family' }]);
    expect(await answer(c, ['Siti Nurhaliza binti Abdul Rahman Wahyuningsih'])).toContain(
      'nama depan atau inisial',
    );
    await answer(c, ['Siti', 'Ternyang Sumberpucung', { choice: 'v0' }, 'Taiwan', { choice: 'unknown' }]);
    expect(await answer(c, ['kemarin'])).toContain('tidak terbaca');
    expect(await answer(c, ['05/2026', '01/2026'])).toContain('sesudah bulan berangkat');
    expect(await s.register.idsByArea('')).toEqual([]);
  });

  it('shows officers only their area: the village its own entries, the district its villages, others nothing', async () => {
    const s = makeEngine();
    await openRegister(chat(s.engine, FAMILY));
    await answer(chat(s.engine, FAMILY), departure('Sri', 'Ternyang Sumberpucung', [{ choice: 'no' }]));
    await openRegister(chat(s.engine, OTHER_FAMILY));
    await answer(chat(s.engine, OTHER_FAMILY), departure('Ani', 'Sumberpucung Malang', [{ choice: 'no' }]));
    await addOfficer(s, 'telegram:9001', 'village', TERNYANG);
    await addOfficer(s, 'telegram:9002', 'village', SUMBERPUCUNG);
    await addOfficer(s, 'telegram:9003', 'district', '35.07');
    await addOfficer(s, 'telegram:9004', 'district', '32.01');

    const village = chat(s.engine, 'telegram:9001');
    await openRegister(village);
    const list = village.text(await village.send({ choiceId: 'list' }));
    expect(list).toContain('Sri · Malaysia · kontrak s.d. Feb 2027');
    expect(list).not.toContain('Ani');
    const entry = village.text(await village.send({ choiceId: 'e0' }));
    expect(entry).toContain('Perusahaan penempatan: PT Maju Jaya');
    expect(entry).toContain('Pelapor tidak meminta dihubungi');

    const district = chat(s.engine, 'telegram:9003');
    await openRegister(district);
    const all = district.text(await district.send({ choiceId: 'list' }));
    expect(all).toContain('2 catatan');
    expect(all).toContain('Sri · Malaysia · kontrak s.d. Feb 2027 · Ternyang');
    expect(all).toContain('Ani · Malaysia · kontrak s.d. Feb 2027 · Sumberpucung');

    const elsewhere = chat(s.engine, 'telegram:9004');
    await openRegister(elsewhere);
    expect(elsewhere.text(await elsewhere.send({ choiceId: 'list' }))).toContain('Belum ada catatan');

    // Not an officer: the list is refused and the button is not offered.
    const user = chat(s.engine, FAMILY);
    expect(await openRegister(user)).not.toContain('petugas)');

    // The desk itself refuses another area's entry and a non-officer (the flow is not the only guard).
    const desk = createRegisterDesk({
      store: s.register,
      assumedContractMonths: ASSUMED_CONTRACT_MONTHS,
      officers: s.reports.officers,
      villages: testVillages(),
      areaName: (code) => realCatalog().areas.name(code),
      retentionMonths: 24,
      clock: fixedClock,
      logger: silentLogger,
    });
    const [sri] = await s.register.idsByArea(TERNYANG);
    expect(sri).toBeDefined();
    expect(await desk.view('telegram:9002', sri ?? '')).toBeUndefined();
    expect(await desk.view('telegram:9004', sri ?? '')).toBeUndefined();
    expect(await desk.view(FAMILY, sri ?? '')).toBeUndefined();
    expect(await desk.view('telegram:9003', sri ?? '')).toMatchObject({ who: 'Sri' });
    expect(await desk.list(FAMILY, 'all', 0)).toEqual({ type: 'refused' });
  });

  it('refuses forged officer button data and a revoked officer', async () => {
    const s = makeEngine();
    await openRegister(chat(s.engine, FAMILY));
    await answer(chat(s.engine, FAMILY), departure('Sri', 'Ternyang Sumberpucung', [{ choice: 'no' }]));
    await addOfficer(s, 'telegram:9001', 'village', TERNYANG);
    await addOfficer(s, 'telegram:9002', 'village', SUMBERPUCUNG);

    // Another village's officer presses a line button their own list never showed.
    const other = chat(s.engine, 'telegram:9002');
    await openRegister(other);
    await other.send({ choiceId: 'list' });
    const forged = other.text(await other.send({ choiceId: 'e0' }));
    expect(forged).toContain('Tombol itu sudah tidak berlaku');
    expect(forged).not.toContain('Sri');
    // A user who is no officer cannot open the list by a forged button either.
    const user = chat(s.engine, FAMILY);
    await openRegister(user);
    const refused = user.text(await user.send({ choiceId: 'list' }));
    expect(refused).toContain('Tombol itu sudah tidak berlaku');
    expect(refused).not.toContain('Sri ·');

    // An officer revoked after listing: the same button now shows nothing of the entry.
    const village = chat(s.engine, 'telegram:9001');
    await openRegister(village);
    expect(village.text(await village.send({ choiceId: 'list' }))).toContain('Sri');
    await addOfficer(s, 'telegram:9001', 'village', TERNYANG, false);
    const after = village.text(await village.send({ choiceId: 'e0' }));
    expect(after).not.toContain('PT Maju Jaya');
    expect(after).toContain('hanya untuk petugas');
  });

  it('pages the list five at a time for small phones and filters contracts ending soon', async () => {
    const s = makeEngine();
    for (let i = 0; i < 7; i++) {
      const c = chat(s.engine, `telegram:70${String(i)}`);
      await openRegister(c);
      await answer(c, [
        { choice: 'departure' },
        { choice: 'yes' },
        { choice: 'family' },
        `W${String(i)}`,
        'Ternyang Sumberpucung',
        { choice: 'v0' },
        'Taiwan',
        { choice: 'unknown' },
        '01/2026',
        i < 2 ? '01/2027' : '01/2029',
        { choice: 'no' },
      ]);
    }
    await addOfficer(s, 'telegram:9001', 'village', TERNYANG);
    const o = chat(s.engine, 'telegram:9001');
    await openRegister(o);
    const first = o.text(await o.send({ choiceId: 'list' }));
    expect(first).toContain('7 catatan (semua), halaman 1 dari 2');
    expect(first.match(/ · Taiwan · /g)).toHaveLength(5);
    const second = o.text(await o.send({ choiceId: 'next' }));
    expect(second).toContain('halaman 2 dari 2');
    expect(second.match(/ · Taiwan · /g)).toHaveLength(2);
    await o.send({ choiceId: 'filter' });
    const soon = o.text(await o.send({ choiceId: 'soon' }));
    expect(soon).toContain('2 catatan (kontrak segera berakhir)');
    const law = [...(await o.send({ choiceId: 'law' })), ...(await o.send({ choiceId: 'next' }))];
    for (const m of law) expect(m.body.length).toBeLessThanOrEqual(1000);
    const text = law.map((m) => m.body).join('\n');
    expect(text).toContain('[L-29]');
    expect(text).toContain('belum kami pastikan');
    expect(text).toContain('[P-11]');
  });

  it('deletes the entries a user told the village of when they type hapus, and only theirs', async () => {
    const s = makeEngine();
    const c = chat(s.engine, FAMILY);
    await openRegister(c);
    await answer(c, departure('Sri', 'Ternyang Sumberpucung', [{ choice: 'chat' }]));
    const other = chat(s.engine, OTHER_FAMILY);
    await openRegister(other);
    await answer(other, departure('Ani', 'Sumberpucung Malang', [{ choice: 'no' }]));
    expect(await s.register.idsByArea('')).toHaveLength(2);

    const ask = c.text(await c.say('hapus'));
    expect(ask).toContain('catatan keberangkatan dan kepulangan');
    await c.send({ choiceId: 'yes' });
    expect(await s.register.idsByRecorder(registerRecorderId(FAMILY))).toEqual([]);
    const left = await s.register.idsByArea('');
    expect(left).toHaveLength(1);
    expect((await s.register.get(left[0] ?? ''))?.who).toBe('Ani');
  });
});
