import type { Catalog } from '../content/catalog.js';
import type { Flow, FlowContext, FlowState, Input, Outcome } from './flow.js';
import { unwiredForgetDesk, type ForgetDesk } from './forget.js';
import { cleanText, foldForMatch } from './input.js';
import type { GlobalWord, IntentMatcher, ReportCommandMatch } from './intents.js';
import { DEFAULT_LOCALE, type Locale, type RegionalLocale } from './locale.js';
import { literal, t, type EngineResult, type InboundMessage, type Reply } from './message.js';
import type { Clock, Logger, OfferScanner, SessionStore, Translator } from './ports.js';
import type { OfficerDesk } from './officer.js';
import {
  actionOfCommand,
  decodeAction,
  flowOfAction,
  officerCommand,
  type StandingAction,
} from './report-actions.js';
import type { ReportDesk, VillageFinder } from './report.js';
import { MENU_CHOICE_ID, renderReplies, renderText } from './render.js';
import { UserRateLimiter } from './rate-limit.js';
import type { Session } from './session.js';
import type { Understanding } from './understanding/understand.js';
import { emergencyReply, situationOf } from './flows/sos.js';
import { answerCard } from './flows/answer-card.js';
import { FIRST_CONTACT } from './flows/simple.js';
import { opensWithLanguageList } from './first-contact.js';

export interface EngineDeps {
  readonly store: SessionStore;
  readonly flows: readonly Flow[];
  readonly catalog: Catalog;
  readonly scanner: OfferScanner;
  readonly reports: ReportDesk;
  readonly officers: OfficerDesk;
  readonly villages: VillageFinder;
  /** "Delete my data": the reports' and channels' part (the engine deletes the session). */
  readonly forget?: ForgetDesk;
  readonly translator: Translator;
  readonly intents: IntentMatcher;
  /** The understanding pipeline (DESIGN §11): safety net, intents, answer cards. */
  readonly understanding: Understanding;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly defaultLocale?: Locale;
  /**
   * A new user who asks for nothing in particular first gets the welcome and the language list
   * (LANGUAGE_LIST_FIRST, default on; a deployment serving one language may turn it off).
   */
  readonly languageListFirst?: boolean;
  /** Which regional language a message seems written in (offered once to an Indonesian session). */
  readonly guessLanguage?: (text: string) => RegionalLocale | undefined;
  /** Messages one user may send per minute; beyond it one "please slow down", then silence (default 30). */
  readonly userMessagesPerMinute?: number;
}

export interface Engine {
  /** Answers one message. Never throws: infrastructure failures become a polite "try again" reply. */
  handle(msg: InboundMessage): Promise<EngineResult>;
}

interface Turn {
  readonly session: Session;
  readonly replies: readonly Reply[];
  /** The user's data was deleted in this turn: the stored session is deleted, none is saved. */
  readonly forgotten?: true;
}

/** Saving is compare-and-set; a conflict (another process answered first) re-runs the turn this often. */
const MAX_ATTEMPTS = 3;
/** Folded choice labels kept in memory (there are a few hundred). */
const FOLDED_LABELS = 5000;
/** Longer text is never read as a choice's words: it is what the user wants to say. */
const MAX_LABEL_INPUT = 40;
/** Text refused by a step leaves it for what it asks only when it has this many words. */
const LEAVE_WORDS = 3;
/** A flow may hand over to another flow at most this many times in one turn. */
const MAX_HOPS = 4;
/** Messages one user may send per minute unless configured (USER_MESSAGES_PER_MINUTE). */
export const DEFAULT_USER_MESSAGES_PER_MINUTE = 30;

const MENU: FlowState = { step: 'root', data: {} };

/**
 * The conversation engine: loads the session, applies global words, matches the input against the
 * current prompt's choices, runs the flow step and saves the new session before answering.
 * A step that throws leaves the stored session as it was.
 */
export function createEngine(deps: EngineDeps): Engine {
  const flows = new Map(deps.flows.map((f) => [f.id, f]));
  const defaultLocale = deps.defaultLocale ?? DEFAULT_LOCALE;
  const forget = deps.forget ?? unwiredForgetDesk;
  const found = flows.get('menu');
  if (!found) throw new Error('engine needs a flow with id "menu"');
  const menuFlow: Flow = found;

  /** The user being answered; set per turn (one turn runs at a time per user, turns of users interleave). */
  const ctxOf = (locale: Locale, user: string, safetyNetShown = false): FlowContext => ({
    locale,
    now: deps.clock.now(),
    catalog: deps.catalog,
    scanner: deps.scanner,
    user,
    reports: deps.reports,
    officers: deps.officers,
    villages: deps.villages,
    forget,
    understanding: deps.understanding,
    ...(safetyNetShown ? { safetyNetShown } : {}),
  });
  const flowOf = (id: string): Flow => flows.get(id) ?? menuFlow;

  /** Follows `goto` and `next` outcomes to the session and replies they lead to. */
  async function settle(
    user: string,
    session: Session,
    outcome: Outcome,
    said: Reply[],
    hops = 0,
    safetyNetShown = false,
  ): Promise<Turn> {
    if (outcome.type === 'invalid') {
      const flow = flowOf(session.flow);
      const prompt = await flow.prompt(ctxOf(session.locale, user), {
        step: session.step,
        data: session.data,
      });
      return { session, replies: [...said, withNote(prompt, outcome.reason)] };
    }
    const replies = [...said, ...(outcome.say ?? [])];
    if (outcome.type === 'next') {
      const next: Session = { ...session, step: outcome.state.step, data: outcome.state.data };
      const prompt = await flowOf(next.flow).prompt(ctxOf(next.locale, user), outcome.state);
      return { session: next, replies: [...replies, prompt] };
    }
    const locale = outcome.locale ?? session.locale;
    const target = hops < MAX_HOPS ? flowOf(outcome.flow) : menuFlow;
    const { saved, resume } = outcome.forgotten ? {} : handOver(session, target.id);
    const ctx = ctxOf(locale, user, safetyNetShown);
    const started =
      hops >= MAX_HOPS
        ? { type: 'next' as const, state: MENU }
        : outcome.action && target.act
          ? await target.act(ctx, outcome.action)
          : await target.start(ctx, outcome.arg, resume);
    const next: Session = { locale, flow: target.id, ...MENU, ...(saved ? { saved } : {}) };
    const turn = await settle(user, next, started, replies, hops + 1, safetyNetShown);
    return outcome.forgotten ? { ...turn, forgotten: true } : turn;
  }

  /** Keeps the progress of a flow left midway, and hands a flow being started the progress kept for it. */
  function handOver(session: Session, targetId: string): { saved?: Session['saved']; resume?: FlowState } {
    const leaving = flowOf(session.flow);
    const state: FlowState = { step: session.step, data: session.data };
    let saved = session.saved;
    if (leaving.id !== targetId && leaving.keepsProgress?.(state)) saved = { ...saved, [leaving.id]: state };
    const resume = saved?.[targetId];
    if (resume && saved) {
      const rest = Object.fromEntries(Object.entries(saved).filter(([id]) => id !== targetId));
      saved = Object.keys(rest).length > 0 ? rest : undefined;
    }
    return { ...(saved ? { saved } : {}), ...(resume ? { resume } : {}) };
  }

  function startFlow(
    user: string,
    session: Session,
    flowId: string,
    say: Reply[] = [],
    arg?: string,
  ): Promise<Turn> {
    const outcome: Outcome =
      arg === undefined ? { type: 'goto', flow: flowId } : { type: 'goto', flow: flowId, arg };
    return settle(user, session, outcome, say);
  }

  /** Starts the flow that takes a standing action (officer or answer), typed all the way. */
  function startAction(user: string, session: Session, action: StandingAction, say: Reply[]): Promise<Turn> {
    return settle(user, session, { type: 'goto', flow: flowOfAction(action), action }, say);
  }

  async function onGlobal(user: string, session: Session, word: GlobalWord): Promise<Turn> {
    switch (word) {
      case 'menu':
        return startFlow(user, session, 'menu');
      case 'help':
        return startFlow(user, session, 'help');
      case 'language':
        return startFlow(user, session, 'language');
      case 'sos':
        return startFlow(user, session, 'sos');
      case 'cancel': {
        // Cancelling also forgets the progress of the flow being cancelled.
        const rest = Object.entries(session.saved ?? {}).filter(([flow]) => flow !== session.flow);
        const cancelled: Session = {
          locale: session.locale,
          flow: 'menu',
          ...MENU,
          ...(rest.length > 0 ? { saved: Object.fromEntries(rest) } : {}),
        };
        return startFlow(user, cancelled, 'menu', [
          { body: [t(session.flow === 'menu' ? 'engine.nothingToCancel' : 'engine.cancelled')] },
        ]);
      }
      case 'stop': {
        const { saved } = handOver(session, 'menu');
        const stopped: Session = {
          locale: session.locale,
          flow: 'menu',
          ...MENU,
          ...(saved ? { saved } : {}),
        };
        return { session: stopped, replies: [{ body: [t('engine.stopped')] }] };
      }
    }
  }

  /** Choice labels come from locales and content, never from users: their folded forms are kept. */
  const foldedLabels = new Map<string, string>();
  const foldedLabel = (label: string): string => {
    let f = foldedLabels.get(label);
    if (f === undefined) {
      if (foldedLabels.size >= FOLDED_LABELS) foldedLabels.clear();
      f = foldForMatch(label);
      foldedLabels.set(label, f);
    }
    return f;
  };

  /** Maps a number, a choice's words or a button id to the current prompt's choice. */
  function resolveInput(
    session: Session,
    prompt: Reply,
    msg: InboundMessage,
    text: string,
  ): Input | 'forged' | 'outOfRange' {
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
      const labels = choices.map((c) => ({
        id: c.id,
        label: foldedLabel(renderText(deps.translator, session.locale, c.label)),
      }));
      const exact = labels.find((l) => l.label === folded);
      if (exact) return { type: 'choice', id: exact.id };
      // "lanjut" for "Lanjut", "kembali" for "Kembali ke daftar": the start of one label, in whole words.
      // Yes/no questions take only yes/no words: "saya belum punya" must not read as "Ya".
      const yesNoQuestion = choices.some((c) => c.id === 'yes' || c.id === 'no');
      const words = (s: string) => `${s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
      const partial =
        folded.length >= 4 && !yesNoQuestion
          ? labels.filter((l) => words(l.label).startsWith(words(folded)))
          : [];
      if (partial.length === 1 && partial[0]) return { type: 'choice', id: partial[0].id };
    }
    return { type: 'text', text };
  }

  async function turn(session: Session, msg: InboundMessage, notes: Reply[], isNew = false): Promise<Turn> {
    const user = msg.userKey;
    const { text, truncated } = cleanText(msg.text ?? '');
    if (truncated) notes.push({ body: [t('engine.truncated')] });
    if (
      isNew &&
      deps.languageListFirst !== false &&
      opensWithLanguageList(msg, text, deps.intents, deps.understanding)
    )
      return startFlow(user, session, 'language', notes, FIRST_CONTACT);
    // A deep-link payload (Telegram "/start lapor") is read as if typed at the menu.
    if (msg.start)
      return startFlow(user, session, 'menu', [{ body: [t('engine.welcome')] }], text || undefined);
    if (msg.choiceId === MENU_CHOICE_ID) return startFlow(user, session, 'menu', notes);
    // Buttons of alerts and relayed questions, and "terima R-7KQ4MX": valid at any step, and checked
    // on the server by the desk (the button data itself is never trusted).
    const decoded = msg.choiceId !== undefined ? decodeAction(msg.choiceId) : undefined;
    if (decoded?.type === 'action') return startAction(user, session, decoded.action, notes);
    if (decoded?.type === 'invalid') {
      deps.logger.warn({ channel: msg.channel, problem: decoded.problem }, 'button data refused');
      return staleButton(user, session, notes);
    }
    const typed =
      msg.choiceId === undefined && text
        ? (officerCommand(text) ?? commandAction(deps.intents.reportCommand(text)))
        : undefined;
    if (typed) return startAction(user, session, typed, notes);
    const word = msg.choiceId === undefined && text ? deps.intents.global(text) : undefined;
    if (word) return onGlobal(user, session, word);

    const flow = flowOf(session.flow);
    const state: FlowState = flow.id === session.flow ? { step: session.step, data: session.data } : MENU;
    const current: Session = flow.id === session.flow ? session : { ...session, flow: flow.id, ...MENU };
    const switchTo = msg.choiceId === undefined && text ? deps.intents.switchTo(text) : undefined;
    if (switchTo) {
      // "english" / "bahasa indonesia" on any screen: the same screen in that language.
      const prompt = await flow.prompt(ctxOf(switchTo, user), state);
      return {
        session: { ...current, locale: switchTo },
        replies: [...notes, withNote(prompt, t('language.changed'))],
      };
    }
    // The safety net at a step of a flow: the emergency numbers first, then the step takes the answer.
    const heard =
      msg.choiceId === undefined && text && flow.id !== 'menu' && flow.id !== 'sos'
        ? deps.understanding.distress(text)
        : undefined;
    const expected = heard ? (flow.expectedDistress?.(state) ?? []) : [];
    const danger = heard && heard.kinds.some((k) => !expected.includes(k)) ? heard : undefined;
    if (danger) notes.push(emergencyReply(ctxOf(session.locale, user), situationOf(danger)));
    const ctx = ctxOf(session.locale, user, danger !== undefined);
    const prompt = await flow.prompt(ctx, state);
    const media = msg.media && msg.media.length > 0 ? msg.media : undefined;
    if (media && msg.choiceId === undefined && flow.acceptsMedia?.(state)) {
      return settle(user, current, await flow.handle(ctx, state, { type: 'text', text, media }), notes);
    }
    if (msg.choiceId === undefined && text === '') {
      const key = media ? 'engine.mediaNotUsed' : 'engine.empty';
      return { session: current, replies: [...notes, withNote(prompt, t(key))] };
    }
    const input = resolveInput(current, prompt, msg, text);
    if (input === 'forged')
      return { session: current, replies: [...notes, withNote(prompt, t('engine.staleButton'))] };
    if (input === 'outOfRange') {
      const max = (prompt.choices ?? []).length;
      return { session: current, replies: [...notes, withNote(prompt, t('engine.outOfRange', { max }))] };
    }
    let outcome = await flow.handle(ctx, state, input);
    if (input.type === 'text' && flow.id !== 'menu') {
      const handedToMenu = outcome.type === 'goto' && outcome.flow === 'menu' && outcome.arg === input.text;
      if (danger && handedToMenu) {
        // Not an answer to a step: the safety net's own screen, with the family-help path.
        notes.pop();
        return startFlow(user, current, 'sos', notes, situationOf(danger));
      }
      const other =
        outcome.type === 'invalid' || handedToMenu
          ? elsewhere(ctx, input.text, prompt, handedToMenu)
          : undefined;
      if (other?.type === 'replies') return { session: current, replies: [...notes, ...other.replies] };
      if (other?.type === 'menu') outcome = { type: 'goto', flow: 'menu', arg: input.text };
    }
    return settle(user, current, outcome, notes, 0, danger !== undefined);
  }

  /** Forged, damaged or unknown button data: "that button no longer works", then the current screen. */
  async function staleButton(user: string, session: Session, notes: Reply[]): Promise<Turn> {
    const flow = flowOf(session.flow);
    const known = flow.id === session.flow;
    const state: FlowState = known ? { step: session.step, data: session.data } : MENU;
    const current: Session = known ? session : { ...session, flow: flow.id, ...MENU };
    const prompt = await flow.prompt(ctxOf(session.locale, user), state);
    return { session: current, replies: [...notes, withNote(prompt, t('engine.staleButton'))] };
  }

  /**
   * Text a screen did not take. A clear request ("mau lapor calo") leaves the screen for it (a check
   * keeps its progress); a question with an answer card gets the card and the same screen again;
   * words nothing understands keep the user on the screen with a hint instead of the menu.
   */
  function elsewhere(
    ctx: FlowContext,
    text: string,
    prompt: Reply,
    handedToMenu: boolean,
  ): { type: 'replies'; replies: Reply[] } | { type: 'menu' } | undefined {
    const u = deps.understanding.understand(text);
    // Only a question gets a card: "ktp saya hilang" at a yes/no question is an answer, not a question.
    if (u.intent === 'question' && u.answer && u.asked) {
      const card = answerCard(ctx, u.answer.id);
      if (card) return { type: 'replies', replies: [card, withNote(prompt, t('engine.backToQuestion'))] };
    }
    // A sentence, not a bare number or word: those are answers the step could not take.
    const sentence = text.trim().split(/\s+/).length >= LEAVE_WORDS;
    if (
      sentence &&
      u.intent !== undefined &&
      u.intent !== 'greeting' &&
      (u.by === 'rule' || u.by === 'advert')
    )
      return { type: 'menu' };
    // A step that refused the text says why itself; a screen that would hand it to the menu keeps the
    // user here unless the menu can do something with it.
    if (!handedToMenu || u.intent !== undefined || deps.catalog.search(text, ctx.locale, 1).length > 0)
      return undefined;
    return { type: 'replies', replies: [withNote(prompt, t('engine.notUnderstoodHere'))] };
  }

  /** Tail of each user's queue: one user's messages are answered one after the other, in order. */
  const queues = new Map<string, Promise<unknown>>();
  const limiter = new UserRateLimiter(deps.userMessagesPerMinute ?? DEFAULT_USER_MESSAGES_PER_MINUTE);

  function serialized(msg: InboundMessage): Promise<EngineResult> {
    // Counted on arrival, so a flood never piles up in the queue; a dropped message costs no Redis call.
    const verdict = limiter.check(msg.userKey, deps.clock.now().getTime());
    if (verdict === 'drop') return Promise.resolve({ locale: defaultLocale, messages: [] });
    const run = verdict === 'warn' ? slowDown : answer;
    const previous = queues.get(msg.userKey);
    // Nothing queued for this user (the usual case): answer at once, no promise chain.
    const result = previous ? previous.catch(() => undefined).then(() => run(msg)) : run(msg);
    queues.set(msg.userKey, result);
    // One reaction for both outcomes (`finally` plus `catch` cost three promises per message); the
    // reactions are unnamed, so a build that keeps function names adds no work per message.
    result.then(
      () => forgetTail(queues, msg.userKey, result),
      () => forgetTail(queues, msg.userKey, result),
    );
    return result;
  }

  return { handle: serialized };

  /** "Please slow down", in the user's language; the session is read, never written. */
  async function slowDown(msg: InboundMessage): Promise<EngineResult> {
    const locale = await deps.store.load(msg.userKey).then(
      (l) => l.decoded.session.locale,
      () => defaultLocale,
    );
    return { locale, messages: renderReplies(deps.translator, locale, [{ body: [t('engine.slowDown')] }]) };
  }

  /**
   * Someone writes in a regional language while their session is Indonesian: after the answer, offer
   * that language once, in that language, with the words that switch to it. Never switches by itself.
   */
  function offerLanguage(result: Turn, text: string | undefined, before: Session): Turn {
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

  async function answer(msg: InboundMessage): Promise<EngineResult> {
    let locale = defaultLocale;
    try {
      let loaded = await deps.store.load(msg.userKey);
      for (let attempt = 1; ; attempt++) {
        const decoded = loaded.decoded;
        locale = decoded.session.locale;
        const result = offerLanguage(
          decoded.type === 'reset' && !msg.start
            ? await startFlow(msg.userKey, decoded.session, 'menu', [{ body: [t('engine.sessionReset')] }])
            : await turn(decoded.session, msg, [], loaded.rev === 0),
          msg.text,
          decoded.session,
        );
        if (result.forgotten) {
          // Nothing of this user is written back: the next message starts a new default session.
          await deps.store.delete(msg.userKey);
          return {
            locale: result.session.locale,
            messages: renderReplies(deps.translator, result.session.locale, withMenuChoice(result)),
          };
        }
        const saved = await deps.store.save(msg.userKey, result.session, loaded.rev);
        if (saved.type === 'saved') {
          return {
            locale: result.session.locale,
            messages: renderReplies(deps.translator, result.session.locale, withMenuChoice(result)),
          };
        }
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
}

/** Drops a user's queue once its tail is done (a later message may have queued behind it). */
function forgetTail(queues: Map<string, Promise<unknown>>, user: string, tail: Promise<unknown>): void {
  if (queues.get(user) === tail) queues.delete(user);
}

/** A typed report command as an action ("terima R-7KQ4MX"), or undefined. */
const commandAction = (match: ReportCommandMatch | undefined): StandingAction | undefined =>
  match ? actionOfCommand(match) : undefined;

/** Choice ids that "next" and "back" words select, in the order tried. */
const NAVIGATION = { next: ['next', 'more'], back: ['back', 'prev'] } as const;

function withNote(prompt: Reply, note: Reply['body'][number]): Reply {
  return { ...prompt, body: [note, ...prompt.body] };
}

/** The "0 = main menu" choice (texts are immutable, so one object serves every reply). */
const MENU_CHOICE = { id: MENU_CHOICE_ID, label: t('common.menu') } as const;

/** Every reply outside the menu ends with "0 = main menu", so a user is never stuck. */
function withMenuChoice(turn: Turn): readonly Reply[] {
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
