/**
 * Every decision the understanding pipeline and the engine make on the development corpus, one JSON
 * line per message: the pipeline's reading, the safety net alone, the answer card, the offer scan,
 * the label `npm run eval` gives, and the engine's replies at the menu for a fresh user. A speed
 * change must leave this output byte for byte the same:
 *
 *   npx tsx bench/understanding-decisions.ts > /tmp/before.jsonl   # … change …, then again, and diff
 *
 * Only the development part is read (never the held-out part); the free-text bench cycle is added.
 */
import { join } from 'node:path';
import { loadCatalog } from '../src/bootstrap.js';
import { systemClock } from '../src/core/ports.js';
import { MemorySessionStore } from '../src/storage/memory-session-store.js';
import { readUnderstandingCorpus } from '../eval/corpus.js';
import { createReader, labelOf } from '../eval/understanding.js';
import { createBenchEngine } from './engine-throughput.js';
import { FREE_TEXT_CYCLE } from './understanding.js';
import { ROOT, telegramUserId } from './util.js';

const reader = createReader(ROOT);
const content = loadCatalog(join(ROOT, 'content'), systemClock.now());
const bench = createBenchEngine(new MemorySessionStore(86_400_000, systemClock), content);
const texts = [...readUnderstandingCorpus('dev').map((i) => i.text), ...FREE_TEXT_CYCLE];

/** Replies without what changes from run to run (nothing expected; kept whole otherwise). */
const replies = (messages: readonly { title?: string; body: string; choices?: readonly unknown[] }[]) =>
  messages.map((m) => ({ title: m.title, body: m.body, choices: m.choices }));

let user = 0;
for (const text of texts) {
  const { messages } = await bench.engine.handle({
    channel: 'telegram',
    userKey: `telegram:${telegramUserId(user++)}`,
    text,
    receivedAt: new Date(),
  });
  const line = {
    text,
    understood: reader.understanding.understand(text),
    distress: reader.understanding.distress(text) ?? null,
    card: reader.catalog.answers.match(text) ?? null,
    scan: reader.scanner.scan(text),
    label: labelOf(reader, text),
    replies: replies(messages),
  };
  console.log(JSON.stringify(line));
}
// The free-text cycle as one user sends it, twice: what a session carries from message to message.
for (let pass = 0; pass < 2; pass++) {
  for (const text of FREE_TEXT_CYCLE) {
    const { messages } = await bench.engine.handle({
      channel: 'telegram',
      userKey: 'telegram:9999999990',
      text,
      receivedAt: new Date(),
    });
    console.log(JSON.stringify({ cycle: pass, text, replies: replies(messages) }));
  }
}
if (bench.errors.length > 0) throw new Error(`engine reported ${bench.errors.length} errors`);
