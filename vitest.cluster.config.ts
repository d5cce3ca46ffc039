import { defineConfig } from 'vitest/config';
import { CLUSTER_FILES } from './vitest.config.js';

/**
 * `npm run test:cluster`: the Redis contract tests, the scripts' users, the report pipeline and the
 * report fault test (every node killed three times) on a private Cluster of three primaries
 * (test/helpers/global-cluster.ts). About two minutes; not part of `npm test`, which runs the contract
 * tests on one cluster node.
 */
export default defineConfig({
  test: {
    name: 'cluster-3',
    include: CLUSTER_FILES,
    globalSetup: ['test/helpers/global-cluster.ts'],
    env: { CLUSTER_PRIMARIES: '3', FAULT_CLUSTER: '3' },
    // One file at a time: the fault test kills every node, and the others' timings should not suffer.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
