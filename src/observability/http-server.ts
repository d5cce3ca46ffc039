import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports.js';
import type { Metrics } from './metrics.js';

/** What one readiness check found; `reason` is shown in `/readyz` (never personal data). */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface ReadinessCheck {
  /** `redis`, `telegram`, `whatsapp`. */
  readonly name: string;
  check(): CheckResult | Promise<CheckResult>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Interface to listen on; all of them by default (a container's port mapping needs that). */
  readonly host?: string;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly checks?: readonly ReadinessCheck[];
  /** A check that has not answered by then is not ready. */
  readonly checkTimeoutMs?: number;
}

export interface HttpServer {
  readonly port: number;
  /** Serves `handler` for `method` on exactly `path` (the Telegram webhook). */
  route(method: string, path: string, handler: Handler): void;
  /** Serves `handler` for every method on `prefix` and every path under `prefix/` (the officers' desk). */
  mount(prefix: string, handler: Handler): void;
  addCheck(check: ReadinessCheck): void;
  /** Shutdown has begun: `/readyz` answers 503 so a load balancer stops sending traffic. */
  drain(): void;
  /** Stops listening, lets requests in progress finish (up to `graceMs`), then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;
const CLOSE_GRACE_MS = 5000;
/** Event-loop delay is sampled this often for `/healthz`. */
const LAG_SAMPLE_MS = 1000;

export const ok: CheckResult = { ok: true };
export const notReady = (reason: string): CheckResult => ({ ok: false, reason });

/** A readiness check from a ping (`() => redis.ping()`): ready when it answers in time. */
export function pingCheck(name: string, ping: () => Promise<unknown>): ReadinessCheck {
  return {
    name,
    check: () =>
      ping().then(
        () => ok,
        (err: unknown) => notReady(err instanceof Error ? err.message : String(err)),
      ),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(notReady(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
  } catch (err) {
    return notReady(err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The bot's one HTTP server: `/healthz` (liveness: the process answers; event-loop delay shown),
 * `/readyz` (every readiness check passes, else 503 with what is not ready), `/metrics` (Prometheus)
 * and routes added by channels (the Telegram webhook).
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const routes = new Map<string, Handler>();
  const mounts = new Map<string, Handler>();
  const mounted = (path: string): Handler | undefined => {
    for (const [prefix, handler] of mounts)
      if (path === prefix || path.startsWith(`${prefix}/`)) return handler;
    return undefined;
  };
  const checks = [...(opts.checks ?? [])];
  const timeoutMs = opts.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
  const startedAt = Date.now();
  let draining = false;

  // Event-loop delay: how late a timer fires. A blocked loop cannot answer at all, which the
  // health check's own timeout catches; this shows a slow one.
  let lagMs = 0;
  let expected = performance.now() + LAG_SAMPLE_MS;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(0, now - expected);
    expected = now + LAG_SAMPLE_MS;
  }, LAG_SAMPLE_MS);
  lagTimer.unref();

  const readiness = async (res: ServerResponse) => {
    if (draining)
      return json(res, 503, { ready: false, notReady: [{ name: 'process', reason: 'shutting down' }] });
    const results = await Promise.all(
      checks.map(async (c) => ({ name: c.name, result: await runCheck(c, timeoutMs) })),
    );
    const failing = results.flatMap(({ name, result }) =>
      result.ok ? [] : [{ name, reason: result.reason }],
    );
    const status = Object.fromEntries(
      results.map(({ name, result }) => [name, result.ok ? 'ok' : 'not ready']),
    );
    json(res, failing.length === 0 ? 200 : 503, {
      ready: failing.length === 0,
      checks: status,
      notReady: failing,
    });
  };

  const builtIn = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    switch (path) {
      case '/healthz':
        json(res, 200, {
          status: 'ok',
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          eventLoopDelayMs: Math.round(lagMs),
        });
        return true;
      case '/readyz':
        await readiness(res);
        return true;
      case '/metrics': {
        if (!opts.metrics) return false;
        const body = await opts.metrics.registry.metrics();
        res.writeHead(200, {
          'content-type': opts.metrics.registry.contentType,
          'cache-control': 'no-store',
        });
        res.end(body);
        return true;
      }
      default:
        return false;
    }
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    void (async () => {
      try {
        if (await builtIn(req, res, path)) return;
        const handler = routes.get(`${req.method ?? ''} ${path}`) ?? mounted(path);
        if (handler) {
          await handler(req, res);
          return;
        }
        json(res, 404, { error: 'not found' });
      } catch (err) {
        opts.logger.error({ err, path }, 'http request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
        else res.destroy();
      }
    })();
  });
  // Slow or idle clients must not hold sockets for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) => {
      clearInterval(lagTimer);
      reject(
        new Error(`cannot listen on HTTP_PORT ${opts.port}: ${err.code ?? err.message}`, { cause: err }),
      );
    };
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  server.on('error', (err) => opts.logger.error({ err }, 'http server error'));
  const port = (server.address() as AddressInfo).port;
  opts.logger.info({ port }, 'http server listening (/healthz, /readyz, /metrics)');

  let closing: Promise<void> | undefined;
  return {
    port,
    route: (method, path, handler) => routes.set(`${method} ${path}`, handler),
    mount: (prefix, handler) => mounts.set(prefix, handler),
    addCheck: (check) => checks.push(check),
    drain: () => {
      draining = true;
    },
    close(graceMs = CLOSE_GRACE_MS) {
      closing ??= new Promise<void>((resolve) => {
        draining = true;
        clearInterval(lagTimer);
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
