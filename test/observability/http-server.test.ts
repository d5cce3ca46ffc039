import { afterEach, describe, expect, it } from 'vitest';
import {
  notReady,
  ok,
  pingCheck,
  startHttpServer,
  type HttpServer,
} from '../../src/observability/http-server.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { connectRedis, createRedis } from '../../src/storage/redis-client.js';
import { silentLogger } from '../helpers/engine.js';
import { startRedisServer } from '../helpers/redis-server.js';

let servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(opts: Omit<Parameters<typeof startHttpServer>[0], 'port' | 'logger'> = {}) {
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger, ...opts });
  servers.push(server);
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, init);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  return { server, get };
}

describe('HTTP server', () => {
  it('answers /healthz with the uptime and event-loop delay, and 404 elsewhere', async () => {
    const { get } = await serve();
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', eventLoopDelayMs: expect.any(Number) });
    expect((await get('/nothing')).status).toBe(404);
    expect((await get('/healthz', { method: 'POST' })).status).toBe(404);
  });

  it('answers /readyz 503 with the checks that fail, 200 when all pass, 503 while draining', async () => {
    let telegram = notReady('not polling');
    const { server, get } = await serve({
      checks: [{ name: 'redis', check: () => ok }],
      checkTimeoutMs: 100,
    });
    server.addCheck({ name: 'telegram', check: () => telegram });
    server.addCheck({ name: 'slow', check: () => new Promise(() => undefined) });
    let ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toEqual({
      ready: false,
      checks: { redis: 'ok', telegram: 'not ready', slow: 'not ready' },
      notReady: [
        { name: 'telegram', reason: 'not polling' },
        { name: 'slow', reason: 'no answer within 100 ms' },
      ],
    });

    const { server: other, get: getOther } = await serve();
    other.addCheck({ name: 'telegram', check: () => telegram });
    other.addCheck({
      name: 'throws',
      check: () => {
        throw new Error('boom');
      },
    });
    expect(JSON.parse((await getOther('/readyz')).text).notReady[1]).toEqual({
      name: 'throws',
      reason: 'boom',
    });

    telegram = ok;
    const plain = await serve({ checks: [{ name: 'telegram', check: () => telegram }] });
    ready = await plain.get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, checks: { telegram: 'ok' }, notReady: [] });
    plain.server.drain();
    ready = await plain.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('shutting down');
    // Liveness is not readiness: the process is still alive while it drains.
    expect((await plain.get('/healthz')).status).toBe(200);
  });

  it('follows Redis going away and coming back (/readyz with Redis stopped and started)', async () => {
    const redisServer = await startRedisServer({ aof: false });
    const redis = createRedis(redisServer.url);
    try {
      await connectRedis(redis, redisServer.url);
      const { get } = await serve({ checks: [pingCheck('redis', () => redis.ping())], checkTimeoutMs: 500 });
      expect((await get('/readyz')).status).toBe(200);
      await redisServer.kill();
      const down = await get('/readyz');
      expect(down.status).toBe(503);
      expect(JSON.parse(down.text).notReady[0].name).toBe('redis');
      await redisServer.restart();
      const deadline = Date.now() + 10_000;
      while ((await get('/readyz')).status !== 200) {
        if (Date.now() > deadline) throw new Error('readiness did not come back after Redis restarted');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      redis.disconnect();
      await redisServer.stop();
    }
  });

  it('serves /metrics in the Prometheus text format', async () => {
    const metrics = createMetrics();
    metrics.messageIn('telegram');
    const { get } = await serve({ metrics });
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toContain('demimas_messages_in_total{channel="telegram"} 1');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('serves mounted routes and answers 500 when a handler throws', async () => {
    const { server, get } = await serve();
    server.route('POST', '/hook', (_req, res) => {
      res.writeHead(204).end();
    });
    server.route('POST', '/broken', () => {
      throw new Error('handler failed');
    });
    expect((await get('/hook', { method: 'POST' })).status).toBe(204);
    expect((await get('/hook')).status).toBe(404);
    expect((await get('/broken', { method: 'POST' })).status).toBe(500);
  });

  it('refuses to start on a port in use, naming HTTP_PORT', async () => {
    const { server } = await serve();
    await expect(
      startHttpServer({ port: server.port, host: '127.0.0.1', logger: silentLogger }),
    ).rejects.toThrow(/HTTP_PORT .*EADDRINUSE/);
  });
});
