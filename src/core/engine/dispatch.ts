import { opensWithLanguageList } from '../first-contact.js';
import { FIRST_CONTACT } from '../flows/simple.js';
import { cleanText } from '../input.js';
import type { ReportCommandMatch } from '../intents.js';
import { t, type InboundMessage, type Reply } from '../message.js';
import { MENU_CHOICE_ID } from '../render.js';
import { actionOfCommand, decodeAction, officerCommand, type StandingAction } from '../report-actions.js';
import type { Session } from '../session.js';
import { onGlobal } from './global-words.js';
import { currentOf, type EngineParts, type Turn } from './parts.js';
import { withNote } from './replies.js';
import { startAction, startFlow } from './settle.js';
import { runStep } from './step.js';

/**
 * One turn: what works at any step first — the first contact's language list, a deep link, the menu
 * button, report actions (buttons and typed commands), global words — then the current flow's step.
 * `notes` collects lines said before the answer ("your message was cut").
 */
export function turn(
  parts: EngineParts,
  session: Session,
  msg: InboundMessage,
  notes: Reply[],
  isNew = false,
): Promise<Turn> {
  const { deps } = parts;
  const user = msg.userKey;
  const { text, truncated } = cleanText(msg.text ?? '');
  if (truncated) notes.push({ body: [t('engine.truncated')] });
  if (
    isNew &&
    deps.languageListFirst !== false &&
    opensWithLanguageList(msg, text, deps.intents, parts.understanding)
  )
    return startFlow(parts, user, session, 'language', notes, FIRST_CONTACT);
  // A deep-link payload (Telegram "/start lapor") is read as if typed at the menu.
  if (msg.start)
    return startFlow(parts, user, session, 'menu', [{ body: [t('engine.welcome')] }], text || undefined);
  if (msg.choiceId === MENU_CHOICE_ID) return startFlow(parts, user, session, 'menu', notes);
  // Buttons of alerts and relayed questions, and "terima R-7KQ4MX": valid at any step, and checked
  // on the server by the desk (the button data itself is never trusted).
  const decoded = msg.choiceId !== undefined ? decodeAction(msg.choiceId) : undefined;
  if (decoded?.type === 'action') return startAction(parts, user, session, decoded.action, notes);
  if (decoded?.type === 'invalid') {
    deps.logger.warn({ channel: msg.channel, problem: decoded.problem }, 'button data refused');
    return staleButton(parts, user, session, notes);
  }
  const typed =
    msg.choiceId === undefined && text
      ? (officerCommand(text) ?? commandAction(deps.intents.reportCommand(text)))
      : undefined;
  if (typed) return startAction(parts, user, session, typed, notes);
  const word = msg.choiceId === undefined && text ? deps.intents.global(text) : undefined;
  if (word) return onGlobal(parts, user, session, word);
  return runStep(parts, session, msg, text, notes);
}

/** Forged, damaged or unknown button data: "that button no longer works", then the current screen. */
async function staleButton(
  parts: EngineParts,
  user: string,
  session: Session,
  notes: Reply[],
): Promise<Turn> {
  const { flow, state, current } = currentOf(parts, session);
  const prompt = await flow.prompt(parts.ctxOf(session.locale, user), state);
  return { session: current, replies: [...notes, withNote(prompt, t('engine.staleButton'))] };
}

/** A typed report command as an action ("terima R-7KQ4MX"), or undefined. */
const commandAction = (match: ReportCommandMatch | undefined): StandingAction | undefined =>
  match ? actionOfCommand(match) : undefined;
