import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/bootstrap.js';
import { runConsoleChannel } from '../../src/channels/console/console-channel.js';
import { createConsoleSender } from '../../src/channels/console/console-sender.js';
import type { MessageSender } from '../../src/core/ports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { newInviteCode } from '../../src/officers/invites.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { realContent, silentLogger, testVillages } from '../helpers/engine.js';
import { startRedisReports, until } from '../helpers/report-harness.js';
import { TERNYANG, reportLines } from '../helpers/report-script.js';

describe('two personas in one console, reports through Redis and BullMQ workers', () => {
  const output = new PassThrough();
  let transcript = '';
  output.on('data', (d: Buffer) => (transcript += d.toString()));
  // The workers print alerts to the same console, as `npm start` does.
  const printing: MessageSender = createConsoleSender(output, false);
  let harness: Awaited<ReturnType<typeof startRedisReports>> | undefined;
  afterAll(async () => harness?.close());

  it('invite → join → report → alert → take → the reporter sees it → resolve', async () => {
    const h = await startRedisReports({ prefix: `e2e:${randomUUID().slice(0, 6)}:`, sender: printing });
    harness = h;
    const code = newInviteCode();
    await h.invites.add(code, {
      role: 'village',
      area: TERNYANG,
      name: 'Bu Sri',
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const engine = buildEngine({
      contentDir: 'content',
      localesDir: 'locales',
      store: new MemorySessionStore(86_400_000, { now: () => new Date() }),
      reports: h.desk,
      officers: h.officerDesk,
      villages: testVillages(),
      translator: createTranslator('locales'),
      clock: { now: () => new Date() },
      logger: silentLogger,
      defaultLocale: 'id',
      content: realContent(),
    });
    const settle = () => until(async () => (await h.queue.busy()) === 0, 15_000);
    const reportCode = () => /diterima dengan nomor (R-[A-Z0-9]{6})/.exec(transcript)?.[1] ?? '';

    const input = new PassThrough();
    const done = runConsoleChannel({ engine, input, output, interactive: false, user: 'warga', settle });
    const lines = (...l: string[]) => input.write(l.map((x) => `${x}\n`).join(''));
    lines('/as petugas', `petugas ${code}`, '/as', ...reportLines({ updates: '1' }), '1');
    await until(
      () =>
        reportCode() !== '' &&
        transcript.includes(`[console:petugas]\n*Laporan perekrut mencurigakan ${reportCode()}`),
      15_000,
    ).catch((err: unknown) => {
      process.stderr.write(transcript.slice(-2500));
      throw err;
    });
    const r = reportCode();
    lines('/as petugas', `terima ${r}`, '/as', `cek ${r}`, '/as petugas', `selesai ${r}`, '1', 'lewati');
    input.end();
    await done;

    expect(transcript).toContain('Anda terdaftar sebagai petugas desa: Ternyang');
    expect(transcript).toContain(`*Status laporan ${r}*\nLaporan sedang ditangani petugas desa.`);
    expect(transcript).toContain('Hasil: ternyata perekrutannya resmi');
    await until(async () => (await h.store.get(r))?.status === 'resolved');
    const types = (await h.store.history(r)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['submitted', 'routed', 'alert-sent', 'notified', 'acknowledged', 'resolved']),
    );
  }, 60_000);
});
