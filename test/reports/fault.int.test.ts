import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVillageDirectory } from '../../src/content/villages.js';
import type { AreaLevel } from '../../src/core/report.js';
import type { Officer } from '../../src/officers/officer.js';
import { recordingSender } from '../helpers/engine.js';
import { startFaultChannel, thirdFailing, type Delivery } from '../helpers/fault-channel.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, SUMBERPUCUNG, TERNYANG, officer } from '../helpers/report-script.js';
import { createKeys } from '../../src/storage/keys.js';
import type { RedisTarget } from '../../src/storage/redis-client.js';
import { startRedisCluster } from '../helpers/redis-cluster.js';
import { startRedisServer, type AppendFsync } from '../helpers/redis-server.js';

/**
 * Reports under crashes: a worker process killed with SIGKILL six times, the test's own redis-server
 * killed with SIGKILL three times (and started again on the same port and folder, replaying its AOF),
 * and a chat transport that refuses a seeded third of the sends.
 *
 * What a Redis SIGKILL shows, honestly: it is a crash of the Redis process, not of the machine. What
 * Redis wrote to its AOF sits in the kernel's page cache and is read back on restart. With
 * `appendfsync always` (production, `compose.yaml`) Redis writes and fsyncs each write before it
 * answers, so every report the user was told is "received" is in the file even through a power cut —
 * that part no test on one machine can show. With `everysec` (FAULT_APPENDFSYNC=everysec) a slow fsync
 * lets Redis answer before it writes, and a crash then can lose acknowledged reports: this test may
 * fail, and that is the weaker setting's real cost. "Received" is said once the record is stored with
 * its alert jobs (routed as it is stored) or its route job; the test checks both for every received
 * report (the jobs by their time, since the sweep would make a lost route job again under the same id).
 */
const REPORTS = Number(process.env.FAULT_REPORTS ?? 600);
const FSYNC: AppendFsync = process.env.FAULT_APPENDFSYNC === 'everysec' ? 'everysec' : 'always';
const SEED = Number(process.env.FAULT_SEED ?? 17);
/** FAULT_CLUSTER=3 (npm run test:cluster): the same test on a Cluster of 3 primaries, every node killed at once. */
const CLUSTER = Number(process.env.FAULT_CLUSTER ?? 0);
/** The crashes, in order, each at the next tenth of the alerts due (so spread over the run). */
const CHAOS = [
  'worker',
  'redis',
  'worker',
  'worker',
  'redis',
  'worker',
  'worker',
  'redis',
  'worker',
] as const;
const REDIS_DOWN_MS = 500;
/** The last reports are each submitted the moment Redis is killed, so a submit always meets it down. */
const PROBES = CHAOS.filter((k) => k === 'redis').length;
/** Between two submissions; a refused one is tried again after RETRY_MS, as the wizard lets people. */
const PACE_MS = 15;
const RETRY_MS = 100;
const RESENT_NOTE = 'mungkin sudah Anda terima';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The report worker process (test/helpers/report-worker-process.ts), started again after each kill. */
function workerProcess(env: Record<string, string>) {
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/report-worker-process.ts'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = c;
      c.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('worker ready')) resolve();
      });
      c.once('exit', (code, signal) => reject(new Error(`worker exited early (${String(code ?? signal)})`)));
    });
  const kill = () =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.removeAllListeners('exit');
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  return { start, kill };
}

/** The test's own Redis: one server, or a Cluster; `kill` crashes all of it, `restart` brings it back. */
interface FaultRedis {
  readonly target: RedisTarget | string;
  /** How the worker process finds it. */
  readonly env: Record<string, string>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function startFaultRedis(): Promise<FaultRedis> {
  if (CLUSTER > 0) {
    const cluster = await startRedisCluster({ primaries: CLUSTER, appendfsync: FSYNC });
    return {
      target: { clusterNodes: cluster.nodes },
      env: { REDIS_CLUSTER_NODES: cluster.list },
      kill: () => cluster.kill(),
      restart: () => cluster.restart(),
      stop: () => cluster.stop(),
    };
  }
  const server = await startRedisServer({ aof: true, appendfsync: FSYNC });
  return { target: server.url, env: { REDIS_URL: server.url }, ...server };
}

const where = CLUSTER > 0 ? `a Cluster of ${CLUSTER} primaries` : 'own redis-server';

describe(`reports under faults (${where}, AOF appendfsync ${FSYNC})`, () => {
  let server: FaultRedis;
  beforeAll(async () => {
    server = await startFaultRedis();
  });
  afterAll(async () => {
    await server.stop();
  });

  it(`loses none of ${REPORTS} acknowledged reports and shows nobody a message twice unannounced, through 6 worker kills, 3 Redis kills and a third of sends failing`, async () => {
    const prefix = `fault:${randomUUID().slice(0, 6)}:`;
    const villageOfficers = [officer('desa1', 'village', TERNYANG), officer('desa2', 'village', TERNYANG)];
    const districtOfficer = officer('kab', 'district', MALANG);
    const admin = officer('admin', 'admin', '');
    const t0 = performance.now();
    const since = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;

    // The crashes, run by the channel the moment it took an alert, before it answers.
    const thresholds = CHAOS.map((_, k) =>
      Math.round(((k + 1) * expectedAlerts(REPORTS)) / (CHAOS.length + 1)),
    );
    const seenAlerts = new Set<string>();
    const heldByWorkerKill: Delivery[] = [];
    const heldByRedisKill: Delivery[] = [];
    const timeline: string[] = [];
    const fsyncAfterRestart: string[] = [];
    const chaosErrors: unknown[] = [];
    let step = 0;
    let busy = false;
    let workerKills = 0;
    let redisKills = 0;
    let worker: ReturnType<typeof workerProcess> | undefined;
    const probes: Promise<void>[] = [];
    // Set once the villagers' submit exists (below).
    let submitProbe = (): void => undefined;

    const crash = async (kind: (typeof CHAOS)[number], d: Delivery, res: ServerResponse) => {
      timeline.push(`${kind} ${since()}`);
      if (kind === 'worker') {
        // The alert went out and its worker dies before it hears so: it must go again, marked as a repeat.
        heldByWorkerKill.push(d);
        await worker?.kill();
        workerKills++;
        res.destroy();
        await worker?.start();
      } else {
        // The alert went out and Redis dies before the worker records it: recorded once Redis is back.
        heldByRedisKill.push(d);
        await server.kill();
        redisKills++;
        // However far the submissions are ahead of the alerts, one villager submits while Redis is down.
        submitProbe();
        res.writeHead(200).end();
        await sleep(REDIS_DOWN_MS);
        await server.restart();
        fsyncAfterRestart.push(await appendfsyncOf(submitter.redis));
      }
    };
    const onDelivered = (d: Delivery, res: ServerResponse): 'answer' | Promise<void> => {
      if (!d.address.startsWith('console:')) return 'answer';
      const key = `${d.address}|${d.code}`;
      // Only an alert's first delivery starts a crash, so what must happen to it next is known.
      if (seenAlerts.has(key)) return 'answer';
      seenAlerts.add(key);
      const threshold = thresholds[step];
      const kind = CHAOS[step];
      if (busy || threshold === undefined || kind === undefined || seenAlerts.size < threshold)
        return 'answer';
      busy = true;
      step++;
      return crash(kind, d, res)
        .catch((err: unknown) => {
          chaosErrors.push(err);
        })
        .finally(() => {
          busy = false;
        });
    };
    const channel = await startFaultChannel({ seed: SEED, marker: RESENT_NOTE, onDelivered });
    // The jobs it queues (a report's alerts, as it routes it) retry as the worker's own do
    // (test/helpers/report-worker-process.ts), as one REPORT_JOB_ATTEMPTS sets both in production.
    const submitter = await startRedisReports({
      prefix,
      sender: recordingSender(),
      url: server.target,
      workers: false,
      attempts: 30,
      backoffMs: 50,
    });
    const bull = createKeys(prefix).bull;
    const routeJobs = new Queue('route', { connection: submitter.redis, prefix: bull });
    const alertJobs = new Queue('alert-console', { connection: submitter.redis, prefix: bull });
    // While Redis is down its connection errors are expected; without a listener they would be printed.
    routeJobs.on('error', () => undefined);
    alertJobs.on('error', () => undefined);
    /** The officers a report is routed to as it is stored, and their level (none: its route job looks). */
    const firstLevelOf = (i: number): [Officer[], AreaLevel] => {
      if (i % 10 === 0) return [[districtOfficer], 'district'];
      return [i % 3 === 0 ? [] : villageOfficers, 'village'];
    };
    try {
      for (const o of [...villageOfficers, districtOfficer, admin]) await submitter.officers.save(o);
      const directory = loadVillageDirectory();
      const villages = JSON.stringify([TERNYANG, SUMBERPUCUNG].map((code) => directory.byCode(code)));
      worker = workerProcess({
        ...server.env,
        REPORT_PREFIX: prefix,
        SENDER_URL: channel.url,
        VILLAGES: villages,
      });
      await worker.start();

      // Villagers submit; a submit that fails is tried again with the same draft, as the wizard lets them.
      const acknowledged = new Map<number, { code: string; at: number }>();
      let refusals = 0;
      const submitOne = async (i: number) => {
        const details = sampleDetails({
          // Sumberpucung has no village officer: its reports go to the district, as do those skipping the village.
          village: i % 3 === 0 ? SUMBERPUCUNG : TERNYANG,
          bypassVillage: i % 10 === 0,
          recruiter: { name: `Perekrut ${i}`, phones: [`+628120${String(100000 + i)}`], company: '' },
        });
        for (;;) {
          let res;
          try {
            res = await submitter.desk.submit({
              reporter: sampleReporter(`telegram:${5000 + i}`),
              draftKey: 'd',
              details,
            });
          } catch {
            refusals++;
            await sleep(RETRY_MS);
            continue;
          }
          if (res.type !== 'received') throw new Error(`report ${i}: ${res.type}`);
          acknowledged.set(i, { code: res.code, at: Date.now() });
          return;
        }
      };
      let nextProbe = REPORTS - PROBES;
      submitProbe = () => {
        probes.push(submitOne(nextProbe++));
      };
      const pending: Promise<void>[] = [];
      for (let i = 0; i < REPORTS - PROBES; i++) {
        pending.push(submitOne(i));
        await sleep(PACE_MS);
      }
      await Promise.all(pending);
      await until(() => step >= CHAOS.length && !busy, 120_000).catch(() => undefined);
      await Promise.all(probes);
      timeline.push(`all received ${since()}`);

      // Wait until every alert and reporter notice due went out, or no job is left to run.
      const due = new Set<string>();
      for (const [i, { code }] of acknowledged)
        for (const o of goesToDistrict(i) ? [districtOfficer] : villageOfficers)
          due.add(`${o.address}|${code}`);
      const noticesDue = new Set([...acknowledged].map(([i, { code }]) => `telegram:${5000 + i}|${code}`));
      const deliveredKeys = () => new Set(channel.delivered.map((d) => `${d.address}|${d.code}`));
      let idleChecks = 0;
      const settled = async () => {
        if (step < CHAOS.length || busy) return false;
        const got = deliveredKeys();
        // An alert held at a worker kill went out once already; it is done when its repeat went out too
        // (the stalled job runs again after the lock expires, which may come after everything else).
        const counts = new Map<string, number>();
        for (const d of channel.delivered) {
          const k = `${d.address}|${d.code}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
        const heldRepeated = heldByWorkerKill.every((d) => (counts.get(`${d.address}|${d.code}`) ?? 0) >= 2);
        if (heldRepeated && [...due, ...noticesDue].every((k) => got.has(k))) return true;
        const depths = await submitter.queue.depths().catch(() => undefined);
        idleChecks = depths && Object.values(depths).every((n) => n === 0) ? idleChecks + 1 : 0;
        return idleChecks >= 25;
      };
      await until(settled, 90_000).catch(() => undefined);
      timeline.push(`all out ${since()}`);
      const codes = [...acknowledged.values()].map((a) => a.code);
      // The first alert's record makes a report "notified"; it may trail the delivery a little.
      const statuses = async () =>
        Promise.all(codes.map(async (c) => (await submitter.store.get(c))?.status));
      await until(async () => (await statuses()).every((s) => s === 'notified'), 10_000).catch(
        () => undefined,
      );

      // Count deliveries: what is missing, what went to someone not due, what came twice without the note.
      const got = deliveredKeys();
      const lostAlerts = [...due].filter((k) => !got.has(k));
      const lostNotices = [...noticesDue].filter((k) => !got.has(k));
      const notDue = channel.delivered.filter(
        (d) => !due.has(`${d.address}|${d.code}`) && !noticesDue.has(`${d.address}|${d.code}`),
      );
      const byKey = new Map<string, Delivery[]>();
      for (const d of channel.delivered)
        byKey.set(`${d.address}|${d.code}`, [...(byKey.get(`${d.address}|${d.code}`) ?? []), d]);
      const count = (prefix: string) => {
        let repeats = 0;
        let unannounced = 0;
        for (const [key, list] of byKey) {
          if (!key.startsWith(prefix)) continue;
          repeats += list.length - 1;
          // Every delivery after the first must carry the note.
          unannounced += list.slice(1).filter((d) => !d.resent).length;
        }
        return { repeats, unannounced };
      };
      const alerts = count('console:');
      const notices = count('telegram:');
      const deliveriesOf = (d: Delivery) => byKey.get(`${d.address}|${d.code}`) ?? [];
      const heldResentMarked = heldByWorkerKill.filter((d) => {
        const list = deliveriesOf(d);
        return list[0]?.seq === d.seq && list.length >= 2 && list.slice(1).every((x) => x.resent);
      }).length;
      const heldOnce = heldByRedisKill.filter((d) => deliveriesOf(d).length === 1).length;

      // Reports: one per villager, each stored once, each with its route job from before "received".
      const perReporter = await Promise.all(
        [...acknowledged.keys()].map((i) => submitter.store.codesByReporter(`telegram:${5000 + i}`)),
      );
      const storedCodes = new Set([
        ...(await submitter.store.codesByArea(TERNYANG)),
        ...(await submitter.store.codesByArea(SUMBERPUCUNG)),
      ]);
      const records = await Promise.all(codes.map((c) => submitter.store.get(c)));
      // Routed as it was stored (officers at its first level), with their alerts queued; or with its
      // route job (nobody at Sumberpucung's village level). Timed: the sweep would make a lost route
      // job again under the same id, but after "received".
      const queuedBeforeReceived = (
        await Promise.all(
          [...acknowledged].map(async ([i, { code, at }]) => {
            const before = (job: Job | undefined) => job !== undefined && job.timestamp <= at;
            if (before(await routeJobs.getJob(`route-${code}`))) return true;
            const [officers, level] = firstLevelOf(i);
            const jobs = await Promise.all(
              officers.map((o) => alertJobs.getJob(`alert-${code}-${o.id}-${level}-report`)),
            );
            return officers.length > 0 && jobs.every(before);
          }),
        )
      ).filter(Boolean).length;
      const histories = await Promise.all(codes.map((c) => submitter.store.history(c)));
      const routedOnce = histories.filter((h) => h.filter((e) => e.type === 'routed').length === 1).length;
      const deadLetters = histories
        .flat()
        .filter((e) => e.type === 'failed' || e.type.endsWith('-failed')).length;
      const notified = (await statuses()).filter((s) => s === 'notified').length;

      // What became of the jobs of anything missing (empty when nothing is).
      const jobsOf = async (queue: string, ids: string[]) => {
        const q = new Queue(queue, { connection: submitter.redis, prefix: bull });
        try {
          return await Promise.all(
            ids.map(async (id) => {
              const job = await q.getJob(id);
              return job
                ? `${id}: ${await job.getState()} after ${job.attemptsMade} attempts (${job.failedReason})`
                : `${id}: no job`;
            }),
          );
        } finally {
          await q.close();
        }
      };
      const missing = [
        ...(await jobsOf(
          'notify',
          lostNotices.map((k) => `notify-${k.split('|')[1] ?? ''}-notified`),
        )),
        ...(await jobsOf(
          'alert-console',
          lostAlerts.map((k) => {
            const [address = '', code = ''] = k.split('|');
            const level = address === districtOfficer.address ? 'district' : 'village';
            return `alert-${code}-${address.slice('console:'.length)}-${level}-report`;
          }),
        )),
      ];
      console.log(
        `fault test (appendfsync ${FSYNC}, seed ${SEED}): ${REPORTS} reports submitted, ${acknowledged.size} received ` +
          `(${refusals} submits refused while Redis was down and tried again), ${storedCodes.size} stored, ` +
          `${queuedBeforeReceived} with their alert or route jobs stored before "received"; alerts due ${due.size}, ` +
          `delivered ${due.size - lostAlerts.length}, repeats ${alerts.repeats} (unannounced ${alerts.unannounced}; ` +
          `held at a worker kill and sent again marked ${heldResentMarked}/${heldByWorkerKill.length}, ` +
          `held at a Redis kill and sent once ${heldOnce}/${heldByRedisKill.length}); reporter notices due ` +
          `${noticesDue.size}, delivered ${noticesDue.size - lostNotices.length}, repeats ${notices.repeats} ` +
          `(unannounced ${notices.unannounced}); sends ${channel.sends()}, refused ${channel.failed()}; ` +
          `worker kills ${workerKills}, Redis kills ${redisKills}; ${timeline.join(', ')}` +
          (missing.length > 0
            ? `; missing (first 10 of ${missing.length}): ${missing.slice(0, 10).join('; ')}`
            : ''),
      );
      expect(chaosErrors).toEqual([]);
      expect({ workerKills, redisKills }).toEqual({ workerKills: 6, redisKills: 3 });
      expect(fsyncAfterRestart).toEqual([FSYNC, FSYNC, FSYNC]);
      // Nothing told "received" is lost, and nothing is there twice.
      expect(acknowledged.size).toBe(REPORTS);
      expect(new Set(codes).size).toBe(REPORTS);
      expect(storedCodes.size).toBe(REPORTS);
      expect(records.filter(Boolean).length).toBe(REPORTS);
      expect(perReporter.filter((list) => list.length === 1).length).toBe(REPORTS);
      expect(queuedBeforeReceived).toBe(REPORTS);
      expect(routedOnce).toBe(REPORTS);
      expect(deadLetters).toBe(0);
      expect(notified).toBe(REPORTS);
      // Every officer due got the alert, every reporter the notice; nobody else got anything.
      expect(due.size).toBe(expectedAlerts(REPORTS));
      expect(lostAlerts).toEqual([]);
      expect(lostNotices).toEqual([]);
      expect(notDue).toEqual([]);
      // A repeat always says it may be one; each alert held at a worker kill went again, marked.
      expect(alerts.unannounced).toBe(0);
      expect(notices.unannounced).toBe(0);
      expect(heldResentMarked).toBe(6);
      // A third of the sends were refused (the seeded pattern, exactly).
      expect(channel.failed()).toBe(countFailing(SEED, channel.sends()));
      expect(Math.abs(channel.failed() - channel.sends() / 3)).toBeLessThanOrEqual(1);
      expect(refusals).toBeGreaterThan(0);
    } finally {
      await worker?.kill();
      await routeJobs.close();
      await alertJobs.close();
      await submitter.close();
      await channel.close();
    }
  }, 150_000);
});

/** Reports from Sumberpucung, or filed to skip the village, go to the district officer; the rest to both village officers. */
function goesToDistrict(i: number): boolean {
  return i % 3 === 0 || i % 10 === 0;
}

/** Alerts due for `n` reports: one for each district report, two for each village one. */
function expectedAlerts(n: number): number {
  let due = 0;
  for (let i = 0; i < n; i++) due += goesToDistrict(i) ? 1 : 2;
  return due;
}

function countFailing(seed: number, sends: number): number {
  const fails = thirdFailing(seed);
  let n = 0;
  for (let s = 0; s < sends; s++) if (fails(s)) n++;
  return n;
}

/** The restarted server's fsync setting (after the client reconnected). */
async function appendfsyncOf(redis: Redis): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = (await redis.config('GET', 'appendfsync')) as string[];
      return reply[1] ?? '';
    } catch (err) {
      if (attempt > 50) throw err;
      await sleep(100);
    }
  }
}
