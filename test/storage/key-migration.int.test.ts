import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox, type OutboxItem } from '../../src/channels/whatsapp/outbox.js';
import { createContactBook } from '../../src/channels/whatsapp/contacts.js';
import { createRedisMediaStore } from '../../src/channels/whatsapp/media.js';
import { systemClock } from '../../src/core/ports.js';
import type { ReportDetails } from '../../src/core/report.js';
import type { Officer } from '../../src/officers/officer.js';
import { RedisInviteStore, inviteHash } from '../../src/officers/invites.js';
import { RedisOfficerDirectory } from '../../src/officers/redis-officer-directory.js';
import { RedisReportStore } from '../../src/reports/redis-report-store.js';
import { hasOldKeys, migrateKeys, migratedName, withoutView } from '../../src/storage/key-migration.js';
import { createKeys, reporterId, type ReportKeys } from '../../src/storage/keys.js';
import { createWorkerRedis } from '../../src/storage/redis-client.js';
import { RedisSessionStore } from '../../src/storage/redis-session-store.js';
import { loadRedisAuthState } from '../../src/channels/whatsapp/auth-state.js';
import { silentLogger } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';
import { runEntry, runMain } from '../helpers/run-main.js';
import { TERNYANG } from '../helpers/report-script.js';
import { inject } from 'vitest';
import { deleteMatching } from '../../src/storage/scan.js';
import { channelScripts } from '../../src/main/channel-parts.js';

/*
 * Layout 1, written out here as the bot before layout 2 wrote it (not taken from the migration, so the
 * test does not check the migration against itself).
 */
const layout1 = (p: string) => ({
  session: (userKey: string) => `${p}s:${userKey}`,
  officer: (id: string) => `${p}o:${id}`,
  officersAll: `${p}oi:all`,
  officerArea: (role: string, area: string) => `${p}oi:${role}:${area}`,
  officerAddress: (address: string) => `${p}oi:addr:${address}`,
  invite: (hash: string) => `${p}oinv:${hash}`,
  wa: (account: string) => `${p}wa:${account}:`,
  bull: `${p}bull`,
  reports: {
    report: (code: string) => `${p}r:${code}`,
    reporter: (code: string) => `${p}r:${code}:who`,
    history: (code: string) => `${p}r:${code}:log`,
    audit: (code: string) => `${p}r:${code}:audit`,
    byStatus: (status: string) => `${p}ri:status:${status}`,
    statusPrefix: () => `${p}ri:status:`,
    byArea: (area: string) => `${p}ri:area:${area}`,
    byReporter: (id: string) => `${p}ri:who:${id}`,
    waiting: () => `${p}ri:waiting`,
    revision: () => `${p}ri:rev`,
    changed: () => `${p}ri:changed`,
    draft: (id: string, draftKey: string) => `${p}rd:${id}:${draftKey}`,
    phoneLink: (id: string, phone: string) => `${p}rp:${id}:${phone}`,
    phoneLinks: (id: string) => `${p}rp:${id}:*`,
    drafts: (id: string) => `${p}rd:${id}:*`,
    daily: (id: string, day: string) => `${p}rl:${id}:${day}`,
    alert: (alertId: string) => `${p}ra:${alertId}`,
  } satisfies ReportKeys,
});

const OFFICER_PHONE = '6281234567890';
const OFFICER_ADDRESS = `whatsapp:${OFFICER_PHONE}`;
const REPORTER_ID = '7394018265';
const REPORTER = `telegram:${REPORTER_ID}`;
const RECRUITER_PHONE = '+6281298765432';
const CODE = 'R-7KQ4MX';
const DAY = 86_400_000;

const details = (): ReportDetails => ({
  recruiter: { name: 'Pak Darto', phones: [RECRUITER_PHONE], company: '' },
  offer: { country: 'Malaysia', job: 'kebun', salary: '', fees: '15 juta', documents: '' },
  place: 'rumah',
  village: TERNYANG,
  notes: [],
  media: [],
  bypassVillage: false,
});

const officer: Officer = {
  id: 'oabc23def',
  role: 'village',
  area: TERNYANG,
  address: OFFICER_ADDRESS,
  name: 'Bu Sri',
  locale: 'id',
  active: true,
  joinedAt: '2026-11-01T00:00:00.000Z',
};

/** What the bot of layout 1 had written: an officer, an invite, a report, sessions, a WhatsApp number, jobs. */
async function writeLayout1(
  redis: ReturnType<typeof testRedis>['redis'],
  p: string,
): Promise<{ invite: string }> {
  const old = layout1(p);
  const json = JSON.stringify(officer);
  await redis
    .multi()
    .set(old.officer(officer.id), json)
    .sadd(old.officersAll, officer.id)
    .hset(old.officerArea('village', TERNYANG), officer.id, json)
    .set(old.officerAddress(OFFICER_ADDRESS), officer.id)
    .exec();
  const invite = 'K7QM-4XTA';
  await redis.set(
    old.invite(inviteHash(invite)),
    JSON.stringify({
      role: 'district',
      area: '35.07',
      name: 'Pak Budi',
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + DAY).toISOString(),
    }),
    'EX',
    3 * 86_400,
  );

  const reports = new RedisReportStore(redis, old.reports);
  const createdAt = new Date();
  const created = await reports.create({
    code: CODE,
    reporter: { address: REPORTER, locale: 'id', contact: 'direct', updates: true },
    draftKey: 'd1',
    details: details(),
    createdAt,
    perDay: 5,
  });
  expect(created).toEqual({ type: 'created', code: CODE });
  await reports.update(
    CODE,
    { from: ['submitted'], to: 'routed' },
    { at: createdAt.toISOString(), type: 'routed', level: 'village' },
  );

  // The officer looked at the report: layout 1 kept the whole view, with the reporter's address.
  const view = {
    code: CODE,
    status: 'routed',
    details: details(),
    contact: 'direct',
    reporterAddress: REPORTER,
  };
  await redis.set(
    old.session(OFFICER_ADDRESS),
    `4:${JSON.stringify({ v: 1, l: 'id', f: 'officer', s: 'report', d: { c: CODE, v: view } })}`,
    'PX',
    30 * DAY,
  );
  await redis.set(
    old.session(REPORTER),
    `2:${JSON.stringify({ v: 1, l: 'en', f: 'report', s: 'company', d: { n: 'Pak Darto' } })}`,
    'PX',
    30 * DAY,
  );

  const wa = old.wa('main');
  await redis.set(`${wa}auth:creds`, JSON.stringify({ registrationId: 4242 }));
  await redis.hset(`${wa}auth:k:session`, `${OFFICER_PHONE}.0`, JSON.stringify({ record: 'r' }));
  const queued = JSON.stringify({ id: 'm1', to: `${OFFICER_PHONE}@s.whatsapp.net`, text: 'Laporan baru' });
  await redis.rpush(`${wa}out:q:${OFFICER_ADDRESS}`, queued);
  await redis.rpush(`${wa}out:ready`, OFFICER_ADDRESS);
  await redis.sadd(`${wa}out:pending`, OFFICER_ADDRESS);
  await redis.zadd(`${wa}contactable`, Date.now(), OFFICER_ADDRESS);
  const photo = `${wa}media:2f1c`;
  await redis.set(photo, Buffer.from([0xff, 0xd8, 0xff, 0x00]), 'EX', 86_400);
  return { invite };
}

describe('renaming the keys of layout 1 (real Redis, real BullMQ)', () => {
  const r = testRedis();
  const workerRedis = createWorkerRedis(inject('redisUrl'));
  afterAll(async () => {
    workerRedis.disconnect();
    await r.cleanup();
  });

  it('carries officers, invites, reports, sessions, the WhatsApp number and queued jobs over; once', async () => {
    const p = `${r.prefix}a:`;
    const { invite } = await writeLayout1(r.redis, p);
    const oldQueue = new Queue('route', { connection: r.redis, prefix: layout1(p).bull });
    await oldQueue.add(
      'route',
      { code: 'R-DONE22' },
      { jobId: 'route-R-DONE22', removeOnComplete: { age: 3600 } },
    );
    const oldWorker = new Worker('route', () => Promise.resolve(), {
      connection: workerRedis,
      prefix: layout1(p).bull,
    });
    await new Promise<void>((resolve) => oldWorker.on('completed', () => resolve()));
    await oldWorker.close();
    await oldQueue.add('route', { code: CODE }, { jobId: `route-${CODE}` });
    await oldQueue.close();

    expect(await hasOldKeys(r.redis, p)).toBe(true);
    const first = await migrateKeys(r.redis, p);
    expect(first).toMatchObject({ current: false, conflicts: 0, droppedSessions: 0, scrubbedViews: 1 });
    expect(first.renamed).toBeGreaterThan(20);
    expect(await hasOldKeys(r.redis, p)).toBe(false);

    const keys = createKeys(p);
    // Officers and invites.
    const directory = new RedisOfficerDirectory(r.redis, keys.officers);
    expect(await directory.byAddress(OFFICER_ADDRESS)).toEqual(officer);
    expect(await directory.forArea('village', TERNYANG)).toEqual([officer]);
    expect(await directory.list()).toEqual([officer]);
    const redeemed = await new RedisInviteStore(r.redis, keys.invites).redeem(
      invite,
      'telegram:1',
      new Date(),
    );
    expect(redeemed).toMatchObject({ type: 'ok', invite: { role: 'district', name: 'Pak Budi' } });

    // The report with its reporter, history and indexes; its draft and phone links still answer.
    const reports = new RedisReportStore(r.redis, keys.reports);
    expect(await reports.get(CODE)).toMatchObject({ status: 'routed', contact: 'direct' });
    expect(await reports.reporter(CODE)).toMatchObject({ address: REPORTER });
    expect((await reports.history(CODE)).map((h) => h.type)).toEqual(['submitted', 'routed']);
    expect(await reports.codesByStatus('routed')).toEqual([CODE]);
    expect(await reports.codesByArea(TERNYANG)).toEqual([CODE]);
    expect(await reports.codesByReporter(REPORTER)).toEqual([CODE]);
    expect(await reports.waitingSince(new Date(Date.now() + 1000))).toEqual([CODE]);
    const again = {
      code: 'R-NEWONE',
      reporter: { address: REPORTER, locale: 'id' as const, contact: 'none' as const, updates: false },
      details: details(),
      createdAt: new Date(),
      perDay: 5,
    };
    expect(await reports.create({ ...again, draftKey: 'd1' })).toEqual({ type: 'existing', code: CODE });
    expect(await reports.create({ ...again, draftKey: 'd2' })).toEqual({ type: 'linked', code: CODE });

    // Sessions: the conversation goes on; the officer's copy of the report view is gone, the code stays.
    const sessions = new RedisSessionStore({
      redis: r.redis,
      keys,
      idleTtlMs: 30 * DAY,
      clock: systemClock,
      cacheSize: 0,
      writeMode: 'through',
      logger: silentLogger,
    });
    expect(await sessions.load(REPORTER)).toMatchObject({
      rev: 2,
      decoded: { type: 'ok', session: { locale: 'en', flow: 'report', step: 'company' } },
    });
    expect(await sessions.load(OFFICER_ADDRESS)).toMatchObject({
      rev: 4,
      decoded: { type: 'ok', session: { flow: 'officer', step: 'report', data: { c: CODE } } },
    });
    expect(await r.redis.get(keys.session(OFFICER_ADDRESS))).not.toContain(REPORTER_ID);
    expect(await r.redis.pttl(keys.session(REPORTER))).toBeGreaterThan(29 * DAY);

    // The WhatsApp number: paired, its queued message still goes out, the officer may be messaged.
    const wa = keys.whatsapp('main');
    const auth = await loadRedisAuthState(r.redis, wa.auth, deleteMatching);
    expect(auth.state.creds).toMatchObject({ registrationId: 4242 });
    expect(await auth.state.keys.get('session', [`${OFFICER_PHONE}.0`])).toEqual({
      [`${OFFICER_PHONE}.0`]: { record: 'r' },
    });
    expect(await createContactBook(r.redis, wa.contactable).isContactable(OFFICER_ADDRESS)).toBe(true);
    const media = createRedisMediaStore(r.redis, wa.media, 86_400, wa.mediaBy);
    expect(await media.get(wa.media('2f1c'))).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    const sent: OutboxItem[] = [];
    const outbox = createOutbox({
      defineScripts: channelScripts,
      redis: r.redis,
      keys: wa.outbox,
      deliver: (item) => {
        sent.push(item);
        return Promise.resolve();
      },
      canDeliver: () => true,
      intervalMs: 0,
      jitterMs: 0,
      idlePollMs: 10,
      logger: silentLogger,
    });
    outbox.start();
    await until(() => sent.length === 1);
    await outbox.stop();
    expect(sent).toEqual([{ to: `${OFFICER_PHONE}@s.whatsapp.net`, text: 'Laporan baru' }]);

    // BullMQ: the waiting job runs under the new prefix; the finished one still keeps its id from running twice.
    const queue = new Queue('route', { connection: r.redis, prefix: keys.bull });
    expect(await queue.getJobState('route-R-DONE22')).toBe('completed');
    const ran: string[] = [];
    const worker = new Worker(
      'route',
      (job) => {
        ran.push(job.id ?? '');
        return Promise.resolve();
      },
      { connection: workerRedis, prefix: keys.bull },
    );
    await queue.add('route', { code: 'R-DONE22' }, { jobId: 'route-R-DONE22' });
    await until(() => ran.length >= 1);
    await worker.close();
    await queue.close();
    expect(ran).toEqual([`route-${CODE}`]);

    // No key name spells out a chat address or a phone number any more.
    const names = await scanNames(r.redis, p);
    for (const needle of [OFFICER_PHONE, REPORTER_ID, RECRUITER_PHONE.slice(1)])
      expect(names.filter((k) => k.includes(needle))).toEqual([]);
    expect(names.filter((k) => !k.startsWith(`${p}{`) && !k.startsWith(`${p}s:`))).toEqual([
      ...[wa.media('2f1c'), keys.layout].sort(),
    ]);

    // Idempotent: the layout is recorded; and scanning again (without the record) renames nothing.
    expect(await migrateKeys(r.redis, p)).toMatchObject({ current: true, renamed: 0 });
    await r.redis.del(keys.layout);
    expect(await migrateKeys(r.redis, p)).toMatchObject({ current: false, renamed: 0, conflicts: 0 });
    expect(await directory.byAddress(OFFICER_ADDRESS)).toEqual(officer);
  }, 30_000);

  it('keeps the newer of two sessions, and leaves a report key whose new name is taken (not recorded as done)', async () => {
    const p = `${r.prefix}c:`;
    const old = layout1(p);
    const keys = createKeys(p);
    await r.redis.set(old.session(REPORTER), '1:{"v":1,"l":"id","f":"menu","s":"root"}');
    await r.redis.set(keys.session(REPORTER), '7:{"v":1,"l":"en","f":"menu","s":"root"}');
    await r.redis.hset(old.reports.report(CODE), 'status', 'submitted');
    await r.redis.hset(keys.reports.report(CODE), 'status', 'routed');
    const result = await migrateKeys(r.redis, p);
    expect(result).toMatchObject({ renamed: 0, droppedSessions: 1, conflicts: 1 });
    expect(await r.redis.get(keys.session(REPORTER))).toMatch(/^7:/);
    expect(await r.redis.exists(old.session(REPORTER))).toBe(0);
    expect(await r.redis.hget(old.reports.report(CODE), 'status')).toBe('submitted');
    expect(await r.redis.exists(keys.layout)).toBe(0);
    expect(await hasOldKeys(r.redis, p)).toBe(true);
  });

  it('finds no old keys in an empty Redis or one already on layout 2', async () => {
    const p = `${r.prefix}e:`;
    expect(await hasOldKeys(r.redis, p)).toBe(false);
    await r.redis.set(createKeys(p).session(REPORTER), '1:{}');
    await r.redis.set(createKeys(p).reports.report(CODE), 'x');
    expect(await hasOldKeys(r.redis, p)).toBe(false);
  });
});

describe('an older Redis met by the admin CLI and by the bot', { timeout: 90_000 }, () => {
  const r = testRedis();
  afterAll(() => r.cleanup());

  it('the CLI refuses with one line; the bot renames the keys at start; then the CLI finds the officer', async () => {
    const p = `${r.prefix}b:`;
    await writeLayout1(r.redis, p);
    const env = { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: p };
    const refused = await runEntry('src/cli/main.ts', ['officers', 'list'], [], env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      `Redis holds keys named by an older version of the bot (prefix "${p}"): start the bot of this version once (it renames them), then run this command again.`,
    ]);

    const bot = await runMain(['0'], { ...env, REPORT_WORKERS: 'false' });
    expect(bot.code).toBe(0);
    expect(await hasOldKeys(r.redis, p)).toBe(false);

    const listed = await runEntry('src/cli/main.ts', ['officers', 'list'], [], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toContain(officer.id);
    expect(listed.stdout).toContain('Bu Sri');
    expect(listed.stdout).not.toContain(OFFICER_PHONE);
  });
});

describe('layout-2 names of layout-1 keys', () => {
  const p = 'dm:';
  const keys = createKeys(p);

  it('hashes chat addresses and recruiter phones, and tags the report side, each number and BullMQ', () => {
    expect(migratedName(p, `dm:s:${REPORTER}`)).toBe(keys.session(REPORTER));
    expect(migratedName(p, `dm:oi:addr:${OFFICER_ADDRESS}`)).toBe(keys.officers.address(OFFICER_ADDRESS));
    const rid = reporterId(REPORTER);
    expect(migratedName(p, `dm:rp:${rid}:${RECRUITER_PHONE}`)).toBe(
      keys.reports.phoneLink(rid, RECRUITER_PHONE),
    );
    expect(migratedName(p, `dm:wa:main:out:q:${OFFICER_ADDRESS}`)).toBe(
      keys.whatsapp('main').outbox.queue(OFFICER_ADDRESS),
    );
    expect(migratedName(p, `dm:r:${CODE}:who`)).toBe(keys.reports.reporter(CODE));
    expect(migratedName(p, 'dm:ri:status:routed')).toBe(keys.reports.byStatus('routed'));
    expect(migratedName(p, 'dm:oi:village:35.07.12.2001')).toBe(keys.officers.area('village', TERNYANG));
    expect(migratedName(p, 'dm:wa:main:auth:creds')).toBe(keys.whatsapp('main').auth.creds);
    expect(migratedName(p, 'dm:wa:main:lease')).toBe(keys.whatsapp('main').lease);
    expect(migratedName(p, 'dm:bull:route:wait')).toBe(`${keys.bull}:route:wait`);
  });

  it('leaves layout-2 keys, media, other prefixes and unknown keys alone', () => {
    for (const key of [
      keys.session(REPORTER),
      keys.reports.report(CODE),
      keys.officers.address(OFFICER_ADDRESS),
      keys.whatsapp('main').outbox.ready,
      `${keys.bull}:route:wait`,
      keys.layout,
      keys.whatsapp('main').media('2f1c'),
      keys.whatsapp('main').mediaBy(OFFICER_ADDRESS),
      'other:s:telegram:1',
      'dm:something:else',
    ])
      expect(migratedName(p, key)).toBeUndefined();
  });

  it('drops the report view from an officer session and leaves every other session as it is', () => {
    const officerSession = `3:${JSON.stringify({ v: 1, l: 'id', f: 'officer', s: 'report', d: { c: CODE, v: { x: 1 } } })}`;
    expect(withoutView(officerSession)).toBe(
      `3:${JSON.stringify({ v: 1, l: 'id', f: 'officer', s: 'report', d: { c: CODE } })}`,
    );
    expect(
      withoutView(`3:${JSON.stringify({ v: 1, l: 'id', f: 'officer', s: 'home', d: { a: 'x' } })}`),
    ).toBe(undefined);
    expect(withoutView(`3:${JSON.stringify({ v: 1, l: 'id', f: 'report', s: 'x', d: { v: 'kept' } })}`)).toBe(
      undefined,
    );
    expect(withoutView('not a session')).toBeUndefined();
  });
});

async function scanNames(redis: ReturnType<typeof testRedis>['redis'], prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    names.push(...found);
  } while (cursor !== '0');
  return names.sort();
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
