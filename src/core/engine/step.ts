import { callCentreOf } from '../catalog.js';
import { answerCard } from '../flows/answer-card.js';
import { emergencyReply, situationOf } from '../flows/sos.js';
import type { FlowContext, Outcome } from '../flow.js';
import { countWords } from '../input.js';
import { t, type InboundMessage, type Reply } from '../message.js';
import type { Session } from '../session.js';
import { currentOf, type EngineParts, type Turn } from './parts.js';
import { withNote } from './replies.js';
import { settle, startFlow } from './settle.js';

/** Text refused by a step leaves it for what it asks only when it has this many words. */
const LEAVE_WORDS = 3;

/**
 * Up to four digits and nothing else: never distress (test/core/engine-shortcuts.test.ts runs the
 * pipeline on every such text), so the safety net does not read them.
 */
export const BARE_NUMBER = /^\d{1,4}$/;

/**
 * The current flow's step takes the message: a language switch keeps the screen, the safety net
 * speaks first when a message at a step sounds like distress, and text the step does not take may
 * lead elsewhere (see `elsewhere`).
 */
export async function runStep(
  parts: EngineParts,
  session: Session,
  msg: InboundMessage,
  text: string,
  notes: Reply[],
): Promise<Turn> {
  const { deps } = parts;
  const user = msg.userKey;
  const { flow, state, current } = currentOf(parts, session);
  const switchTo = msg.choiceId === undefined && text ? deps.intents.switchTo(text) : undefined;
  if (switchTo) {
    // "english" / "bahasa indonesia" on any screen: the same screen in that language.
    const prompt = await flow.prompt(parts.ctxOf(switchTo, user), state);
    return {
      session: { ...current, locale: switchTo },
      replies: [...notes, withNote(prompt, t('language.changed'))],
    };
  }
  // The safety net at a step of a flow: the emergency numbers first, then the step takes the answer.
  // A bare number (a choice's number, an age, a year) tells of no distress: the pipeline is not run.
  const heard =
    msg.choiceId === undefined && text && flow.id !== 'menu' && flow.id !== 'sos' && !BARE_NUMBER.test(text)
      ? parts.distress(text)
      : undefined;
  const expected = heard ? (flow.expectedDistress?.(state) ?? []) : [];
  const danger = heard && heard.kinds.some((k) => !expected.includes(k)) ? heard : undefined;
  if (danger) notes.push(emergencyReply(parts.ctxOf(session.locale, user), situationOf(danger)));
  const ctx = parts.ctxOf(session.locale, user, danger !== undefined);
  const prompt = await flow.prompt(ctx, state);
  const media = msg.media && msg.media.length > 0 ? msg.media : undefined;
  if (media && msg.choiceId === undefined && flow.acceptsMedia?.(state)) {
    return settle(parts, user, current, await flow.handle(ctx, state, { type: 'text', text, media }), notes);
  }
  if (msg.choiceId === undefined && text === '') {
    const voice = media?.some((m) => m.kind === 'voice') === true;
    const note = voice
      ? t('engine.voiceNotRead', { callCentre: callCentreOf(ctx.catalog) })
      : t(media ? 'engine.mediaNotUsed' : 'engine.empty');
    return { session: current, replies: [...notes, withNote(prompt, note)] };
  }
  const input = parts.resolveInput(current, prompt, msg, text);
  if (input === 'forged')
    return { session: current, replies: [...notes, withNote(prompt, t('engine.staleButton'))] };
  if (input === 'outOfRange') {
    const max = (prompt.choices ?? []).length;
    return { session: current, replies: [...notes, withNote(prompt, t('engine.outOfRange', { max }))] };
  }
  let outcome: Outcome = await flow.handle(ctx, state, input);
  if (input.type === 'text' && flow.id !== 'menu') {
    const handedToMenu = outcome.type === 'goto' && outcome.flow === 'menu' && outcome.arg === input.text;
    if (danger && handedToMenu) {
      // Not an answer to a step: the safety net's own screen, with the family-help path.
      notes.pop();
      return startFlow(parts, user, current, 'sos', notes, situationOf(danger));
    }
    const other =
      outcome.type === 'invalid' || handedToMenu
        ? elsewhere(parts, ctx, input.text, prompt, handedToMenu)
        : undefined;
    if (other?.type === 'replies') return { session: current, replies: [...notes, ...other.replies] };
    if (other?.type === 'menu') outcome = { type: 'goto', flow: 'menu', arg: input.text };
  }
  return settle(parts, user, current, outcome, notes, 0, danger !== undefined);
}

/**
 * Text a screen did not take. A clear request ("mau lapor calo") leaves the screen for it (a check
 * keeps its progress); a question with an answer card gets the card and the same screen again;
 * words nothing understands keep the user on the screen with a hint instead of the menu.
 */
function elsewhere(
  parts: EngineParts,
  ctx: FlowContext,
  text: string,
  prompt: Reply,
  handedToMenu: boolean,
): { type: 'replies'; replies: Reply[] } | { type: 'menu' } | undefined {
  const u = parts.understanding.understand(text);
  // Only a question gets a card: "ktp saya hilang" at a yes/no question is an answer, not a question.
  if (u.intent === 'question' && u.answer && u.asked) {
    const card = answerCard(ctx, u.answer.id);
    if (card) return { type: 'replies', replies: [card, withNote(prompt, t('engine.backToQuestion'))] };
  }
  // A sentence, not a bare number or word: those are answers the step could not take.
  const sentence = countWords(text) >= LEAVE_WORDS;
  if (sentence && u.intent !== undefined && u.intent !== 'greeting' && (u.by === 'rule' || u.by === 'advert'))
    return { type: 'menu' };
  // A step that refused the text says why itself; a screen that would hand it to the menu keeps the
  // user here unless the menu can do something with it.
  if (!handedToMenu || u.intent !== undefined || parts.deps.catalog.search(text, ctx.locale, 1).length > 0)
    return undefined;
  return { type: 'replies', replies: [withNote(prompt, t('engine.notUnderstoodHere'))] };
}
