/**
 * A driver for CPU profiles of the report pipeline (submit → route → alert at the sender), as
 * `BENCH_ONLY=reports npm run bench` runs it, without the floor. Profile it with
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-reports.ts
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
 *
 * PROFILE_RUNS sets the measured runs of 2,000 reports (default 3); PROFILE_PART=floor profiles bare
 * BullMQ of the same shape instead.
 */
import { startRedisServer } from '../test/helpers/redis-server.js';
import { barePipeline, measure, ourPipeline } from './reports.js';

const runs = Number(process.env['PROFILE_RUNS'] ?? 3);
const make = process.env['PROFILE_PART'] === 'floor' ? barePipeline : ourPipeline;
const server = await startRedisServer({ aof: true });
try {
  for (let run = 0; run < runs; run++) {
    const r = await measure(make, server.url, `profile${String(run)}:`);
    console.log(
      `${Math.round(r.perSecond)} reports/s, CPU ${r.cpu.node.toFixed(3)} ms Node + ${r.cpu.redis.toFixed(3)} ms Redis`,
    );
  }
} finally {
  await server.stop();
}
