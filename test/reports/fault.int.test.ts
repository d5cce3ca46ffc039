import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/message.js';
import { recordingSender } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, SUMBERPUCUNG, TERNYANG, officer } from '../helpers/report-script.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const REPORTS = 300;
const RESENT_NOTE = 'mungkin sudah Anda terima';

/** A chat transport that fails a third of the sends (500, nothing delivered) and records the rest. */
async function startTransport() {
  const delivered: { address: string; title: string; resent: boolean }[] = [];
  let failed = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (Math.random() < 1 / 3) {
        failed++;
        res.writeHead(500).end();
        return;
      }
      const { address, messages } = JSON.parse(body) as { address: string; messages: OutboundMessage[] };
      const first = messages[0];
      delivered.push({
        address,
        title: first?.title ?? '',
        resent: first?.body.includes(RESENT_NOTE) ?? false,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/send`,
    delivered,
    failed: () => failed,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/report-worker-process.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${String(code)})`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reports under faults (own redis-server with AOF always)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer({ aof: true });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('loses no acknowledged report and shows no officer an alert twice unannounced, through worker kills, a Redis SIGKILL and a failing transport', async () => {
    const prefix = `fault:${randomUUID().slice(0, 6)}:`;
    const transport = await startTransport();
    const submitter = await startRedisReports({
      prefix,
      sender: recordingSender(),
      url: server.url,
      workers: false,
    });
    const villageOfficers = [officer('desa1', 'village', TERNYANG), officer('desa2', 'village', TERNYANG)];
    const districtOfficer = officer('kab', 'district', MALANG);
    for (const o of [...villageOfficers, districtOfficer, officer('admin', 'admin', '')])
      await submitter.officers.save(o);
    const workerEnv = { REDIS_URL: server.url, REPORT_PREFIX: prefix, SENDER_URL: transport.url };
    let worker = await startWorker(workerEnv);

    // Chaos alongside the submissions: the worker killed four times, Redis killed once.
    let chaosDone = false;
    let workerKills = 0;
    const chaos = (async () => {
      for (const pause of [700, 900, 600, 1100]) {
        await sleep(pause);
        await killed(worker);
        workerKills++;
        if (workerKills === 2) {
          await server.kill();
          await sleep(500);
          await server.restart();
        }
        worker = await startWorker(workerEnv);
      }
      chaosDone = true;
    })();

    // Villagers submit; a submit that fails is tried again later, as the wizard lets them.
    const acknowledged = new Map<number, string>();
    let refusals = 0;
    const submitOne = async (i: number) => {
      const village = i % 3 === 0 ? SUMBERPUCUNG : TERNYANG;
      const details = sampleDetails({
        village,
        bypassVillage: i % 10 === 0,
        recruiter: { name: `Perekrut ${i}`, phones: [`+628120${String(100000 + i)}`], company: '' },
      });
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          const res = await submitter.desk.submit({
            reporter: sampleReporter(`telegram:${5000 + i}`),
            draftKey: 'd',
            details,
          });
          if (res.type === 'received') acknowledged.set(i, res.code);
          return;
        } catch {
          refusals++;
          await sleep(100);
        }
      }
    };
    const pending: Promise<void>[] = [];
    for (let i = 0; i < REPORTS; i++) {
      pending.push(submitOne(i));
      await sleep(12);
    }
    await Promise.all(pending);
    await chaos;
    expect(chaosDone).toBe(true);

    // Every acknowledged report must reach every officer due.
    const due = new Set<string>();
    for (const [i, code] of acknowledged) {
      const toDistrict = i % 10 === 0 || i % 3 === 0;
      for (const o of toDistrict ? [districtOfficer] : villageOfficers) due.add(`${o.address}|${code}`);
    }
    const deliveredKeys = () =>
      new Set(transport.delivered.map((d) => `${d.address}|${/R-[A-Z0-9]{6}/.exec(d.title)?.[0] ?? ''}`));
    await until(() => [...due].every((k) => deliveredKeys().has(k)), 60_000).catch(() => undefined);
    const got = deliveredKeys();
    const lost = [...due].filter((k) => !got.has(k));

    const alerts = transport.delivered.filter((d) => d.address.startsWith('console:'));
    const seen = new Set<string>();
    let duplicates = 0;
    let unannounced = 0;
    for (const d of alerts) {
      const key = `${d.address}|${d.title}`;
      if (seen.has(key)) {
        duplicates++;
        if (!d.resent) unannounced++;
      }
      seen.add(key);
    }
    let stored = 0;
    for (const code of acknowledged.values()) if (await submitter.store.get(code)) stored++;

    console.log(
      `fault test: submitted ${REPORTS}, acknowledged ${acknowledged.size} (refused while Redis was down: ${refusals}), ` +
        `stored ${stored}, alerts due ${due.size}, delivered ${due.size - lost.length}, lost ${lost.length}, ` +
        `duplicates ${duplicates} (unannounced ${unannounced}), transport failures ${transport.failed()}, ` +
        `worker kills ${workerKills}, redis kills 1`,
    );
    expect(acknowledged.size).toBe(REPORTS);
    expect(stored).toBe(acknowledged.size);
    expect(lost).toEqual([]);
    expect(unannounced).toBe(0);
    expect(refusals).toBeGreaterThan(0);
    expect(transport.failed()).toBeGreaterThan(0);

    await killed(worker);
    await submitter.close();
    await transport.close();
  }, 120_000);
});
