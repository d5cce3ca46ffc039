import type { IntentMatcher } from './intents.js';
import type { InboundMessage } from './message.js';
import { officerCommand } from './report-actions.js';
import type { Understanding } from './understanding/understand.js';

/** Intents that ask for nothing in particular yet: a greeting, "help", "language". */
const OPENERS = new Set(['greeting', 'help', 'language']);
/** The menu's keyword intents of the same kind (locales/<lng>/intents.json `intents`). */
const MENU_OPENERS = new Set(['greeting', 'thanks', 'help', 'language']);

/**
 * Whether a new user's first message should be answered with the welcome and the language list
 * (issue 16). Only when it asks for nothing in particular: "/start", "halo", "menu", a lone number,
 * words nothing understands. A cry for help, a question, a report or a deep link is answered at once
 * (in Indonesian, with the language list a word away): help is never held behind a language choice,
 * nor an officer's command.
 */
export function opensWithLanguageList(
  msg: InboundMessage,
  text: string,
  intents: IntentMatcher,
  understanding: Understanding,
): boolean {
  if (msg.choiceId !== undefined) return false;
  if (msg.start) return text === '';
  if (text === '' || /^\d{1,2}$/.test(text)) return true;
  // An officer joining ("petugas KODE") or acting on a report ("terima R-7KQ4MX") is never held up.
  if (officerCommand(text) || intents.reportCommand(text)) return false;
  const word = intents.global(text);
  if (word) return word === 'menu' || word === 'help' || word === 'language';
  // A menu word that opens a screen ("hapus", "lowongan", "kontak") opens it.
  const menuWord = intents.intent(text);
  if (menuWord !== undefined && !MENU_OPENERS.has(menuWord)) return false;
  const read = understanding.understand(text);
  return read.distress === undefined && (read.intent === undefined || OPENERS.has(read.intent));
}
