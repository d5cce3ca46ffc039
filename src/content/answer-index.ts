import { processTerm, withinOneEdit } from './text-terms.js';
import type { Answer } from './understanding-schema.js';

export interface AnswerMatch {
  readonly id: string;
  readonly score: number;
}

/** The answer cards, and the card a question is closest to (what the core's `AnswerFinder` port asks for). */
export interface AnswerIndex {
  card(id: string): Answer | undefined;
  readonly all: readonly Answer[];
  /** `words`: the message's words as the understanding pipeline read them (saves reading it again). */
  match(text: string, words?: readonly string[]): AnswerMatch | undefined;
}

/** A text's words as the understanding pipeline reads them (chat spellings made standard). */
export type WordsOf = (text: string) => string[];

interface Phrase {
  readonly answer: string;
  readonly terms: readonly string[];
  readonly weight: number;
}

/** A phrase must share at least this much of its weight with the message (and the message with it). */
const MIN_F1 = 0.4;
const UNKNOWN_WEIGHT = 0.7;
/** Words of a message read for a card. */
const MAX_WORDS = 60;
const BETA = 2;
const BETA_SQUARED = BETA ** 2;
const F_SCALE = 1 + BETA_SQUARED;
/**
 * How far below the best rank a phrase is still scored in full: the rank and the score differ only by
 * rounding (a few parts in 10^16), so a phrase further below can never score as high as the best.
 */
const RANK_MARGIN = 1e-9;

/**
 * Matches a question to the answer card whose example questions it is closest to: the words both
 * share, weighted by how rare each word is among all examples (so "umur" counts more than "kerja"),
 * as an F1 of "how much of the example the message covers" and "how much of the message it explains".
 * Words of five letters or more match with one typo.
 */
export function buildAnswerIndex(answers: readonly Answer[], wordsOf: WordsOf): AnswerIndex {
  const termsOf = (words: readonly string[]): string[] => [...new Set(words.flatMap((w) => processTerm(w) ?? []))];
  const examples = answers.flatMap((a) =>
    Object.values(a.ask as Record<string, readonly string[]>)
      .flat()
      .map((q) => ({ answer: a.id, terms: termsOf(wordsOf(q)) })),
  );
  const df = new Map<string, number>();
  for (const e of examples) for (const t of e.terms) df.set(t, (df.get(t) ?? 0) + 1);
  /** Each example word's weight, worked out once. */
  const weights = new Map<string, number>();
  for (const [t, n] of df) weights.set(t, Math.log(1 + examples.length / n));
  // A word no example has cannot point to a card: it weighs little, so "max" or "nya" do not hide a match.
  const idf = (t: string): number => weights.get(t) ?? UNKNOWN_WEIGHT;
  const phrases: Phrase[] = examples
    .filter((e) => e.terms.length > 0)
    .map((e) => ({ ...e, weight: e.terms.reduce((s, t) => s + idf(t), 0) }));
  const byId = new Map(answers.map((a) => [a.id, a]));
  /** Term → the phrases that have it, so a message only visits the phrases it shares a word with. */
  const lists = new Map<string, number[]>();
  phrases.forEach((p, i) => {
    for (const t of p.terms) {
      const list = lists.get(t);
      if (list) list.push(i);
      else lists.set(t, [i]);
    }
  });
  const postings = new Map([...lists].map(([t, list]) => [t, Int32Array.from(list)]));
  /** Weight each phrase shares with the message being matched (all 0 between messages). */
  const shared = new Float64Array(phrases.length);
  /** The phrases a message reaches, in the order first reached (the first `count` of them). */
  const reached = new Int32Array(phrases.length);
  /** Each reached phrase's rank (its score without the constant factor), in the order reached. */
  const ranks = new Float64Array(phrases.length);
  /** Each phrase's own weight, by number (read in the loop over the phrases a message reaches). */
  const phraseWeights = Float64Array.from(phrases, (p) => p.weight);
  /** Each known word of five letters or more under every form with one letter left out ("umur" ← "umr"). */
  const oneLess = new Map<string, string[]>();
  for (const v of df.keys()) {
    if (v.length < 5) continue;
    for (const d of [v, ...deletions(v)]) {
      const list = oneLess.get(d);
      if (list) list.push(v);
      else oneLess.set(d, [v]);
    }
  }

  /** A known term one typo away from `t` (an unknown word of five letters or more). */
  const corrected = (t: string): string => {
    if (df.has(t) || t.length < 5) return t;
    // The word itself, then each form with one letter left out, as `deletions` lists them.
    for (let i = -1; i < t.length; i++) {
      const near = oneLess.get(i < 0 ? t : t.slice(0, i) + t.slice(i + 1))?.find((v) => withinOneEdit(t, v));
      if (near) return near;
    }
    return t;
  };

  return {
    all: answers,
    card: (id) => byId.get(id),
    match(text, words): AnswerMatch | undefined {
      // A question is short: the first words are enough, and a long text pays for no more.
      const read = words ?? wordsOf(text.slice(0, 500));
      /** The message's terms, each once, in the order first written. */
      const terms = new Set<string>();
      for (let k = 0; k < read.length && k < MAX_WORDS; k++) {
        const term = processTerm(read[k] ?? '');
        if (term !== null) terms.add(corrected(term));
      }
      if (terms.size === 0) return undefined;
      let messageWeight = 0;
      /** The phrases sharing a word with the message, in the order first reached, and the weight shared. */
      let count = 0;
      for (const t of terms) {
        const w = idf(t);
        messageWeight += w;
        const list = postings.get(t);
        if (list === undefined) continue;
        for (let j = 0; j < list.length; j++) {
          const i = list[j] ?? 0;
          if (shared[i] === 0) reached[count++] = i;
          shared[i] = (shared[i] ?? 0) + w;
        }
      }
      // The score is F_SCALE · common / (BETA_SQUARED · phrase weight + message weight): one division
      // ranks the phrases, and the score itself is worked out (as always) only for those that may be
      // the best, within far more than rounding can move it.
      let top = 0;
      for (let k = 0; k < count; k++) {
        const i = reached[k] ?? 0;
        const rank = (shared[i] ?? 0) / (BETA_SQUARED * (phraseWeights[i] ?? 1) + messageWeight);
        ranks[k] = rank;
        if (rank > top) top = rank;
      }
      const contender = top * (1 - RANK_MARGIN);
      /** The best phrase so far (the first reached of equals), and its score. */
      let bestAt = -1;
      let bestScore = 0;
      for (let k = 0; k < count; k++) {
        const i = reached[k] ?? 0;
        const common = shared[i] ?? 0;
        shared[i] = 0;
        if ((ranks[k] ?? 0) < contender) continue;
        const recall = common / (phraseWeights[i] ?? 1);
        const precision = common / messageWeight;
        const f = (F_SCALE * recall * precision) / (BETA_SQUARED * precision + recall);
        if (f >= MIN_F1 && (bestAt < 0 || f > bestScore)) {
          bestAt = i;
          bestScore = f;
        }
      }
      const best = phrases[bestAt];
      return best ? { id: best.answer, score: bestScore } : undefined;
    },
  };
}

/** Every form of a word with one letter left out. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
