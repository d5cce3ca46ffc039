import { defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 20_000, hookTimeout: 30_000, pool: 'forks' as const };

/**
 * Test files that run again on a Redis Cluster (DESIGN §10). `CLUSTER_CONTRACT` runs on one cluster
 * node in every run: the stores' contract tests, the users of every Lua script and the report pipeline
 * on BullMQ (Redis refuses a command or a script whose keys span two slots, so a missing hash tag fails
 * here). `npm run test:cluster` (vitest.cluster.config.ts) runs all of `CLUSTER_FILES` on three
 * primaries, with the report fault test.
 */
export const CLUSTER_CONTRACT = [
  'test/storage/redis-session-store.int.test.ts',
  'test/storage/lease.test.ts',
  'test/reports/report-store.test.ts',
  'test/reports/register-store.test.ts',
  'test/reports/alert-context.test.ts',
  'test/reports/pipeline.int.test.ts',
  'test/broadcasts/subscription-store.test.ts',
  'test/channels/whatsapp/auth-state.test.ts',
  'test/cli/officers.test.ts',
];

export const CLUSTER_FILES = [
  ...CLUSTER_CONTRACT,
  'test/storage/shared-users.int.test.ts',
  'test/reports/unrouted.int.test.ts',
  'test/reports/intake.int.test.ts',
  'test/broadcasts/fan-out.int.test.ts',
  'test/broadcasts/warnings.int.test.ts',
  'test/broadcasts/digest.int.test.ts',
  'test/broadcasts/whatsapp-cap.int.test.ts',
  'test/channels/whatsapp/outbox.test.ts',
  'test/channels/telegram-claim.int.test.ts',
  'test/reports/fault.int.test.ts',
];

export default defineConfig({
  test: {
    // Three test files at once, even on two cores: most of the suite's time is spent waiting (for
    // spawned bot and worker processes, redis-server, fake APIs, timers), not computing. One at a time
    // (Vitest's default on two cores) took 12.7 min; three take about 6 min on the same machine.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'redis',
          include: ['test/**/*.test.ts'],
          // Sentinel failovers take minutes: `npm run test:ha` (vitest.ha.config.ts).
          exclude: ['test/ha/**', '**/node_modules/**'],
          globalSetup: ['test/helpers/global-redis.ts'],
          ...timeouts,
        },
      },
      {
        test: {
          name: 'cluster-1',
          include: CLUSTER_CONTRACT,
          globalSetup: ['test/helpers/global-cluster.ts'],
          env: { CLUSTER_PRIMARIES: '1' },
          ...timeouts,
        },
      },
    ],
  },
});
