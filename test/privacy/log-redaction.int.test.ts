import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildEngine } from '../../src/bootstrap.js';
import { systemClock, type MessageSender } from '../../src/core/ports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createLogger } from '../../src/observability/logger.js';
import { newInviteCode } from '../../src/officers/invites.js';
import { createForgetDesk, createRedisReporterTraces } from '../../src/reports/forget.js';
import { createRedisReports } from '../../src/reports/redis-reports.js';
import { BullJobQueue, startBullWorkers } from '../../src/reports/bull-queues.js';
import { createKeys } from '../../src/storage/keys.js';
import { connectRedis, createRedis, createWorkerRedis } from '../../src/storage/redis-client.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { chat, realContent, recordingSender, testVillages } from '../helpers/engine.js';
import { until } from '../helpers/report-harness.js';
import { TERNYANG, reportLines } from '../helpers/report-script.js';
import { dumpRedis } from './redis-dump.js';

const VILLAGER = 'whatsapp:6281399887766';
const OFFICER = 'telegram:880011223';

/** What must never reach a log line: who reported, who the officer is, and what was reported or said. */
const SECRETS = [
  '6281399887766',
  '81399887766',
  '880011223',
  'Sugiharto',
  '0812-7777-5555',
  '6281277775555',
  '81277775555',
  '812 7777 5555',
  'Maju Sentosa',
  'jaminan dua juta',
  'sudah didatangi',
  'kapan dia datang lagi',
  'Kamis sore',
  'Bu Rina',
];

describe('logs of a full report flow at debug level', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', format: 'json', destination });
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const url = inject('redisUrl');
  const redis = createRedis(url);
  const workerRedis = createWorkerRedis(url);
  const closers: (() => Promise<unknown>)[] = [];

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    const dump = await dumpRedis(redis, prefix);
    if (dump.length > 0) await redis.del(...dump.map((k) => k.key));
    workerRedis.disconnect();
    redis.disconnect();
  });

  it('holds no phone number, address, name, report text or note', async () => {
    await connectRedis(redis, url);
    // The officer's first sends fail (as Telegram does for a chat it cannot find): the alert job fails for
    // good and the failure paths log too.
    const recording = recordingSender();
    let officerSends = 0;
    const sender: MessageSender = {
      send(address, messages) {
        if (address === OFFICER && ++officerSends <= 3)
          return Promise.reject(new Error('Bad Request: chat not found'));
        return recording.send(address, messages);
      },
    };
    const queue = new BullJobQueue(redis, createKeys(prefix).bull, { attempts: 3, backoffMs: 20 });
    closers.push(() => queue.close());
    const reports = createRedisReports({
      redis,
      prefix,
      queue,
      senders: { console: sender, telegram: sender, whatsapp: sender },
      translator: createTranslator('locales'),
      villages: testVillages(),
      clock: systemClock,
      logger,
      settings: { escalateAfterMs: 3_600_000, perDay: 5 },
      areaName: (code) => (code === '35.07' ? 'Kabupaten Malang' : undefined),
    });
    const workers = startBullWorkers(reports.pipeline.processors, {
      connection: workerRedis,
      prefix: createKeys(prefix).bull,
      concurrency: 5,
      alertsPerSecond: {},
      lockMs: 2000,
      logger,
    });
    closers.push(() => workers.close());
    const store = new RedisSessionStore({
      redis,
      keys: createKeys(prefix),
      idleTtlMs: 86_400_000,
      clock: systemClock,
      cacheSize: 100,
      writeMode: 'behind',
      logger,
    });
    closers.push(() => store.flush().finally(() => store.close()));
    const engine = buildEngine({
      contentDir: 'content',
      localesDir: 'locales',
      store,
      reports: reports.desk,
      officers: reports.officerDesk,
      villages: testVillages(),
      forget: createForgetDesk({
        store: reports.store,
        officers: reports.officers,
        traces: createRedisReporterTraces(redis, prefix),
        channels: {},
        clock: systemClock,
        logger,
      }),
      translator: createTranslator('locales'),
      userMessagesPerMinute: 1000,
      clock: systemClock,
      logger,
      defaultLocale: 'id',
      content: realContent(),
    });
    const settle = () => until(async () => (await queue.busy()) === 0, 15_000);

    const invite = newInviteCode();
    await reports.invites.add(invite, {
      role: 'village',
      area: TERNYANG,
      name: 'Bu Rina',
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const officer = chat(engine, OFFICER);
    expect(officer.text(await officer.say(`petugas ${invite}`))).toContain('Anda terdaftar sebagai petugas');

    const villager = chat(engine, VILLAGER);
    const lines_ = reportLines({
      name: 'Pak Sugiharto',
      phones: '0812-7777-5555',
      company: 'PT Maju Sentosa',
      evidence: ['Dia minta uang jaminan dua juta'],
      contact: '2',
      updates: '1',
    });
    for (const line of lines_) await villager.say(line);
    const done = villager.text(await villager.say('1'));
    const code = /R-[A-Z0-9]{6}/.exec(done)?.[0] ?? '';
    expect(code).not.toBe('');
    await settle();

    await officer.say(`terima ${code}`);
    await officer.say(`catatan ${code} rumahnya sudah didatangi`);
    await officer.say(`tanya ${code} kapan dia datang lagi?`);
    await settle();
    const asked = recording.sent.filter((s) => s.address === VILLAGER).flatMap((s) => s.messages);
    expect(asked.map((m) => m.body).join('\n')).toContain('kapan dia datang lagi');
    expect(villager.text(await villager.say(`jawab ${code} hari Kamis sore`))).toContain(
      'diteruskan ke petugas',
    );
    await settle();
    // A wrong code, a stranger's status check and a failure path log too.
    await villager.say('cek R-ZZZZZZ');
    await chat(engine, 'whatsapp:6281200000009').say(`cek ${code}`);
    await store.flush();

    const log = lines.join('');
    expect(log).toContain('officer joined');
    for (const secret of SECRETS) expect(log, secret).not.toContain(secret);
    // No phone number of any shape: 8+ digits in a row, or grouped digits like 0812-7777-5555.
    expect(log.match(/(?<![\d.])(?:\+?62|0)8\d{7,12}(?!\d)/g) ?? []).toEqual([]);
    expect(log.match(/\b0?8\d{2}[ -]\d{3,4}[ -]\d{3,4}\b/g) ?? []).toEqual([]);
  }, 60_000);
});
