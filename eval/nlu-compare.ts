/**
 * Compares ways of reading a message's intent on the held-out corpus (issue: understanding):
 * the keyword lists + guide search the bot used before, the rule pipeline, nlp.js (a maintained NLU
 * library with Indonesian support) trained on the development part, and the rules with nlp.js as
 * their fallback. Training reads only dev.yaml and the answer cards' example questions.
 */
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangId } from '@nlpjs/lang-id';
import { LangEn } from '@nlpjs/lang-en-min';
import { readUnderstandingCorpus, unseenHeldout, type Item, type Label } from './corpus.js';
import { createReader, labelOf, type Reader } from './understanding.js';
import { legacyLabel } from './legacy.js';

type Classify = (text: string) => Promise<Label>;

async function trainNlp(reader: Reader): Promise<Classify> {
  const container = await containerBootstrap({ nlu: { log: false } });
  container.use(Nlp);
  container.use(LangId);
  container.use(LangEn);
  const nlp = container.get('nlp') as {
    settings: { autoSave: boolean; autoLoad: boolean; log: boolean };
    addLanguage(l: string): void;
    addDocument(l: string, text: string, intent: string): void;
    train(): Promise<void>;
    process(l: string, text: string): Promise<{ intent: string; score: number }>;
  };
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.settings.autoLoad = false;
  nlp.addLanguage('id');
  nlp.addLanguage('en');
  for (const item of readUnderstandingCorpus('dev'))
    nlp.addDocument(item.lang === 'en' ? 'en' : 'id', item.text, item.intent);
  for (const q of reader.exampleQuestions())
    nlp.addDocument(q.locale === 'en' ? 'en' : 'id', q.text, 'question');
  // nlp.js prints every training epoch; the comparison prints only its numbers.
  const print = console.log;
  console.log = () => undefined;
  try {
    await nlp.train();
  } finally {
    console.log = print;
  }
  return async (text) => {
    const [id, en] = await Promise.all([nlp.process('id', text), nlp.process('en', text)]);
    const best = id.score >= en.score ? id : en;
    return best.intent === 'None' || best.score < 0.5 ? 'none' : (best.intent as Label);
  };
}

async function accuracy(
  items: readonly Item[],
  classify: Classify,
): Promise<{ acc: number; distressRecall: number }> {
  let ok = 0;
  let d = 0;
  let dOk = 0;
  for (const item of items) {
    const got = await classify(item.text);
    if (got === item.intent) ok++;
    if (item.intent === 'distress') {
      d++;
      if (got === 'distress') dOk++;
    }
  }
  return { acc: ok / items.length, distressRecall: dOk / Math.max(1, d) };
}

export async function compareReport(root?: string): Promise<string> {
  const reader = createReader(root);
  const nlp = await trainNlp(reader);
  const rules: Classify = (text) => Promise.resolve(labelOf(reader, text).label);
  const both: Classify = async (text) => {
    const r = labelOf(reader, text).label;
    return r === 'none' ? nlp(text) : r;
  };
  const legacy: Classify = (text) => Promise.resolve(legacyLabel(reader, text));
  const lines = ['## Intent readers compared (trained on dev; accuracy / distress recall)'];
  for (const part of ['dev', 'heldout'] as const) {
    const items = part === 'heldout' ? unseenHeldout().items : readUnderstandingCorpus(part);
    for (const [name, f] of [
      ['before (keywords + search)', legacy],
      ['rules', rules],
      ['nlp.js', nlp],
      ['rules, nlp.js when none', both],
    ] as const) {
      const r = await accuracy(items, f);
      lines.push(
        `${part.padEnd(8)} ${name.padEnd(28)} ${(100 * r.acc).toFixed(1)} % / ${(100 * r.distressRecall).toFixed(1)} %`,
      );
    }
  }
  return lines.join('\n');
}
