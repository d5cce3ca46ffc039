import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudSender } from '../../../src/channels/whatsapp-cloud/sender.js';
import { RecipientUnreachable } from '../../../src/core/ports.js';
import { makeEngine, testVillages } from '../../helpers/engine.js';
import { TERNYANG, reportLinesToEvidence } from '../../helpers/report-script.js';
import { startHarness, type Harness } from './harness.js';

const USER = '6281234567050';
const OFFICER = '6281399990000';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);
const OGG = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(4000, 3)]);

describe('a report with a photo and a voice note through the Cloud API to a WhatsApp officer', () => {
  const via: { sender?: CloudSender } = {};
  const setup = makeEngine({
    senders: {
      whatsapp: {
        send: (a, m) => via.sender?.send(a, m) ?? Promise.reject(new RecipientUnreachable(a, 'no channel')),
      },
    },
  });
  let h: Harness & { cleanupRedis: () => Promise<void> };

  beforeAll(async () => {
    testVillages().byCode(TERNYANG);
    h = await startHarness({ engine: setup.engine });
    via.sender = h.channel.sender;
  });
  afterAll(async () => {
    await h.close();
    await h.cleanupRedis();
  });

  const say = (from: string, message: Record<string, unknown>) => h.say(from, message);
  const text = (body: string) => ({ type: 'text', text: { body } });

  it('keeps both as evidence, alerts the officer with them counted, and the officer takes the report', async () => {
    await setup.reports.officers.save({
      id: 'ocloud',
      role: 'village',
      area: TERNYANG,
      address: `whatsapp:${OFFICER}`,
      name: 'Pak Kades',
      locale: 'id',
      active: true,
      joinedAt: '2026-11-01T00:00:00.000Z',
    });
    await say(OFFICER, text('halo')); // officers registered by writing to the bot: the window is open
    for (const line of reportLinesToEvidence()) await say(USER, text(line));
    h.graph.addMedia('m-photo', JPEG, 'image/jpeg');
    h.graph.addMedia('m-voice', OGG, 'audio/ogg');
    expect(await say(USER, { type: 'image', image: { id: 'm-photo', mime_type: 'image/jpeg' } })).toContain(
      '0 keterangan, 1 foto',
    );
    const afterVoice = await say(USER, {
      type: 'audio',
      audio: { id: 'm-voice', mime_type: 'audio/ogg; codecs=opus', voice: true },
    });
    expect(afterVoice).toContain('Pesan suara tersimpan: 1');
    expect(afterVoice).not.toContain('belum bisa kami baca');
    for (const line of ['selesai', '1', '1', '1']) await say(USER, text(line));
    const received = await say(USER, text('1'));
    expect(received).toContain('Laporan diterima');
    const code = /R-[A-Z0-9]{6}/.exec(received)?.[0] ?? '';
    expect(code).not.toBe('');

    const stored = await setup.reports.store.get(code);
    expect(stored?.details.media.map((m) => m.kind).sort()).toEqual(['photo', 'voice']);
    await setup.reports.queue.idle();
    const alert = h.graph.sent
      .filter((m) => m.to === OFFICER)
      .map((m) => JSON.stringify(m.payload))
      .find((p) => p.includes(code));
    expect(alert).toBeDefined();
    expect(alert).toContain('Foto bukti: 1');
    expect(alert).toContain('Pesan suara: 1');
    expect(alert).not.toContain(USER);
    // The evidence itself goes first: uploaded from the store, sent by media id.
    const toOfficer = h.graph.sent.filter((m) => m.to === OFFICER);
    const firstText = toOfficer.findIndex((m) => JSON.stringify(m.payload).includes(code));
    expect(toOfficer.slice(firstText - 2, firstText).map((m) => m.type)).toEqual(['image', 'audio']);
    expect(h.graph.uploads.map((u) => [u.type, u.bytes])).toEqual([
      ['image/jpeg', JPEG.length],
      ['audio/ogg', OGG.length],
    ]);

    const taken = await say(OFFICER, text(`TERIMA ${code}`));
    expect(taken).toContain(code);
    expect((await setup.reports.store.get(code))?.status).toBe('acknowledged');
  });

  it('answers a voice note outside a report: please type, or call 0800-1000 (facts H-01)', async () => {
    h.graph.addMedia('m-voice-2', OGG, 'audio/ogg');
    await say(USER, text('menu'));
    const said = await say(USER, {
      type: 'audio',
      audio: { id: 'm-voice-2', mime_type: 'audio/ogg', voice: true },
    });
    expect(said).toContain(
      'Maaf, pesan suara belum bisa kami baca. Silakan ketik pesan Anda, atau telepon 0800-1000.',
    );
  });
});
