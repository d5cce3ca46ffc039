import type { Input } from '../flow.js';
import { foldForMatch } from '../input.js';
import type { InboundMessage, Reply } from '../message.js';
import { renderText } from '../render.js';
import type { Session } from '../session.js';
import type { EngineDeps } from './parts.js';

/** Folded choice labels kept in memory (a few hundred from locales and content, plus report codes). */
const FOLDED_LABELS = 5000;
/** Longer text is never read as a choice's words: it is what the user wants to say. */
const MAX_LABEL_INPUT = 40;

/** Choice ids that "next" and "back" words select, in the order tried. */
const NAVIGATION = { next: ['next', 'more'], back: ['back', 'prev'] } as const;

/** A choice label folded for matching, and its words each followed by one space. */
interface FoldedLabel {
  readonly folded: string;
  readonly words: string;
}

/** "Kembali ke daftar!" folded → "kembali ke daftar ": words apart, one space after each. */
const wordsOf = (s: string): string => `${s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** A button id not on the current question, or a number past its last choice. */
export type Unresolved = 'forged' | 'outOfRange';

export type InputResolver = (
  session: Session,
  prompt: Reply,
  msg: InboundMessage,
  text: string,
) => Input | Unresolved;

const foldLabel = (label: string): FoldedLabel => {
  const folded = foldForMatch(label);
  return { folded, words: wordsOf(folded) };
};

/**
 * Maps a number, a choice's words or a button id to the current prompt's choice; anything else is
 * text for the step. The folded forms of labels from locales and content (and officers' report
 * codes with their village) are kept in `foldedLabels`, emptied when it reaches 5,000. A label that
 * holds what a user typed (`typed`: a name in the register's pick step or an officer's register list)
 * is folded for this message only and never kept: a person's name does not linger here after they
 * delete their data.
 */
export function createInputResolver(
  deps: Pick<EngineDeps, 'intents' | 'translator'>,
  foldedLabels = new Map<string, FoldedLabel>(),
): InputResolver {
  const foldedLabel = (label: string): FoldedLabel => {
    let f = foldedLabels.get(label);
    if (f === undefined) {
      if (foldedLabels.size >= FOLDED_LABELS) foldedLabels.clear();
      f = foldLabel(label);
      foldedLabels.set(label, f);
    }
    return f;
  };

  return (session, prompt, msg, text) => {
    const choices = prompt.choices ?? [];
    if (msg.choiceId !== undefined) {
      return choices.some((c) => c.id === msg.choiceId) ? { type: 'choice', id: msg.choiceId } : 'forged';
    }
    if (/^\d{1,3}$/.test(text) && choices.length > 0) {
      const n = Number(text);
      const choice = choices[n - 1];
      return choice ? { type: 'choice', id: choice.id } : 'outOfRange';
    }
    const yesNo = deps.intents.answer(text);
    const meaning = yesNo ? choices.find((c) => c.id === yesNo || c.means === yesNo) : undefined;
    if (meaning) return { type: 'choice', id: meaning.id };
    // "lanjut"/"next", "kembali"/"back" in either language, whatever the labels say.
    const nav = deps.intents.navigation(text);
    const navChoice = nav
      ? choices.find((c) => (NAVIGATION[nav] as readonly string[]).includes(c.id))
      : undefined;
    if (navChoice) return { type: 'choice', id: navChoice.id };
    const folded = foldForMatch(text);
    if (folded.length >= 2 && folded.length <= MAX_LABEL_INPUT && choices.length > 0) {
      // The first label the text is, folded.
      const labels: FoldedLabel[] = [];
      for (const c of choices) {
        const label = renderText(deps.translator, session.locale, c.label);
        const f = c.typed ? foldLabel(label) : foldedLabel(label);
        if (f.folded === folded) return { type: 'choice', id: c.id };
        labels.push(f);
      }
      // "lanjut" for "Lanjut", "kembali" for "Kembali ke daftar": the start of one label, in whole words.
      // Yes/no questions take only yes/no words: "saya belum punya" must not read as "Ya".
      const yesNoQuestion = choices.some((c) => c.id === 'yes' || c.id === 'no');
      const start = folded.length >= 4 && !yesNoQuestion ? wordsOf(folded) : undefined;
      if (start !== undefined) {
        const starting = choices.filter((_, k) => labels[k]?.words.startsWith(start) === true);
        if (starting.length === 1 && starting[0]) return { type: 'choice', id: starting[0].id };
      }
    }
    return { type: 'text', text };
  };
}
