import { performance } from 'node:perf_hooks';
import { createUnderstandingFor, type ContentParts } from '../src/bootstrap.js';
import { readUnderstandingCorpus } from '../eval/corpus.js';
import { median } from './util.js';

/**
 * Free text a user types at the menu and on pages, ending at the menu: questions answered by a card,
 * a job search by words, a report request, a cry for help, an advert, greetings.
 */
// prettier-ignore
export const FREE_TEXT_CYCLE: readonly string[] = [
  'berapa umur minimal jadi PMI', '0',
  'lowongan pabrik di jepang', '0',
  'mau lapor calo di desa saya', 'batal',
  'tolong adik sy dikurung majikan di arab', '0',
  'sy sdh bayar 30jt ke sponsor blm brgkt', '0',
  'ada yg nawarin kerja ke malaysia aman ga', '0',
  'cek PT Maju Jaya resmi ga', '0',
  'halo', 'brp iuran bpjs pmi kontrak 2 thn', '0',
];

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface UnderstandingLatency {
  readonly messages: number;
  /** The pipeline's own work: safety net, rules, entities, answer card (every timing of every pass). */
  readonly added: Percentiles;
  /**
   * The same from each message's median over the passes: a timing the machine's other processes
   * stretched (a wait for a core) counts only if it happens in most passes of that message.
   */
  readonly addedPerMessage: Percentiles;
  /** With the offer scan of long texts, which the menu ran on free text before the pipeline too. */
  readonly withScan: Percentiles;
}

function percentiles(values: number[]): Percentiles {
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: values[values.length - 1] ?? 0 };
}

/**
 * Time of the understanding pipeline per message over every message of the development corpus, in
 * milliseconds: what it adds to a free-text turn, and the same with the offer scan it asks for.
 */
export function measureUnderstandingLatency(content: ContentParts, passes = 20): UnderstandingLatency {
  let scanMs = 0;
  const scanner = {
    scan: (text: string) => {
      const start = performance.now();
      const result = content.scanner.scan(text);
      scanMs += performance.now() - start;
      return result;
    },
    companies: (text: string) => content.scanner.companies(text),
    money: (text: string, answer?: boolean) => content.scanner.money(text, answer),
  };
  const understanding = createUnderstandingFor(content.catalog, scanner);
  const texts = readUnderstandingCorpus('dev').map((i) => i.text);
  for (const t of texts) understanding.understand(t);
  const total: number[] = [];
  const added: number[] = [];
  const byMessage = texts.map(() => new Array<number>(passes));
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < texts.length; i++) {
      scanMs = 0;
      const start = performance.now();
      understanding.understand(texts[i]!);
      const ms = performance.now() - start;
      total.push(ms);
      added.push(ms - scanMs);
      byMessage[i]![p] = ms - scanMs;
    }
  }
  return {
    messages: total.length,
    added: percentiles(added),
    addedPerMessage: percentiles(byMessage.map((times) => median(times))),
    withScan: percentiles(total),
  };
}
