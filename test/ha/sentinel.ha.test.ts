import { startMainProcess } from '../helpers/main-process.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicaWaitQueue } from '../../src/main/replica-wait.js';
import { BullJobQueue } from '../../src/reports/bull-queues.js';
import { createRedisReports } from '../../src/reports/redis-reports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { connectRedis, createRedis, type RedisTarget } from '../../src/storage/redis-client.js';
import { recordingSender, silentLogger, testVillages } from '../helpers/engine.js';
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/redis-server.js';
import { startSentinelGroup, type SentinelGroup } from '../helpers/redis-sentinel.js';
import { sampleDetails, sampleReporter, until } from '../helpers/report-harness.js';
import { TERNYANG, officer } from '../helpers/report-script.js';

/**
 * Redis Sentinel (DESIGN §10): a primary, one replica and three sentinels, all private processes. The
 * villagers' side (the report desk, with REDIS_WAIT_REPLICAS=1) submits reports while the primary is
 * killed twice (SIGKILL by pid; it is started again a second later and the sentinels make it a
 * replica, so the second kill has a replica to promote). The workers are a real `ROLE=worker` process
 * (src/main.ts) finding the primary through the sentinels, sending alerts to a fake Telegram Bot API.
 *
 * Checked: no report the user was told is "received" is lost (each is on the primary of the end, with
 * its reporter index); after each kill a submit is received again within 30 s; the worker's alerts
 * resume (every received report's alert reaches the officer) and it reports ready at the end. With
 * one replica the service is back once the old primary rejoins as a replica (the sentinels convert it
 * some 8–10 s after it comes back): until then WAIT finds no replica and a submit is refused ("not
 * received, try again"), never acknowledged unsafely. HA_REPORTS sets the number of reports (500).
 */
const REPORTS = Number(process.env.HA_REPORTS ?? 500);
const KILLS = 2;
const PACE_MS = 15;
const RETRY_MS = 100;
const BACK_WITHIN_MS = 30_000;
const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
const OFFICER_CHAT = 5005;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const startWorker = (env: Record<string, string>, port: number) =>
  startMainProcess({ ROLE: 'worker', HTTP_PORT: String(port), ...env });

const readyz = async (port: number) =>
  (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200;

describe('reports through two primary kills under Redis Sentinel (REDIS_WAIT_REPLICAS=1)', () => {
  let group: SentinelGroup;
  let api: FakeBotApi;
  beforeAll(async () => {
    group = await startSentinelGroup({ replicas: 1, sentinels: 3 });
    api = await startFakeBotApi();
  }, 60_000);
  afterAll(async () => {
    await api.close();
    await group.stop();
  });

  it(`loses none of ${REPORTS} received reports, is back within 30 s of each kill, and the worker resumes`, async () => {
    const prefix = `ha${randomUUID().slice(0, 6)}:`;
    const target: RedisTarget = { sentinels: group.sentinels, sentinelName: group.name };
    const t0 = performance.now();
    const since = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
    const timeline: string[] = [];

    // The villagers' side: the desk on its own connection, WAIT for one replica after each report.
    const redis = createRedis(target);
    await connectRedis(redis, target);
    const keys = createKeys(prefix);
    const queue = new BullJobQueue(redis, keys.bull, { attempts: 30, backoffMs: 100 });
    const reports = createRedisReports({
      redis,
      prefix,
      queue: replicaWaitQueue(queue, redis, 1),
      senders: { telegram: recordingSender() },
      translator: createTranslator('locales'),
      villages: testVillages(),
      clock: { now: () => new Date() },
      logger: silentLogger,
      settings: { escalateAfterMs: 3_600_000, perDay: 50 },
      areaName: () => undefined,
    });
    await reports.officers.save(officer('desa', 'village', TERNYANG, `telegram:${OFFICER_CHAT}`));

    const port = await freePort();
    const worker = startWorker(
      {
        REDIS_SENTINELS: group.list,
        REDIS_SENTINEL_NAME: group.name,
        REDIS_KEY_PREFIX: prefix,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        ALERTS_PER_SECOND_TELEGRAM: '30',
        REPORT_RETRY_DELAY_MS: '100',
      },
      port,
    );
    try {
      await until(() => readyz(port), 60_000);
      timeline.push(`worker ready ${since()}`);

      const acknowledged = new Map<number, string>();
      let refusals = 0;
      /** Submits report `i` until it is received (a refused submit is tried again, as the wizard lets people). */
      const submitOne = async (i: number): Promise<number> => {
        const details = sampleDetails({
          recruiter: { name: `Perekrut ${i}`, phones: [`+628121${String(100000 + i)}`], company: '' },
        });
        for (;;) {
          let res;
          try {
            res = await reports.desk.submit({
              reporter: sampleReporter(`telegram:${70_000 + i}`),
              draftKey: 'd',
              details,
            });
          } catch {
            refusals++;
            await sleep(RETRY_MS);
            continue;
          }
          if (res.type !== 'received') throw new Error(`report ${i}: ${res.type}`);
          acknowledged.set(i, res.code);
          return Date.now();
        }
      };

      // The kills, one after the other: the second waits until the first killed server is a synced replica.
      const backAfterMs: number[] = [];
      let probe = REPORTS;
      const kill = async () => {
        await group.synced(1, 60_000);
        const killed = await group.killPrimary();
        const at = Date.now();
        timeline.push(`kill ${String(killed)} ${since()}`);
        // Right after the kill, one villager submits: how long until the service says "received" again.
        const back = submitOne(probe++).then((done) => backAfterMs.push(done - at));
        // The killed server starts again only once the sentinels have promoted another: started
        // sooner, it can answer again before they agree it is down, and no failover happens at all.
        const promoted = await group.failedOver(killed);
        timeline.push(`promoted ${String(promoted)} ${since()}`);
        await group.restart(killed);
        await back;
        timeline.push(`back ${since()}`);
      };
      let chaos: Promise<void> = Promise.resolve();
      const at = Array.from({ length: KILLS }, (_, k) => Math.round(((k + 1) * REPORTS) / (KILLS + 1)));
      const pending: Promise<number>[] = [];
      for (let i = 0; i < REPORTS; i++) {
        if (at.includes(i)) chaos = chaos.then(kill);
        pending.push(submitOne(i));
        await sleep(PACE_MS);
      }
      await chaos;
      await Promise.all(pending);
      timeline.push(`all received ${since()}`);

      // The worker resumed: every received report's alert reached the officer.
      const codes = [...acknowledged.values()];
      const alerted = () => {
        const texts = api
          .sent()
          .filter((c) => c.payload.chat_id === OFFICER_CHAT)
          .map((c) => String(c.payload.text));
        return new Set(codes.filter((code) => texts.some((t) => t.includes(code))));
      };
      await until(() => alerted().size === codes.length, 120_000).catch(() => undefined);
      timeline.push(`all alerted ${since()}`);

      // Nothing received is lost: each report is on the primary of the end, once per reporter.
      const stored = await Promise.all(codes.map((c) => reports.store.get(c)));
      const perReporter = await Promise.all(
        [...acknowledged.keys()].map((i) => reports.store.codesByReporter(`telegram:${70_000 + i}`)),
      );
      const workerReady = await readyz(port);
      const restarts = (worker.stderr().match(/starting them again/g) ?? []).length;
      console.log(
        `sentinel test: ${acknowledged.size} reports received (${REPORTS} + ${KILLS} probes), ` +
          `${stored.filter(Boolean).length} stored, ${alerted().size} alerted; ${refusals} submits refused ` +
          `and tried again; back after each kill: ${backAfterMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; ` +
          `worker sets started again by the watchdog: ${restarts}; ${timeline.join(', ')}`,
      );
      expect(acknowledged.size).toBe(REPORTS + KILLS);
      expect(new Set(codes).size).toBe(codes.length);
      expect(stored.filter(Boolean).length).toBe(codes.length);
      expect(perReporter.filter((list) => list.length === 1).length).toBe(codes.length);
      expect(backAfterMs).toHaveLength(KILLS);
      for (const ms of backAfterMs) expect(ms).toBeLessThan(BACK_WITHIN_MS);
      expect(alerted().size).toBe(codes.length);
      expect(workerReady).toBe(true);
      expect(worker.child.exitCode).toBeNull();
    } finally {
      worker.child.kill('SIGTERM');
      await Promise.race([worker.exited, sleep(10_000)]);
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
      await queue.close();
      redis.disconnect();
    }
  }, 300_000);
});
