/**
 * A driver for CPU profiles of the free-text path: the engine with a memory store on the free-text
 * cycle (as `npm run bench` measures it), then the understanding pipeline alone over the development
 * corpus. Prints the rate of each part; profile it with
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-understanding.ts
 *   npx tsx bench/profile-summary.ts /tmp/prof/<file>.cpuprofile
 *
 * PROFILE_PASSES sets how many passes of the cycle each user sends (default 20); PROFILE_PART=engine or
 * PROFILE_PART=understanding runs one part only.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { createUnderstandingFor, loadCatalog } from '../src/bootstrap.js';
import { systemClock } from '../src/core/ports.js';
import { MemorySessionStore } from '../src/storage/memory-session-store.js';
import { readUnderstandingCorpus } from '../eval/corpus.js';
import { createBenchEngine, measureEngineThroughput } from './engine-throughput.js';
import { FREE_TEXT_CYCLE } from './understanding.js';
import { ROOT } from './util.js';

const passes = Number(process.env['PROFILE_PASSES'] ?? 20);
const part = process.env['PROFILE_PART'];
const content = loadCatalog(join(ROOT, 'content'), systemClock.now());
const bench = createBenchEngine(new MemorySessionStore(30 * 86_400_000, systemClock), content);

async function engine(): Promise<void> {
  const freeText = await measureEngineThroughput(bench, {
    users: 200,
    concurrency: 1,
    passes,
    cycle: FREE_TEXT_CYCLE,
  });
  console.log(
    `engine, memory store, free text: ${Math.round(freeText.median)} msg/s (runs ${freeText.runs.map(Math.round).join(', ')})`,
  );
}

function understandingAlone(): void {
  const understanding = createUnderstandingFor(content.catalog, content.scanner);
  const texts = readUnderstandingCorpus('dev').map((i) => i.text);
  const start = performance.now();
  const rounds = Math.max(1, Math.round(passes / 2));
  for (let r = 0; r < rounds; r++) for (const t of texts) understanding.understand(t);
  const us = ((performance.now() - start) * 1000) / (rounds * texts.length);
  console.log(`understanding alone, development corpus: ${us.toFixed(1)} µs per message (mean)`);
}

if (part !== 'understanding') await engine();
if (part !== 'engine') understandingAlone();
