import { loadVillageDirectory } from '../src/content/villages.js';
import { latency, type Percentiles } from './jobs.js';
import { timeMs } from './util.js';

const QUERIES = [
  'Ternyang',
  'desa ternyang kec sumberpucung kab malang',
  'Sukamaju',
  'sukamaju bogor',
  'Sidomulyo Lampung Timur',
  'karanganyar kebumen',
  'ternyan',
  '35.07.12.2001',
  'kelurahan menteng jakarta pusat',
  'xyzzy',
];

/** Village look-up by name over all 83,762 villages (issue 5 target: p99 under 2 ms), and its load time. */
export async function measureVillages(): Promise<{ lookup: Percentiles; loadMs: number; villages: number }> {
  let directory = loadVillageDirectory();
  const loadMs = await timeMs(() => {
    directory = loadVillageDirectory();
    return Promise.resolve();
  });
  const lookup = latency(QUERIES, 200, (q) => directory.find(q));
  return { lookup, loadMs, villages: directory.size };
}
