/**
 * CPU time per message of the free-text path (process.cpuUsage, so a loaded machine's waiting is not
 * counted): the engine on a memory store driving the free-text cycle and the menu cycle, and the
 * understanding pipeline alone over the development corpus. `npx tsx bench/cpu-free-text.ts [runs]`;
 * prints the runs and their minimum and median.
 */
import { join } from 'node:path';
import { createUnderstandingFor, loadCatalog } from '../src/bootstrap.js';
import { systemClock } from '../src/core/ports.js';
import { MemorySessionStore } from '../src/storage/memory-session-store.js';
import { readUnderstandingCorpus } from '../eval/corpus.js';
import { MESSAGE_CYCLE, createBenchEngine } from './engine-throughput.js';
import { FREE_TEXT_CYCLE } from './understanding.js';
import { ROOT, telegramUserId } from './util.js';

const runs = Number(process.argv[2] ?? 7);
const content = loadCatalog(join(ROOT, 'content'), systemClock.now());
const bench = createBenchEngine(new MemorySessionStore(30 * 86_400_000, systemClock), content);
const understanding = createUnderstandingFor(content.catalog, content.scanner);
const texts = readUnderstandingCorpus('dev').map((i) => i.text);
const USERS = 200;
const PASSES = 4;

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function engineRun(cycle: readonly string[]): Promise<number> {
  const start = cpuUs();
  let sent = 0;
  for (let p = 0; p < PASSES; p++)
    for (const text of cycle)
      for (let user = 0; user < USERS; user++) {
        await bench.engine.handle({
          channel: 'telegram',
          userKey: `telegram:${telegramUserId(user)}`,
          text,
          receivedAt: new Date(),
        });
        sent++;
      }
  return (cpuUs() - start) / sent;
}

function understandingRun(): number {
  const start = cpuUs();
  for (let r = 0; r < 3; r++) for (const t of texts) understanding.understand(t);
  return (cpuUs() - start) / (3 * texts.length);
}

const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]?.toFixed(1)} median ${s[Math.floor(s.length / 2)]?.toFixed(1)} (runs ${xs.map((x) => x.toFixed(1)).join(', ')})`;
};

await engineRun(FREE_TEXT_CYCLE);
await engineRun(MESSAGE_CYCLE);
understandingRun();
const engine: number[] = [];
const menu: number[] = [];
const alone: number[] = [];
for (let r = 0; r < runs; r++) {
  engine.push(await engineRun(FREE_TEXT_CYCLE));
  menu.push(await engineRun(MESSAGE_CYCLE));
  alone.push(understandingRun());
}
console.log(`engine free text, CPU µs/msg: ${stats(engine)}`);
console.log(`engine menu cycle, CPU µs/msg: ${stats(menu)}`);
console.log(`understanding alone (dev corpus), CPU µs/msg: ${stats(alone)}`);
if (bench.errors.length > 0) throw new Error(`engine reported ${bench.errors.length} errors`);
