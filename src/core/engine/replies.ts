import type { Reply } from '../message.js';
import { MENU_CHOICE, MENU_CHOICE_ID } from '../render.js';
import type { Turn } from './parts.js';

/** A prompt with a line before it ("that button no longer works", "language changed"). */
export function withNote(prompt: Reply, note: Reply['body'][number]): Reply {
  return { ...prompt, body: [note, ...prompt.body] };
}

/** Every reply outside the menu ends with "0 = main menu", so a user is never stuck. */
export function withMenuChoice(turn: Turn): readonly Reply[] {
  const replies = turn.replies;
  if (turn.session.flow === 'menu' || replies.length === 0) return replies;
  const last = replies[replies.length - 1];
  const choices = last?.choices ?? [];
  if (!last || choices.some(isMenuChoice)) return replies;
  const out = replies.slice();
  out[out.length - 1] = { ...last, choices: [...choices, MENU_CHOICE] };
  return out;
}

const isMenuChoice = (c: { readonly id: string }): boolean => c.id === MENU_CHOICE_ID;
