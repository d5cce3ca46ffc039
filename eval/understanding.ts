import { join } from 'node:path';
import {
  createUnderstandingFor,
  loadCatalog,
  readIntentLists,
  readLanguageMarkers,
} from '../src/bootstrap.js';
import { createLanguageGuesser } from '../src/core/language-guess.js';
import type { Catalog } from '../src/core/catalog.js';
import { createIntentMatcher, type GlobalWord, type IntentMatcher } from '../src/core/intents.js';
import type { OfferScanner } from '../src/core/ports.js';
import type { Understanding } from '../src/core/understanding/understand.js';
import { KEYWORD_LABELS } from './legacy.js';
import { cardBeforeFlow } from '../src/core/flows/menu.js';
import {
  PARTS,
  REGIONAL_LANGS,
  isRegional,
  readUnderstandingCorpus,
  unseenHeldout,
  type Item,
  type Label,
  type Part,
} from './corpus.js';

export interface UnderstandingMetrics {
  readonly part: Part;
  readonly total: number;
  readonly accuracy: number;
  readonly perLabel: ReadonlyMap<Label, { n: number; correct: number }>;
  readonly perLang: ReadonlyMap<string, { n: number; correct: number }>;
  /** Distress messages per language: how many, and how many the safety net heard. */
  readonly distressPerLang: ReadonlyMap<string, { n: number; correct: number }>;
  readonly distress: { recall: number; precision: number; missed: number; falseAlarms: number };
  /** Questions with `expect`: the card shown contains the fact. */
  readonly answers: { n: number; hit: number; rate: number };
  readonly entities: { n: number; correct: number };
  readonly confusions: readonly { gold: Label; got: Label; n: number; examples: string[] }[];
}

export interface Reader {
  readonly understanding: Understanding;
  readonly catalog: Catalog;
  readonly scanner: OfferScanner;
  readonly intents: IntentMatcher;
  answerText(id: string): string;
  readonly localesDir: string;
  /** The answer cards' example questions (training data for a classifier). */
  exampleQuestions(): { locale: string; text: string }[];
}

export function createReader(root = join(import.meta.dirname, '..')): Reader {
  const { catalog, scanner } = loadCatalog(join(root, 'content'), new Date());
  return {
    understanding: createUnderstandingFor(catalog, scanner),
    catalog,
    scanner,
    intents: createIntentMatcher(readIntentLists(join(root, 'locales'))),
    localesDir: join(root, 'locales'),
    exampleQuestions: () =>
      catalog.answers.all.flatMap((a) =>
        Object.entries(a.ask as Record<string, string[]>).flatMap(([locale, qs]) =>
          qs.map((text) => ({ locale, text })),
        ),
      ),
    answerText(id) {
      const card = catalog.answers.card(id);
      return card ? Object.values(card.answer as Record<string, string>).join('\n') : '';
    },
  };
}

/** What the bot does with a message at the menu, as one label. */
export function labelOf(reader: Reader, text: string): { label: Label; answer?: string } {
  // The engine's whole-message words come first ("menu" shows what the bot can do).
  const global = reader.intents.global(text);
  if (global) return { label: GLOBAL_LABELS[global] };
  const u = reader.understanding.understand(text);
  // As the menu does: a lone menu word opens its screen (src/core/flows/menu.ts).
  const word = reader.intents.intent(text);
  const menuWord =
    word && !u.distress && text.trim().split(/\s+/).length <= 2 ? KEYWORD_LABELS[word] : undefined;
  if (menuWord && menuWord !== 'greeting') return { label: menuWord };
  if (menuWord === 'greeting' && !u.distress && u.intent === undefined) return { label: 'greeting' };
  // The safety net's reply also carries the answer card of a question the message asked.
  if (u.distress) return { label: 'distress', ...(u.asked && u.answer ? { answer: u.answer.id } : {}) };
  // A question with a card also gets it before the report, paid, agency or offer screen it opens.
  const before = cardBeforeFlow(text, u);
  return {
    label: u.intent ?? 'none',
    ...(u.intent === 'question' && u.answer ? { answer: u.answer.id } : before ? { answer: before } : {}),
  };
}

const GLOBAL_LABELS: Readonly<Record<GlobalWord, Label>> = {
  sos: 'distress',
  help: 'help',
  menu: 'help',
  language: 'language',
  cancel: 'none',
  stop: 'none',
};

const bump = <K>(m: Map<K, { n: number; correct: number }>, k: K, ok: boolean) => {
  const v = m.get(k) ?? { n: 0, correct: 0 };
  m.set(k, { n: v.n + 1, correct: v.correct + (ok ? 1 : 0) });
};

export function evaluateUnderstanding(
  reader: Reader,
  part: Part,
  items: readonly Item[] = part === 'heldout' ? unseenHeldout().items : readUnderstandingCorpus(part),
): UnderstandingMetrics {
  const perLabel = new Map<Label, { n: number; correct: number }>();
  const perLang = new Map<string, { n: number; correct: number }>();
  const distressPerLang = new Map<string, { n: number; correct: number }>();
  const confusions = new Map<string, { gold: Label; got: Label; n: number; examples: string[] }>();
  let correct = 0;
  let dTrue = 0;
  let dMissed = 0;
  let dFalse = 0;
  let answersN = 0;
  let answersHit = 0;
  let entN = 0;
  let entOk = 0;
  for (const item of items) {
    const u = reader.understanding.understand(item.text);
    const { label, answer } = labelOf(reader, item.text);
    const ok = label === item.intent;
    if (ok) correct++;
    bump(perLabel, item.intent, ok);
    bump(perLang, item.lang, ok);
    if (!ok) {
      const key = `${item.intent}>${label}`;
      const c = confusions.get(key) ?? { gold: item.intent, got: label, n: 0, examples: [] };
      c.n++;
      if (c.examples.length < 6) c.examples.push(item.text.replace(/\s+/g, ' ').slice(0, 110));
      confusions.set(key, c);
    }
    if (item.intent === 'distress') {
      bump(distressPerLang, item.lang, label === 'distress');
      if (label === 'distress') dTrue++;
      else dMissed++;
    } else if (label === 'distress') dFalse++;
    if (item.intent === 'question' && item.expect) {
      answersN++;
      const text = answer ? reader.answerText(answer).toLowerCase() : '';
      if (answer && item.expect.some((e) => text.includes(e.toLowerCase()))) answersHit++;
    }
    if (item.intent === 'jobs' && (item.country || item.sector)) {
      entN++;
      const e = u.entities;
      if (
        (item.country ?? undefined) === e.country &&
        (item.sector === undefined || item.sector === e.sector)
      )
        entOk++;
    }
  }
  return {
    part,
    total: items.length,
    accuracy: correct / Math.max(1, items.length),
    perLabel,
    perLang,
    distressPerLang,
    distress: {
      recall: dTrue / Math.max(1, dTrue + dMissed),
      precision: dTrue / Math.max(1, dTrue + dFalse),
      missed: dMissed,
      falseAlarms: dFalse,
    },
    answers: { n: answersN, hit: answersHit, rate: answersHit / Math.max(1, answersN) },
    entities: { n: entN, correct: entOk },
    confusions: [...confusions.values()].sort((a, b) => b.n - a.n),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function formatUnderstanding(m: UnderstandingMetrics, showTexts: boolean): string {
  const lines = [
    `## Understanding — ${m.part} (${m.total} messages${m.part === 'heldout' ? `; ${unseenHeldout().shared} also in dev left out` : ''})${showTexts ? '' : ' — numbers only, no texts'}`,
    `intent accuracy ${pct(m.accuracy)}; distress recall ${pct(m.distress.recall)} (${m.distress.missed} missed), precision ${pct(m.distress.precision)} (${m.distress.falseAlarms} false alarms); answer cards ${m.answers.hit}/${m.answers.n} = ${pct(m.answers.rate)}; job entities ${m.entities.correct}/${m.entities.n}`,
    'per intent: ' +
      [...m.perLabel]
        .sort()
        .map(([k, v]) => `${k} ${v.correct}/${v.n}`)
        .join(', '),
    'per language: ' +
      [...m.perLang]
        .sort()
        .map(([k, v]) => `${k} ${pct(v.correct / v.n)} (${v.n})`)
        .join(', '),
    'most frequent confusions (expected > got):',
    ...m.confusions
      .slice(0, showTexts ? 40 : 10)
      .flatMap((c) => [
        `  ${c.gold} > ${c.got}: ${c.n}`,
        ...(showTexts ? c.examples.map((e) => `      "${e}"`) : []),
      ]),
  ];
  return lines.join('\n');
}

/**
 * How the marker-word guess that offers a regional language does on short chat messages: regional
 * messages it names rightly, and Indonesian, English or mixed ones it would wrongly offer a language to.
 */
export function languageGuessLine(items: readonly Item[], localesDir: string): string {
  const guess = createLanguageGuesser(readLanguageMarkers(localesDir));
  const regional = items.filter(isRegional);
  const right = regional.filter((i) => guess(i.text) === i.lang).length;
  const other = items.filter((i) => !isRegional(i));
  const wrong = other.filter((i) => guess(i.text) !== undefined).length;
  return (
    `  language offered: ${right}/${regional.length} regional messages named rightly; ` +
    `${wrong}/${other.length} Indonesian/English/mixed messages wrongly offered one`
  );
}

/**
 * The regional languages of a part (issue 16), per language: intent accuracy and distress recall;
 * with `showTexts` (the development part only) the confusions with their messages too.
 */
export function formatRegional(m: UnderstandingMetrics, showTexts = false): string {
  const rows = REGIONAL_LANGS.filter((l) => m.perLang.has(l)).map((l) => {
    const v = m.perLang.get(l) ?? { n: 0, correct: 0 };
    const d = m.distressPerLang.get(l) ?? { n: 0, correct: 0 };
    return `  ${l.padEnd(3)} intent ${pct(v.correct / v.n)} (${v.correct}/${v.n}); distress recall ${d.correct}/${d.n}`;
  });
  return [
    `## Regional languages — ${m.part} (${m.total} messages)`,
    ...(rows.length ? rows : ['  none yet']),
    ...(showTexts
      ? m.confusions.flatMap((c) => [
          `  ${c.gold} > ${c.got}: ${c.n}`,
          ...c.examples.map((e) => `      "${e}"`),
        ])
      : []),
  ].join('\n');
}

/**
 * Both parts (or those of `parts`); the held-out part shows numbers and label pairs only, never its
 * texts. Indonesian, English and mixed messages (issue 14's floors) and the regional languages
 * (issue 16's) apart.
 */
export function understandingReport(
  reader: Reader = createReader(),
  showTexts = false,
  parts: readonly Part[] = PARTS,
): string {
  return parts
    .flatMap((part) => {
      const items = part === 'heldout' ? unseenHeldout().items : readUnderstandingCorpus(part);
      const core = items.filter((i) => !isRegional(i));
      const regional = items.filter(isRegional);
      return [
        formatUnderstanding(evaluateUnderstanding(reader, part, core), showTexts && part === 'dev'),
        formatRegional(evaluateUnderstanding(reader, part, regional), showTexts && part === 'dev'),
        languageGuessLine(items, reader.localesDir),
      ];
    })
    .join('\n\n');
}
