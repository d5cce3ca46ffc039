import { literal } from '../message.js';
import type { Session } from '../session.js';
import type { EngineDeps, Turn } from './parts.js';

/**
 * Someone writes in a regional language while their session is Indonesian: after the answer, offer
 * that language once, in that language, with the words that switch to it. Never switches by itself.
 */
export function offerLanguage(
  deps: Pick<EngineDeps, 'guessLanguage' | 'translator'>,
  result: Turn,
  text: string | undefined,
  before: Session,
): Turn {
  const { session } = result;
  if (result.forgotten || session.languageOffered) return result;
  // Flows rebuild the session as they move; the user's "offered once" travels with it.
  if (before.languageOffered) return { ...result, session: { ...session, languageOffered: true } };
  if (session.locale !== 'id' || !text || !deps.guessLanguage) return result;
  const guess = deps.guessLanguage(text);
  if (!guess) return result;
  const offer = deps.translator.t(guess, 'language.offer', {
    name: deps.translator.t(guess, `language.name.${guess}`),
    word: deps.translator.t(guess, `language.word.${guess}`),
  });
  return {
    session: { ...session, languageOffered: true },
    replies: [...result.replies, { body: [literal(offer)] }],
  };
}
