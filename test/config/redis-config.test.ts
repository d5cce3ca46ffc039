import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { describeTarget } from '../../src/storage/redis-client.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function ok(env: Record<string, string>): Config {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

function errors(env: Record<string, string>): readonly string[] {
  const r = loadConfig(env);
  if (r.ok) throw new Error('expected a configuration error');
  return r.errors;
}

describe('Redis beyond one server (DESIGN §10)', () => {
  it('one server by REDIS_URL, as before; no wait for replicas by default', () => {
    const c = ok({ REDIS_URL: 'redis://127.0.0.1:6390/2', TELEGRAM_BOT_TOKEN: TOKEN });
    expect(c.redis).toEqual({ url: 'redis://127.0.0.1:6390/2', waitReplicas: 0 });
  });

  it('Sentinel: the sentinels and the name; REDIS_URL then gives only the password and database', () => {
    const c = ok({
      REDIS_SENTINELS: '10.0.0.1:26379, 10.0.0.2:26379,sentinel-3.internal:26380',
      REDIS_SENTINEL_NAME: 'demimas',
      REDIS_URL: 'redis://:s3cret@ignored/1',
      REDIS_WAIT_REPLICAS: '1',
      ROLE: 'worker',
    });
    expect(c.redis).toEqual({
      url: 'redis://:s3cret@ignored/1',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
        { host: 'sentinel-3.internal', port: 26380 },
      ],
      sentinelName: 'demimas',
      waitReplicas: 1,
    });
    expect(c.mode).toBe('service');
    // Messages name the sentinels, never the password.
    expect(describeTarget(c.redis ?? {})).toBe(
      'the primary "demimas" of the sentinels 10.0.0.1:26379,10.0.0.2:26379,sentinel-3.internal:26380',
    );
  });

  it('Cluster: any of its nodes, without REDIS_URL', () => {
    const c = ok({ REDIS_CLUSTER_NODES: '10.0.0.5:7000,10.0.0.6:7000', TELEGRAM_BOT_TOKEN: TOKEN });
    expect(c.redis).toEqual({
      clusterNodes: [
        { host: '10.0.0.5', port: 7000 },
        { host: '10.0.0.6', port: 7000 },
      ],
      waitReplicas: 0,
    });
    expect(ok({ REDIS_CLUSTER_NODES: '10.0.0.5:7000', ROLE: 'bot', TELEGRAM_BOT_TOKEN: TOKEN }).role).toBe(
      'bot',
    );
  });

  it('refuses what cannot work, one line per problem', () => {
    expect(errors({ REDIS_SENTINELS: '10.0.0.1:26379', ROLE: 'worker' })).toEqual([
      'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name the sentinels monitor)',
    ]);
    expect(errors({ REDIS_SENTINEL_NAME: 'mymaster', ROLE: 'worker' })).toEqual([
      'REDIS_SENTINELS: required with REDIS_SENTINEL_NAME',
    ]);
    expect(errors({ REDIS_SENTINELS: '10.0.0.1', REDIS_SENTINEL_NAME: 'm' })).toEqual([
      'REDIS_SENTINELS: expected the sentinels as host:port, comma-separated (10.0.0.1:26379,10.0.0.2:26379)',
    ]);
    expect(errors({ REDIS_CLUSTER_NODES: '10.0.0.5:99999' })).toEqual([
      'REDIS_CLUSTER_NODES: expected ports from 1 to 65535',
    ]);
    expect(
      errors({
        REDIS_CLUSTER_NODES: '10.0.0.5:7000',
        REDIS_SENTINELS: '10.0.0.1:26379',
        REDIS_SENTINEL_NAME: 'm',
        REDIS_WAIT_REPLICAS: '1',
      }),
    ).toEqual([
      'REDIS_CLUSTER_NODES: not with REDIS_SENTINELS (a Cluster fails over by itself)',
      'REDIS_WAIT_REPLICAS: not with REDIS_CLUSTER_NODES (WAIT would reach one node, not the report’s)',
    ]);
    expect(errors({ REDIS_CLUSTER_NODES: '10.0.0.5:7000', REDIS_URL: 'redis://x:1/3' })).toEqual([
      'REDIS_URL: a Cluster has only database 0 (leave the database out)',
    ]);
    expect(errors({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_WAIT_REPLICAS: '9' })).toEqual([
      'REDIS_WAIT_REPLICAS: expected a whole number from 0 to 5',
    ]);
    // Any of the three is Redis enough for the roles and the channels.
    expect(errors({ ROLE: 'worker' })).toEqual([
      'REDIS_URL: required with ROLE=worker (the processes share one Redis)',
    ]);
  });
});
