import { defineConfig } from 'vitest/config';

/**
 * `npm run test:ha`: Redis Sentinel failovers (test/ha/), each test with its own primary, replica and
 * three sentinels. About two minutes; not part of `npm test` (`.ci/run` runs a short version).
 */
export default defineConfig({
  test: {
    name: 'ha',
    include: ['test/ha/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
