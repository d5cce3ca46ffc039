import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/bootstrap.js';
import type { Engine } from '../../src/core/engine.js';
import { systemClock } from '../../src/core/ports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createForgetDesk, createRedisReporterTraces } from '../../src/reports/forget.js';
import { createKeys } from '../../src/storage/keys.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { deleteMatching } from '../../src/storage/scan.js';
import { chat, realContent, recordingSender, silentLogger, testVillages } from '../helpers/engine.js';
import { startRedisReports, until } from '../helpers/report-harness.js';
import { TERNYANG, officer, reportLines } from '../helpers/report-script.js';

type Harness = Awaited<ReturnType<typeof startRedisReports>>;

/**
 * What one bot process holds: its own session store (its own cache, if any) and engine (its own
 * per-user queue) on the shared Redis and report desk. The one worker runs in the harness.
 */
function botProcess(h: Harness, prefix: string, writeMode: 'behind' | 'through') {
  const store = new RedisSessionStore({
    redis: h.redis,
    keys: createKeys(prefix),
    idleTtlMs: 86_400_000,
    clock: systemClock,
    cacheSize: 1000,
    writeMode,
    logger: silentLogger,
  });
  const engine: Engine = buildEngine({
    contentDir: 'content',
    localesDir: 'locales',
    store,
    reports: h.desk,
    officers: h.officerDesk,
    villages: testVillages(),
    forget: createForgetDesk({
      store: h.store,
      officers: h.officers,
      traces: createRedisReporterTraces(h.redis, prefix),
      channels: {},
      clock: systemClock,
      logger: silentLogger,
    }),
    translator: createTranslator('locales'),
    userMessagesPerMinute: 1000,
    clock: systemClock,
    logger: silentLogger,
    defaultLocale: 'id',
    content: realContent(),
  });
  return { engine, store };
}

const codeIn = (text: string): string | undefined => /R-[A-Z0-9]{6}/.exec(text)?.[0];

describe('one user, two bot processes on one Redis, one worker (ROLE=bot, DESIGN §10)', () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const sender = recordingSender();
  const DESA = 'telegram:5005';
  let harness: Harness | undefined;
  const stores: RedisSessionStore[] = [];

  afterAll(async () => {
    for (const s of stores) s.close();
    if (!harness) return;
    await deleteMatching(harness.redis, `${prefix}*`);
    await harness.close();
  });

  async function start(writeMode: 'behind' | 'through') {
    harness ??= await startRedisReports({ prefix, sender });
    await harness.officers.save(officer('desa', 'village', TERNYANG, DESA));
    const a = botProcess(harness, prefix, writeMode);
    const b = botProcess(harness, prefix, writeMode);
    stores.push(a.store, b.store);
    return { h: harness, a: a.engine, b: b.engine };
  }

  const alertsTo = (address: string, code: string) =>
    sender.sent.filter(
      (s) => s.address === address && s.messages.some((m) => JSON.stringify(m).includes(code)),
    );

  it('write-through: the report wizard answered alternately on each process keeps every answer; one alert', async () => {
    const { h, a, b } = await start('through');
    const user = 'telegram:7100001';
    const onA = chat(a, user);
    const onB = chat(b, user);
    const lines = reportLines({ name: 'Pak Wiryo', phones: '0812-7777-1234', company: 'PT Dua Proses' });
    for (const [i, line] of lines.entries()) await (i % 2 === 0 ? onA : onB).say(line);
    const sent = (lines.length % 2 === 0 ? onA : onB).text(
      await (lines.length % 2 === 0 ? onA : onB).say('1'),
    );
    const code = codeIn(sent);
    expect(code, sent).toBeDefined();
    if (!code) return;
    const report = await h.store.get(code);
    expect(report?.details.recruiter).toEqual({
      name: 'Pak Wiryo',
      phones: ['+62 812 7777 1234'],
      company: 'PT Dua Proses',
    });
    expect(report?.details.village).toBe(TERNYANG);
    expect(report?.details.offer.fees).toContain('15 juta');
    expect(report?.details.notes.join(' ')).toContain('tanpa pelatihan');
    await until(async () => (await h.queue.busy()) === 0 && alertsTo(DESA, code).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(alertsTo(DESA, code)).toHaveLength(1);
  });

  it('write-through: "send" reaching both processes at once files one report with one alert', async () => {
    const { h, a, b } = await start('through');
    const user = 'telegram:7100002';
    const onA = chat(a, user);
    const onB = chat(b, user);
    for (const [i, line] of reportLines({ name: 'Bu Sarni' }).entries())
      await (i % 2 === 0 ? onB : onA).say(line);
    const [ra, rb] = await Promise.all([onA.say('1'), onB.say('1')]);
    const codes = [codeIn(onA.text(ra)), codeIn(onB.text(rb))].filter((c) => c !== undefined);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(1);
    const code = codes[0] ?? '';
    await until(async () => (await h.queue.busy()) === 0 && alertsTo(DESA, code).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(alertsTo(DESA, code)).toHaveLength(1);
    const mine = sender.sent.filter((s) => JSON.stringify(s.messages).includes('Bu Sarni'));
    expect(mine).toHaveLength(1);
  });

  it('write-through: a process reads the step another process saved, never its own older copy', async () => {
    const { h } = await start('through');
    const [a, b] = [botProcess(h, prefix, 'through').store, botProcess(h, prefix, 'through').store];
    stores.push(a, b);
    const user = 'telegram:7100004';
    const first = { locale: 'id', flow: 'guide', step: 'topic', data: { p: 1 } } as const;
    expect(await a.save(user, first, (await a.load(user)).rev)).toEqual({ type: 'saved', rev: 1 });
    const seenByB = await b.load(user);
    expect(seenByB.decoded.session).toEqual(first);
    expect(await b.save(user, { ...first, data: { p: 2 } }, seenByB.rev)).toEqual({ type: 'saved', rev: 2 });
    // A turn on A now starts from B's step (a cached copy would have been revision 1).
    const seenByA = await a.load(user);
    expect(seenByA.rev).toBe(2);
    expect(seenByA.decoded.session.data).toEqual({ p: 2 });
  });

  it('write-behind with caches (one process per Redis) loses steps under the same alternation: the control', async () => {
    const { a, b } = await start('behind');
    const user = 'telegram:7100003';
    const onA = chat(a, user);
    const onB = chat(b, user);
    const lines = reportLines({ name: 'Pak Kontrol' });
    for (const [i, line] of lines.entries()) await (i % 2 === 0 ? onA : onB).say(line);
    const last = lines.length % 2 === 0 ? onA : onB;
    // Process A answered from its cache on a step B had moved past; its write lost and the wizard with it.
    expect(codeIn(last.text(await last.say('1')))).toBeUndefined();
  });
});
