import { t, type EngineResult, type InboundMessage } from './message.js';
import { MENU_CHOICE_ID, renderReplies } from './render.js';
import { turn } from './engine/dispatch.js';
import { offerLanguage } from './engine/language-offer.js';
import { createEngineParts, type EngineDeps, type EngineParts, type Turn } from './engine/parts.js';
import { withMenuChoice } from './engine/replies.js';
import { startFlow } from './engine/settle.js';
import { serializePerUser } from './engine/user-queue.js';

export type { EngineDeps } from './engine/parts.js';

export interface Engine {
  /** Answers one message. Never throws: infrastructure failures become a polite "try again" reply. */
  handle(msg: InboundMessage): Promise<EngineResult>;
}

/** Saving is compare-and-set; a conflict (another process answered first) re-runs the turn this often. */
const MAX_ATTEMPTS = 3;
/** Messages one user may send per minute unless configured (USER_MESSAGES_PER_MINUTE). */
export const DEFAULT_USER_MESSAGES_PER_MINUTE = 30;

/**
 * The conversation engine: loads the session, applies global words, matches the input against the
 * current prompt's choices, runs the flow step and saves the new session (compare-and-set) before the
 * answer is returned. With SESSION_WRITE_MODE=behind (the default) the store's save takes the session
 * into its cache and sends the write without waiting for it (see README, "Sessions"). A step that
 * throws leaves the stored session as it was.
 *
 * The parts, by role, in engine/: parts (dependencies and flow context), dispatch (what works at any
 * step), step (the current flow's step and the safety net), settle (flow hand-over), global-words,
 * resolve-input (numbers and words to choices), language-offer, replies, user-queue.
 */
export function createEngine(deps: EngineDeps): Engine {
  const parts = createEngineParts(deps);
  const render = (turnDone: Turn): EngineResult => ({
    locale: turnDone.session.locale,
    messages: renderReplies(deps.translator, turnDone.session.locale, withMenuChoice(turnDone)),
  });

  return {
    handle: serializePerUser({
      perMinute: deps.userMessagesPerMinute ?? DEFAULT_USER_MESSAGES_PER_MINUTE,
      clock: deps.clock,
      answer: (msg) => answer(parts.forTurn(), msg, render),
      slowDown: (msg) => slowDown(parts, msg),
      dropped: () => ({ locale: parts.defaultLocale, messages: [] }),
    }),
  };
}

/** One message: the turn on the stored session, saved compare-and-set (re-run on a conflict). */
async function answer(
  parts: EngineParts,
  msg: InboundMessage,
  render: (turnDone: Turn) => EngineResult,
): Promise<EngineResult> {
  const { deps } = parts;
  let locale = parts.defaultLocale;
  try {
    let loaded = await deps.store.load(msg.userKey);
    for (let attempt = 1; ; attempt++) {
      const decoded = loaded.decoded;
      locale = decoded.session.locale;
      const result = offerLanguage(
        deps,
        decoded.type === 'reset' && !msg.start
          ? await startFlow(parts, msg.userKey, decoded.session, 'menu', [
              { body: [t('engine.sessionReset')] },
            ])
          : await turn(parts, decoded.session, msg, [], loaded.rev === 0),
        msg.text,
        decoded.session,
      );
      if (result.forgotten) {
        // Nothing of this user is written back: the next message starts a new default session.
        await deps.store.delete(msg.userKey);
        return render(result);
      }
      const saved = await deps.store.save(msg.userKey, result.session, loaded.rev);
      if (saved.type === 'saved') return render(result);
      if (attempt >= MAX_ATTEMPTS) throw new Error('session save kept conflicting');
      loaded = saved.current;
    }
  } catch (err) {
    deps.logger.error({ err, channel: msg.channel }, 'message failed; session left unchanged');
    return {
      locale,
      messages: renderReplies(deps.translator, locale, [
        { body: [t('engine.failure')], choices: [{ id: MENU_CHOICE_ID, label: t('common.menu') }] },
      ]),
    };
  }
}

/** "Please slow down", in the user's language; the session is read, never written. */
async function slowDown(parts: EngineParts, msg: InboundMessage): Promise<EngineResult> {
  const locale = await parts.deps.store.load(msg.userKey).then(
    (l) => l.decoded.session.locale,
    () => parts.defaultLocale,
  );
  return {
    locale,
    messages: renderReplies(parts.deps.translator, locale, [{ body: [t('engine.slowDown')] }]),
  };
}
