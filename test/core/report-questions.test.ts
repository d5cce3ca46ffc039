import { unglossed } from '../helpers/unglossed.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportReports } from '../../src/cli/report-export.js';
import { LOCALES } from '../../src/core/locale.js';
import { chat, last, makeEngine, testVillages } from '../helpers/engine.js';
import {
  TERNYANG,
  officer,
  reportLines,
  reportLinesToEvidence,
  type ReportAnswers,
} from '../helpers/report-script.js';

/** The review screen after typing a whole report with these answers. */
async function review(answers: ReportAnswers, user = 'console:q'): Promise<string> {
  const { engine } = makeEngine();
  const c = chat(engine, user);
  for (const line of reportLines(answers)) await c.say(line);
  const text = c.text(c.history.at(-1) ?? []);
  expect(text).toContain('Periksa laporan Anda');
  return text;
}

/** A user at the wizard's step `n` (1-based), having typed the default answers before it. */
async function atStep(n: number) {
  const { engine } = makeEngine();
  const c = chat(engine, 'console:step');
  const lines = reportLines();
  // Steps 1–3 are one line each after "lapor"; "how it came" is step 4, money paid step 9.
  const upTo = { 4: 4, 9: lines.indexOf('belum') } as Record<number, number>;
  for (const line of lines.slice(0, upTo[n])) await c.say(line);
  expect(last(c.history.at(-1) ?? []).title).toBe(`Laporkan perekrut (${n}/16)`);
  return c;
}

const titleOf = (out: Awaited<ReturnType<ReturnType<typeof chat>['say']>>) => last(out).title;

describe('report wizard: how the offer reached the person', () => {
  it('asks with numbered choices, then which platform for social media', async () => {
    const c = await atStep(4);
    const asked = c.text(c.history.at(-1) ?? []);
    expect(asked).toContain('Bagaimana tawaran kerja itu sampai kepada Anda?');
    expect(asked).toContain('4. Media sosial (Facebook, TikTok, Instagram)');
    expect(asked).toContain('7. Lewati / tidak tahu');
    const which = c.text(await c.say('4'));
    expect(which).toContain('Di media sosial apa?');
    expect(which).toContain('Laporkan perekrut (4/16)');
    expect(titleOf(await c.say('tiktok'))).toBe('Laporkan perekrut (5/16)');
  });

  it.each([
    [['lewat fb'], 'media sosial (Facebook)'],
    [['FB'], 'media sosial (Facebook)'],
    [['grup WA'], 'aplikasi chat (WhatsApp)'],
    [['via telegram'], 'aplikasi chat (Telegram)'],
    [['fb messenger'], 'aplikasi chat (Messenger)'],
    [['dari tetangga'], 'teman atau tetangga'],
    [['paman saya'], 'keluarga atau kerabat'],
    [['dia datang ke rumah'], 'bertemu langsung'],
    [['5', '2'], 'aplikasi chat (Telegram)'],
    [['4', 'youtube'], 'media sosial (lainnya): youtube'],
    [['media sosial', 'ig'], 'media sosial (Instagram)'],
    [['5', 'fb'], 'media sosial (Facebook)'],
    [['brosur di pasar'], 'cara lain: brosur di pasar'],
    [['6'], 'cara lain'],
    [['4', 'lewati'], 'media sosial\n'],
  ])('reads %j as "%s"', async (channel, shown) => {
    expect(await review({ channel })).toContain(`Tawaran datang lewat: ${shown}`);
  });

  it.each([['ga tau'], ['lewati'], ['tidak tahu'], ['7']])(
    'leaves it out when skipped with %j',
    async (...channel) => {
      expect(await review({ channel })).not.toContain('Tawaran datang lewat');
    },
  );

  it('asks again for bad input: a yes/no word, dashes, emoji, an over-long text, a forged button', async () => {
    const c = await atStep(4);
    for (const bad of ['ya', '-', '😀😀', '12345', 'lewat']) {
      const out = c.text(await c.say(bad));
      expect(out, bad).toContain('Pilih nomor, atau tulis caranya');
      expect(out, bad).toContain('Laporkan perekrut (4/16)');
    }
    expect(c.text(await c.say('x'.repeat(301)))).toContain('terlalu panjang');
    expect(c.text(await c.say('9'))).toContain('Pilih nomor 1 sampai 7');
    expect(c.text(await c.send({ choiceId: 'to-agency' }))).toContain('Tombol itu sudah tidak berlaku');
    await c.say('4');
    expect(c.text(await c.say('🙂'))).toContain('tulis nama aplikasinya');
    expect(c.text(await c.send({ choiceId: 'app-whatsapp' }))).toContain('Tombol itu sudah tidak berlaku');
  });

  it('keeps the safety net and the global words at these steps', async () => {
    const c = await atStep(4);
    const out = await c.say('dia menyekap adik saya di penampungan');
    expect(out[0]?.title).toBe('Nomor darurat');
    expect(titleOf(out)).toBe('Laporkan perekrut (5/16)');

    const d = await atStep(4);
    await d.say('4');
    expect(d.text(await d.say('tolong'))).toContain('0800-1000');
    expect(d.text(await d.say('lapor'))).toContain('laporan yang belum dikirim');
    expect(d.text(await d.say('1'))).toContain('Di media sosial apa?');

    const e = await atStep(4);
    const en = e.text(await e.say('english'));
    expect(en).toContain('How did the job offer reach you?');
    expect(en).toContain('Report a recruiter (4/16)');
    expect(e.text(await e.say('my cousin'))).toContain('Report a recruiter (5/16)');
  });
});

describe('report wizard: money already paid', () => {
  it.each([
    [['5jt', '1', 'lewati'], 'Uang yang sudah dibayar: Rp 5.000.000'],
    [['Rp 5.000.000', '1', 'lewati'], 'Uang yang sudah dibayar: Rp 5.000.000'],
    [['lima juta', '1', 'lewati'], 'Uang yang sudah dibayar: Rp 5.000.000'],
    [['2,5 juta', '1', 'lewati'], 'Uang yang sudah dibayar: Rp 2.500.000'],
    [['sekitar 30 jt ke sponsor', 'ya'], 'Dibayar kepada: perekrut ini'],
    [['RM 3000', '1', 'lewati'], 'Uang yang sudah dibayar: 3.000 MYR'],
    [['belum'], 'Uang yang sudah dibayar: belum ada'],
    [['1'], 'Uang yang sudah dibayar: belum ada'],
    [['gratis'], 'Uang yang sudah dibayar: belum ada'],
    [['2', 'lewati', 'lewati'], 'Uang yang sudah dibayar: sudah, jumlahnya tidak diingat'],
    [['lupa', 'lewati', 'lewati'], 'Uang yang sudah dibayar: sudah, jumlahnya tidak diingat'],
    [['10jt', '3', 'LPK Sakura', '2'], 'Dibayar kepada: LPK (LPK Sakura)'],
    [['10jt', 'ke PT Maju Jaya', 'lewati'], 'Dibayar kepada: perusahaan atau agen (PT Maju Jaya)'],
    [['10jt', '2', 'lewati', 'lewati'], 'Dibayar kepada: perusahaan atau agen'],
    [['10jt', 'Bu Sri', 'tidak'], 'Dibayar kepada: orang lain (Bu Sri)'],
    [['10jt', 'pak darto', 'tidak'], 'Dibayar kepada: perekrut ini'],
    [['10jt', '1', 'hilang'], 'Kuitansi/bukti transfer: tidak ada'],
    [['10jt', '1', 'masih ada'], 'Kuitansi/bukti transfer: disimpan pelapor'],
  ])('reads %j: "%s"', async (paid, shown) => {
    expect(unglossed(await review({ paid }))).toContain(shown);
  });

  it('skips it all with "lewati" and shows nothing', async () => {
    const text = await review({ paid: ['lewati'] });
    expect(text).not.toContain('Uang yang sudah dibayar');
    expect(text).not.toContain('Dibayar kepada');
  });

  it('asks whom and whether a receipt was kept, and says the receipt can go with the evidence', async () => {
    const c = await atStep(9);
    expect(c.text(c.history.at(-1) ?? [])).toContain('sudah membayar uang untuk tawaran ini');
    const whom = c.text(await c.say('Rp 15.000.000'));
    expect(whom).toContain('Uang itu dibayar kepada siapa?');
    expect(whom).toContain('3. LPK (tempat pelatihan)');
    expect(c.text(await c.say('2'))).toContain('Apa nama perusahaan atau agen itu?');
    expect(c.text(await c.say('PT Maju Jaya'))).toContain('kuitansi atau bukti transfernya');
    const kept = c.text(await c.say('ya'));
    expect(kept).toContain('Nanti Anda bisa mengirim fotonya sebagai bukti');
    expect(kept).toContain('Laporkan perekrut (10/16)');
  });

  it('asks again for what is no amount, a sum past any fee, emoji, dashes and over-long text', async () => {
    const c = await atStep(9);
    for (const bad of ['banyak sekali', '💰💰', '-', '999999999999999999999', '🤑🤑🤑 pokoknya']) {
      const out = c.text(await c.say(bad));
      expect(out, bad).toContain('Jumlah itu tidak terbaca');
      expect(out, bad).toContain('Laporkan perekrut (9/16)');
    }
    expect(c.text(await c.say('Rp 50.000.000.000'))).toContain('Jumlah itu terlalu besar');
    expect(c.text(await c.say(`bayar ${'5'.repeat(400)}`))).toContain('terlalu panjang');
    expect(c.text(await c.send({ choiceId: 'app-facebook' }))).toContain('Tombol itu sudah tidak berlaku');
    await c.say('5 juta');
    for (const bad of ['🙂', '-', 'ya', 'kepada'])
      expect(c.text(await c.say(bad)), bad).toContain('tulis nama orang');
    await c.say('4');
    expect(c.text(await c.say('🙂🙂'))).toContain('Tulis namanya dengan huruf');
    await c.say('lewati');
    expect(c.text(await c.say('mungkin'))).toContain('Jawab ya atau tidak');
  });

  it('keeps the global words: "batal" drops the draft, "english" asks the same in English', async () => {
    const c = await atStep(9);
    const en = c.text(await c.say('english'));
    expect(en).toContain('Have you or your family already paid money for this offer?');
    expect(en).toContain('1. Nothing paid yet');
    await c.say('five million');
    expect(c.text(await c.say('bahasa indonesia'))).toContain('Uang itu dibayar kepada siapa?');
    await c.say('batal');
    expect(c.text(await c.say('lapor'))).not.toContain('belum dikirim');
  });

  it('changes from the review: "nothing paid" drops whom and the receipt; a new way asks the platform', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    for (const line of reportLines({ paid: ['10jt', '1', 'ya'] })) await c.say(line);
    expect(c.text(c.history.at(-1) ?? [])).toContain('Dibayar kepada: perekrut ini');
    const choices = last(await c.say('2')).choices.map((x) => x.id); // Ubah
    expect(choices).toEqual(expect.arrayContaining(['channel', 'paid']));
    await c.send({ choiceId: 'paid' });
    const after = c.text(await c.say('belum'));
    expect(after).toContain('Periksa laporan Anda');
    expect(after).toContain('Uang yang sudah dibayar: belum ada');
    expect(after).not.toContain('Dibayar kepada');
    expect(after).not.toContain('Kuitansi');
    await c.say('2');
    await c.send({ choiceId: 'channel' });
    expect(c.text(await c.say('5'))).toContain('Di aplikasi chat apa?');
    const changed = c.text(await c.say('telegram'));
    expect(changed).toContain('Periksa laporan Anda');
    expect(changed).toContain('Tawaran datang lewat: aplikasi chat (Telegram)');
  });

  it('resumes a draft left at "whom was it paid to"', async () => {
    const c = await atStep(9);
    await c.say('5jt');
    await c.say('menu');
    expect(c.text(await c.say('lapor'))).toContain('laporan yang belum dikirim');
    expect(c.text(await c.say('1'))).toContain('Uang itu dibayar kepada siapa?');
  });
});

describe('report wizard: filled in from what the user wrote', () => {
  it('fills in money paid, to whom and the platform from "sudah bayar 30jt ke sponsor lewat WA"', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    const paid = await c.say('sy sdh bayar 30jt ke sponsor, dia nawarin lewat wa. blm berangkat');
    expect(last(paid).choices.map((x) => x.id)).toContain('report');
    const out = c.text(await c.send({ choiceId: 'report' }));
    expect(out).toContain('Dari pesan tadi sudah saya isi:');
    expect(out).toContain('Tawaran datang lewat: aplikasi chat (WhatsApp)');
    expect(out).toContain('Uang yang sudah dibayar: Rp 30.000.000');
    expect(out).toContain('Dibayar kepada: perekrut ini');
    // name, phones, company, (how it came: filled), country, job, salary, fees, (amount and whom: filled) →
    // only whether a receipt was kept is asked.
    for (const line of ['Pak Darto', '0812 3456 7890', 'lewati', '1', 'pabrik', 'lewati']) await c.say(line);
    const proof = await c.say('lewati');
    expect(titleOf(proof)).toBe('Laporkan perekrut (9/16)');
    expect(c.text(proof)).toContain('kuitansi atau bukti transfernya');
    expect(titleOf(await c.say('tidak'))).toBe('Laporkan perekrut (10/16)');
  });

  it('fills in the platform a report request names, and asks the money question when no amount is said', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    const out = c.text(await c.say('mau lapor calo yang nawarin kerja lewat fb'));
    expect(out).toContain('Tawaran datang lewat: media sosial (Facebook)');
    expect(out).not.toContain('Uang yang sudah dibayar');
  });

  it('fills in nothing from a message that names no platform and no payment', async () => {
    const { engine } = makeEngine();
    const c = chat(engine);
    const out = c.text(await c.say('mau lapor calo'));
    expect(out).not.toContain('sudah saya isi');
    expect(out).toContain('Laporkan perekrut (1/16)');
  });
});

describe('report wizard in English, and what officers read', () => {
  it('takes the answers in English and shows them to the village officer in Indonesian, and in the export', async () => {
    const { engine, reports, sender } = makeEngine();
    await reports.officers.save(officer('desa', 'village', TERNYANG));
    const c = chat(engine, 'telegram:777');
    await c.say('english');
    const lines = reportLinesToEvidence({
      channel: ['on facebook'],
      paid: ['five million rupiah', 'to the agency', 'PT Maju Jaya', 'yes'],
    }).map((l) => (l === 'lapor' ? 'report' : l));
    for (const line of lines) await c.say(line);
    for (const line of ['done', '1', '1', '1']) await c.say(line);
    const shown = c.text(c.history.at(-1) ?? []);
    expect(shown).toContain('Offer came through: social media (Facebook)');
    expect(shown).toContain('Money already paid: Rp 5.000.000');
    expect(shown).toContain('Paid to: a company or agency (PT Maju Jaya)');
    expect(shown).toContain('Receipt/proof of transfer: kept by the reporter');
    const code = /R-[A-Z0-9]{6}/.exec(c.text(await c.say('1')))?.[0] ?? '';
    expect(code).not.toBe('');
    await reports.queue.idle();
    const alert = sender.sent
      .filter((s) => s.address === 'console:desa')
      .flatMap((s) => s.messages.map((m) => m.body))
      .join('\n');
    expect(alert).toContain('Tawaran datang lewat: media sosial (Facebook)');
    expect(alert).toContain('Uang yang sudah dibayar: Rp 5.000.000');
    expect(alert).toContain('Dibayar kepada: perusahaan atau agen (PT Maju Jaya)');
    expect(alert).toContain('Kuitansi/bukti transfer: disimpan pelapor');

    let csv = '';
    await exportReports(
      { store: reports.store, villages: testVillages() },
      { write: (chunk: string) => (csv += chunk) },
      { format: 'csv', withReporter: false },
    );
    const rows: string[][] = parse(csv);
    const [header = [], row = []] = rows;
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('recruitment_method')).toBe('social');
    expect(cell('recruitment_app')).toBe('facebook');
    expect(cell('htcds_vic_MethodOfRecruitment')).toBe('ThroughOnlineSocialNetworks');
    expect(cell('htcds_vic_RecruitmentWebsitesAndApps')).toBe('Facebook');
    expect(cell('paid')).toBe('yes');
    expect(cell('paid_amount')).toBe('5000000');
    expect(cell('paid_currency')).toBe('IDR');
    expect(cell('paid_to')).toBe('agency');
    expect(cell('paid_to_name')).toBe('PT Maju Jaya');
    expect(cell('paid_proof')).toBe('true');
  });
});

describe.each(LOCALES)('the new questions in %s', (locale) => {
  /** Every prompt, follow-up, review and alert line of the two questions: no raw key, no placeholder. */
  const clean = (text: string) => {
    expect(text).not.toMatch(/\b(report|engine|common)\.[a-zA-Z]+/);
    expect(text).not.toContain('{{');
    expect(text).not.toContain('undefined');
  };

  it('renders every choice, follow-up and review line', async () => {
    const { engine } = makeEngine();
    const c = chat(engine, `console:crawl-${locale}`);
    await c.say('bahasa');
    await c.send({ choiceId: locale });
    const ways = ['rm-in-person', 'rm-family', 'rm-friends', 'rm-social', 'rm-chat', 'rm-other'];
    const payees = ['to-recruiter', 'to-agency', 'to-lpk', 'to-other'];
    for (const [i, way] of ways.entries()) {
      const lines = reportLines({ channel: [], paid: [] });
      const at = (line: string) => lines.indexOf(line);
      await c.send({ choiceId: 'menu' });
      for (const line of lines.slice(0, at('1'))) clean(c.text(await c.say(line)));
      clean(c.text(await c.send({ choiceId: way })));
      if (way === 'rm-social' || way === 'rm-chat') clean(c.text(await c.send({ choiceId: 'app-other' })));
      for (const line of lines.slice(at('1'), at('paspor ditahan'))) clean(c.text(await c.say(line)));
      clean(c.text(await c.say('Rp 7.500.000')));
      clean(c.text(await c.send({ choiceId: payees[i % payees.length] ?? 'skip' })));
      if (i % payees.length !== 0) clean(c.text(await c.say('Nama Contoh')));
      clean(c.text(await c.send({ choiceId: i % 2 === 0 ? 'kept' : 'lost' })));
      // "selesai" is the Indonesian label of "done": the button works in every language.
      for (const line of lines.slice(at('paspor ditahan')))
        clean(c.text(line === 'selesai' ? await c.send({ choiceId: 'done' }) : await c.say(line)));
      const review = c.text(c.history.at(-1) ?? []);
      clean(review);
      expect(review).toContain('7.500.000');
      await c.say('batal');
    }
  });
});
