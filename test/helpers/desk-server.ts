import type { DeskConfig } from '../../src/config/desk-config.js';
import type { Clock } from '../../src/core/ports.js';
import { createDesk } from '../../src/desk/desk.js';
import type { Officer } from '../../src/officers/officer.js';
import { startHttpServer, type HttpServer } from '../../src/observability/http-server.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { JobQueue, JobSpec } from '../../src/reports/jobs.js';
import { reportKeys } from '../../src/reports/keys.js';
import { RedisRegisterStore } from '../../src/reports/redis-register-store.js';
import { keptReportReader } from '../../src/reports/redis-kept-reader.js';
import { createRedisReports } from '../../src/reports/redis-reports.js';
import { registerKeys } from '../../src/storage/keys.js';
import { realCatalog, silentLogger, testVillages } from './engine.js';
import { testRedis } from './redis.js';

/** Report jobs the desk's actions queued (the same jobs chat actions queue). */
export function recordingQueue(): JobQueue & { jobs: JobSpec[] } {
  const jobs: JobSpec[] = [];
  return {
    jobs,
    add(added) {
      jobs.push(...added);
      return Promise.resolve();
    },
  };
}

export const DESK_TEST_CONFIG: DeskConfig = {
  sessionIdleMs: 60_000,
  codeMs: 600_000,
  secureCookie: false,
  trustProxy: true,
};

const translator = createTranslator('locales');

/**
 * The desk on a real HTTP server and the test run's Redis (a prefix of its own): the report side on
 * Redis with a recording job queue, and a recording delivery that keeps the sign-in codes sent to
 * officers' chats.
 */
export async function startDeskServer(opts: { config?: Partial<DeskConfig>; clock?: Clock } = {}) {
  const { redis, prefix, cleanup } = testRedis();
  const queue = recordingQueue();
  const clock = opts.clock ?? { now: () => new Date() };
  const reports = createRedisReports({
    redis,
    prefix,
    queue,
    senders: {},
    translator,
    villages: testVillages(),
    clock,
    logger: silentLogger,
    settings: { escalateAfterMs: 8 * 3_600_000, perDay: 100 },
    areaName: (code) => (code === '35.07' ? 'Kabupaten Malang' : undefined),
  });
  const delivered: { address: string; text: string }[] = [];
  const desk = createDesk({
    redis,
    prefix,
    config: { ...DESK_TEST_CONFIG, ...opts.config },
    directory: reports.officers,
    officerDesk: reports.officerDesk,
    store: reports.store,
    reader: keptReportReader(redis, reportKeys(prefix)),
    register: new RedisRegisterStore(redis, registerKeys(prefix)),
    villages: testVillages(),
    escalateAfterMs: 8 * 3_600_000,
    agencies: realCatalog().agencies,
    translator,
    deliver: (address, messages) => {
      for (const m of messages) delivered.push({ address, text: m.body });
      return Promise.resolve();
    },
    clock,
    logger: silentLogger,
  });
  const http: HttpServer = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
  http.mount('/desk', (req, res) => desk.handle(req, res));
  return {
    redis,
    prefix,
    reports,
    queue,
    desk,
    delivered,
    base: `http://127.0.0.1:${http.port}`,
    /** The last code the bot sent to this address. */
    codeFor(address: string): string | undefined {
      const text = delivered.findLast((d) => d.address === address)?.text ?? '';
      return /\b(\d{6})\b/.exec(text)?.[1];
    },
    addOfficer: (o: Officer) => reports.officers.save(o),
    async close() {
      await http.close();
      await cleanup();
    },
  };
}

export type DeskServer = Awaited<ReturnType<typeof startDeskServer>>;

/** A browser: keeps cookies, follows no redirect by itself, sends forms as a browser does. */
export function browser(base: string, client = '203.0.113.7') {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/Max-Age=0/i.test(c) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  const headers = () => ({
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-forwarded-for': client,
  });
  const read = async (res: Response) => ({
    status: res.status,
    location: res.headers.get('location') ?? '',
    headers: res.headers,
    text: await res.text(),
  });
  return {
    jar,
    async get(path: string) {
      const res = await fetch(`${base}${path}`, { headers: headers(), redirect: 'manual' });
      keep(res);
      return read(res);
    },
    async post(path: string, form: Record<string, string>) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
      keep(res);
      return read(res);
    },
    /** The form token in a page (`_csrf`). */
    csrfIn: (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}

export type Browser = ReturnType<typeof browser>;

/** Signs `officer` in through the pages, as a person would: id, then the code from the chat. */
export async function signIn(desk: DeskServer, b: Browser, who: string, address: string): Promise<void> {
  const form = await b.get('/desk/sign-in');
  const asked = await b.post('/desk/sign-in', { who, _csrf: b.csrfIn(form.text) });
  if (asked.location !== '/desk/code?n=sent') throw new Error(`sign-in: ${asked.status} ${asked.location}`);
  const page = await b.get('/desk/code');
  const code = desk.codeFor(address) ?? '';
  const done = await b.post('/desk/code', { code, _csrf: b.csrfIn(page.text) });
  if (done.location !== '/desk') throw new Error(`code: ${done.status} ${done.location}`);
}
