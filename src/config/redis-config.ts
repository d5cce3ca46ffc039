import { z } from 'zod';

const hostPorts = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}(\s*,\s*[A-Za-z0-9.-]+:\d{1,5})*$/, {
      error: `expected ${what} as host:port, comma-separated (10.0.0.1:26379,10.0.0.2:26379)`,
    })
    .transform((v) =>
      v.split(',').map((part) => {
        const [host = '', port = ''] = part.trim().split(':');
        return { host, port: Number(port) };
      }),
    )
    .refine((nodes) => nodes.every((n) => n.port >= 1 && n.port <= 65_535), {
      error: 'expected ports from 1 to 65535',
    });

/** Redis beyond one server (DESIGN §10), part of the one schema in config.ts (`.env.example` documents them). */
export const REDIS_ENV = {
  REDIS_SENTINELS: hostPorts('the sentinels').optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]{1,64}$/,
      'expected the name the sentinels monitor the primary under, e.g. mymaster',
    )
    .optional(),
  REDIS_CLUSTER_NODES: hostPorts('cluster nodes').optional(),
  REDIS_WAIT_REPLICAS: z
    .string()
    .regex(/^\d$/, 'expected a whole number from 0 to 5')
    .transform(Number)
    .refine((n) => n <= 5, { error: 'expected a whole number from 0 to 5' })
    .default(0),
};

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Where Redis is and how sure a write must be; the same shape as RedisTarget (src/storage/redis-client.ts). */
export interface RedisSettings {
  /** REDIS_URL: the server; with Sentinel or Cluster only its user, password, database and TLS are used. */
  readonly url?: string;
  readonly sentinels?: readonly HostPort[];
  readonly sentinelName?: string;
  readonly clusterNodes?: readonly HostPort[];
  /**
   * Replicas that must hold a report before the user is told "received" (Redis WAIT); 0: the primary's
   * answer is enough.
   */
  readonly waitReplicas: number;
}

interface RedisEnv {
  readonly REDIS_URL?: string | undefined;
  readonly REDIS_SENTINELS?: HostPort[] | undefined;
  readonly REDIS_SENTINEL_NAME?: string | undefined;
  readonly REDIS_CLUSTER_NODES?: HostPort[] | undefined;
  readonly REDIS_WAIT_REPLICAS: number;
}

/** The Redis settings (undefined when none of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES is set), or the problems. */
export function redisSettings(
  e: RedisEnv,
): { ok: true; redis?: RedisSettings } | { ok: false; errors: readonly string[] } {
  const errors: string[] = [];
  if (e.REDIS_SENTINELS && !e.REDIS_SENTINEL_NAME)
    errors.push('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name the sentinels monitor)');
  if (e.REDIS_SENTINEL_NAME && !e.REDIS_SENTINELS)
    errors.push('REDIS_SENTINELS: required with REDIS_SENTINEL_NAME');
  if (e.REDIS_SENTINELS && e.REDIS_CLUSTER_NODES)
    errors.push('REDIS_CLUSTER_NODES: not with REDIS_SENTINELS (a Cluster fails over by itself)');
  if (e.REDIS_CLUSTER_NODES && e.REDIS_URL && !/^rediss?:\/\/[^/]*\/?0?$/.test(e.REDIS_URL))
    errors.push('REDIS_URL: a Cluster has only database 0 (leave the database out)');
  if (e.REDIS_CLUSTER_NODES && e.REDIS_WAIT_REPLICAS > 0)
    errors.push(
      'REDIS_WAIT_REPLICAS: not with REDIS_CLUSTER_NODES (WAIT would reach one node, not the report’s)',
    );
  if (errors.length > 0) return { ok: false, errors };
  if (!e.REDIS_URL && !e.REDIS_SENTINELS && !e.REDIS_CLUSTER_NODES) return { ok: true };
  return {
    ok: true,
    redis: {
      ...(e.REDIS_URL ? { url: e.REDIS_URL } : {}),
      ...(e.REDIS_SENTINELS && e.REDIS_SENTINEL_NAME
        ? { sentinels: e.REDIS_SENTINELS, sentinelName: e.REDIS_SENTINEL_NAME }
        : {}),
      ...(e.REDIS_CLUSTER_NODES ? { clusterNodes: e.REDIS_CLUSTER_NODES } : {}),
      waitReplicas: e.REDIS_WAIT_REPLICAS,
    },
  };
}
