import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/bootstrap.js';
import { createSubscriptionDesk } from '../../src/broadcasts/subscription-desk.js';
import { MemorySubscriptionStore } from '../../src/broadcasts/subscription-store.js';
import type { InboundMessage } from '../../src/core/message.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createMemoryReports } from '../../src/reports/memory-reports.js';
import { createForgetDesk } from '../../src/reports/forget.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { fixedClock, realContent, silentLogger, testVillages } from '../helpers/engine.js';

function setup() {
  const translator = createTranslator('locales');
  const subscribers = new MemorySubscriptionStore();
  const desk = createSubscriptionDesk(subscribers, fixedClock, translator);
  const reports = createMemoryReports({
    senders: {},
    translator,
    villages: testVillages(),
    clock: fixedClock,
    logger: silentLogger,
    settings: { escalateAfterMs: 3_600_000, perDay: 5 },
    areaName: () => undefined,
  });
  const engine = buildEngine({
    reports: reports.desk,
    officers: reports.officerDesk,
    villages: testVillages(),
    subscriptions: desk,
    forget: createForgetDesk({
      store: reports.store,
      officers: reports.officers,
      subscriptions: (a) => subscribers.delete(a),
      channels: {},
      clock: fixedClock,
      logger: silentLogger,
    }),
    userMessagesPerMinute: 1_000_000,
    languageListFirst: false,
    translator,
    contentDir: 'content',
    localesDir: 'locales',
    store: new MemorySessionStore(86_400_000, fixedClock),
    clock: fixedClock,
    logger: silentLogger,
    defaultLocale: 'id',
    content: realContent(),
  });
  const say = async (text: string, user = 'telegram:77') => {
    const msg: InboundMessage = { channel: 'telegram', userKey: user, text, receivedAt: fixedClock.now() };
    const out = await engine.handle(msg);
    return out.messages
      .map((m) => [m.title ?? '', m.body, ...m.choices.map((c) => c.label)].join('\n'))
      .join('\n---\n');
  };
  return { say, desk, subscribers };
}

describe('alerts in chat (langganan, STOP, mulai, hapus)', () => {
  it('nothing is on by default; langganan turns jobs on only after the exact wording is agreed to', async () => {
    const { say, desk, subscribers } = setup();
    await say('halo');
    expect(await desk.get('telegram:77')).toBeUndefined();
    const screen = await say('langganan');
    expect(screen).toContain('Lowongan baru: tidak aktif.');
    expect(screen).toContain('Terima info lowongan baru');
    await say('Terima info lowongan baru');
    const countries = await say('semua negara');
    expect(countries).toContain('Bidang kerja apa?');
    expect(await say('semua bidang')).toContain('Seberapa sering');
    const confirm = await say('Setiap ada lowongan baru');
    expect(confirm).toContain('Saya setuju menerima pesan tentang lowongan baru');
    expect(await desk.get('telegram:77')).toBeUndefined();
    expect(await say('ya')).toContain('Tersimpan.');
    const s = await desk.get('telegram:77');
    expect(s?.topics.jobs).toMatchObject({ countries: [], sectors: [] });
    expect(s?.topics.jobs?.consent.wording).toContain('semua negara dan semua bidang');
    expect(s?.topics.jobs?.consent.locale).toBe('id');
    expect(await subscribers.audience({ type: 'jobs', countries: ['tw'] })).toEqual(['telegram:77']);
  });

  it('jobs as a daily digest: the wording says one message a day, the record and the status say daily', async () => {
    const { say, desk } = setup();
    await say('langganan');
    await say('Terima info lowongan baru');
    await say('semua negara');
    await say('semua bidang');
    const confirm = await say('Sekali sehari (ringkasan)');
    expect(confirm).toContain('Saya setuju menerima ringkasan lowongan baru');
    expect(confirm).toContain('Paling banyak satu pesan sehari.');
    expect(await say('ya')).toContain('ringkasan sekali sehari');
    const s = await desk.get('telegram:77');
    expect(s?.topics.jobs?.digest).toBe('daily');
    expect(s?.topics.jobs?.consent.wording).toContain('Paling banyak satu pesan sehari.');
    // Changing it back to every time drops the daily choice.
    await say('Ubah negara atau bidang');
    await say('semua negara');
    await say('semua bidang');
    await say('Setiap ada lowongan baru');
    await say('ya');
    expect((await desk.get('telegram:77'))?.topics.jobs?.digest).toBeUndefined();
  });

  it('warnings for my district: village typed, picked, agreed', async () => {
    const { say, desk } = setup();
    await say('langganan');
    await say('Terima peringatan untuk daerah saya');
    const pick = await say('Ternyang Sumberpucung');
    expect(pick).toContain('Pilih desa Anda');
    expect(await say('1')).toContain('Saya setuju menerima peringatan dari petugas');
    await say('ya');
    expect((await desk.get('telegram:77'))?.topics.warnings?.district).toBe('35.07');
  });

  it.each(['stop', 'berhenti', 'STOP', 'mandheg', 'eureun', 'brenti', 'ambu'])(
    '"%s" ends every alert at once and says so; "mulai" offers them back, only a yes restarts them',
    async (word) => {
      const { say, desk, subscribers } = setup();
      await desk.subscribe(
        'telegram:77',
        'id',
        { kind: 'jobs', countries: ['tw'], sectors: [] },
        { key: 'subs.jobsConsent' },
      );
      await desk.subscribe(
        'telegram:77',
        'id',
        { kind: 'warnings', district: '35.07', name: 'Malang' },
        { key: 'subs.warnConsent' },
      );
      const stopped = await say(word);
      expect(stopped).toContain('Semua langganan info Anda (2) sudah dihentikan');
      expect(await subscribers.audience({ type: 'jobs', countries: ['tw'] })).toEqual([]);
      expect(await subscribers.audience({ type: 'warnings', district: '35.07' })).toEqual([]);
      const offer = await say('mulai');
      expect(offer).toContain('Langganan Anda sedang berhenti');
      expect(await subscribers.audience({ type: 'jobs', countries: ['tw'] })).toEqual([]);
      expect(await say('ya')).toContain('Langganan Anda (2) aktif lagi.');
      expect(await subscribers.audience({ type: 'jobs', countries: ['tw'] })).toEqual(['telegram:77']);
    },
  );

  it('declining the offer after STOP keeps them off, and the menu is back to normal', async () => {
    const { say, desk } = setup();
    await desk.subscribe(
      'telegram:77',
      'id',
      { kind: 'jobs', countries: [], sectors: [] },
      { key: 'subs.jobsConsent' },
    );
    await say('stop');
    await say('mulai');
    expect(await say('tidak')).toContain('langganan Anda tetap berhenti');
    expect(await desk.get('telegram:77')).toBeUndefined();
    expect(await say('menu')).not.toContain('sedang berhenti');
  });

  it('STOP with no alerts says only the usual line', async () => {
    const { say } = setup();
    expect(await say('stop')).not.toContain('langganan');
  });

  it('hapus deletes the alerts and their consent records', async () => {
    const { say, desk } = setup();
    await desk.subscribe(
      'telegram:77',
      'id',
      { kind: 'jobs', countries: ['tw'], sectors: [] },
      { key: 'subs.jobsConsent' },
    );
    expect(await say('hapus')).toContain('langganan info Anda');
    await say('ya');
    expect(await desk.get('telegram:77')).toBeUndefined();
  });
});
