import type { Catalog } from '../catalog.js';
import type { Flow, FlowContext, FlowState } from '../flow.js';
import { unwiredForgetDesk, type ForgetDesk } from '../forget.js';
import { unwiredSubscriptions, type SubscriptionDesk } from '../subscriptions.js';
import type { IntentMatcher } from '../intents.js';
import { DEFAULT_LOCALE, type Locale, type RegionalLocale } from '../locale.js';
import type { Reply } from '../message.js';
import { shownLength } from '../render.js';
import type { OfficerDesk } from '../officer.js';
import type { Clock, Logger, OfferScanner, SessionStore, Translator } from '../ports.js';
import type { ReportDesk, VillageFinder } from '../report.js';
import type { Session } from '../session.js';
import { rememberingLast, type Distress, type Understanding } from '../understanding/understand.js';
import { createInputResolver, type InputResolver } from './resolve-input.js';

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
  /** Opt-in alerts; without it STOP finds none and turning one on fails (the user is told to try again). */
  readonly subscriptions?: SubscriptionDesk;
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

/** What one turn comes to: the session to save and the replies. */
export interface Turn {
  readonly session: Session;
  readonly replies: readonly Reply[];
  /** The user's data was deleted in this turn: the stored session is deleted, none is saved. */
  readonly forgotten?: true;
}

/** The menu's first screen, and the state of a flow being started. */
export const MENU: FlowState = { step: 'root', data: {} };

/** What the parts of the engine share: the dependencies, the flows by id, and the flow context. */
export interface EngineParts {
  readonly deps: EngineDeps;
  readonly defaultLocale: Locale;
  readonly menuFlow: Flow;
  /** The flow with this id; the menu for an unknown id (a flow removed since the session was saved). */
  flowOf(id: string): Flow;
  /** Maps what the user sent to the current question's choice, or text. */
  readonly resolveInput: InputResolver;
  /**
   * The understanding pipeline: in the parts of one turn, it reads the turn's message once however
   * often it is asked (the flows get the same one in their context).
   */
  readonly understanding: Understanding;
  /** The user being answered; made per turn (one turn runs at a time per user, turns of users interleave). */
  ctxOf(locale: Locale, user: string, safetyNetShown?: boolean): FlowContext;
  /**
   * What the safety net hears in text typed at a step: the understanding's `distress`, remembered for
   * the yes/no and navigation words ("ya", "lanjut") that come at step after step.
   */
  distress(text: string): Distress | undefined;
  /** The parts for one turn: its understanding reads the turn's message once however often it is asked. */
  forTurn(): EngineParts;
}

export function createEngineParts(deps: EngineDeps): EngineParts {
  const flows = new Map(deps.flows.map((f) => [f.id, f]));
  const menuFlow = flows.get('menu');
  if (!menuFlow) throw new Error('engine needs a flow with id "menu"');
  return new Parts(
    {
      deps,
      flows,
      menuFlow,
      resolveInput: createInputResolver(deps),
      forget: deps.forget ?? unwiredForgetDesk,
      subscriptions: deps.subscriptions ?? unwiredSubscriptions,
      measure: (locale, reply) => shownLength(deps.translator, deps.catalog.glossary, locale, reply),
      smallWords: new Map(),
    },
    deps.understanding,
  );
}

/** What every turn's parts share, made once per engine. */
interface Shared {
  readonly deps: EngineDeps;
  readonly flows: ReadonlyMap<string, Flow>;
  readonly menuFlow: Flow;
  readonly resolveInput: InputResolver;
  readonly forget: ForgetDesk;
  readonly subscriptions: SubscriptionDesk;
  readonly measure: FlowContext['measure'];
  /**
   * What the safety net heard in yes/no and navigation words, by text: only texts the intents read
   * as such a word are kept (never a name or a sentence of a user's), emptied when it holds SMALL_WORDS.
   */
  readonly smallWords: Map<string, Distress | undefined>;
}

/** Yes/no and navigation words remembered with what the safety net heard in them (a few dozen in use). */
const SMALL_WORDS = 1000;
/** Longer text is never such a word; it is not looked up. */
const SMALL_WORD_LENGTH = 20;

/** The engine's parts with one understanding (the engine's, or a turn's); one small object per turn. */
class Parts implements EngineParts {
  readonly deps: EngineDeps;
  readonly defaultLocale: Locale;
  readonly menuFlow: Flow;
  readonly resolveInput: InputResolver;
  /**
   * The last flow context made, in the parts of one turn: a turn asks for the same one at the step
   * and at each hand-over (same locale and user), and a context is a dozen fields and a clock read.
   */
  #ctx: FlowContext | undefined;

  constructor(
    private readonly shared: Shared,
    readonly understanding: Understanding,
    /** True for the parts of one turn; the engine's own parts make a new context on every call. */
    private readonly oneTurn = false,
  ) {
    this.deps = shared.deps;
    this.defaultLocale = shared.deps.defaultLocale ?? DEFAULT_LOCALE;
    this.menuFlow = shared.menuFlow;
    this.resolveInput = shared.resolveInput;
  }

  flowOf(id: string): Flow {
    return this.shared.flows.get(id) ?? this.menuFlow;
  }

  ctxOf(locale: Locale, user: string, safetyNetShown = false): FlowContext {
    const last = this.#ctx;
    if (last?.locale === locale && last.user === user && (last.safetyNetShown ?? false) === safetyNetShown)
      return last;
    const ctx = this.#newCtx(locale, user, safetyNetShown);
    if (this.oneTurn) this.#ctx = ctx;
    return ctx;
  }

  #newCtx(locale: Locale, user: string, safetyNetShown: boolean): FlowContext {
    const { deps, forget, subscriptions, measure } = this.shared;
    const ctx: { -readonly [K in keyof FlowContext]: FlowContext[K] } = {
      locale,
      now: deps.clock.now(),
      catalog: deps.catalog,
      scanner: deps.scanner,
      user,
      reports: deps.reports,
      officers: deps.officers,
      villages: deps.villages,
      forget,
      subscriptions,
      understanding: this.understanding,
      measure,
    };
    if (safetyNetShown) ctx.safetyNetShown = safetyNetShown;
    return ctx;
  }

  distress(text: string): Distress | undefined {
    const { deps, smallWords } = this.shared;
    const small =
      text.length <= SMALL_WORD_LENGTH &&
      (deps.intents.answer(text) !== undefined || deps.intents.navigation(text) !== undefined);
    if (!small) return this.understanding.distress(text);
    if (smallWords.has(text)) return smallWords.get(text);
    const heard = this.understanding.distress(text);
    if (smallWords.size >= SMALL_WORDS) smallWords.clear();
    smallWords.set(text, heard);
    return heard;
  }

  forTurn(): EngineParts {
    return new Parts(this.shared, rememberingLast(this.shared.deps.understanding), true);
  }
}

/** The current flow and state of a session; the menu when its flow is gone. */
export function currentOf(
  parts: EngineParts,
  session: Session,
): { flow: Flow; state: FlowState; current: Session } {
  const flow = parts.flowOf(session.flow);
  const known = flow.id === session.flow;
  return {
    flow,
    state: known ? { step: session.step, data: session.data } : MENU,
    current: known ? session : { ...session, flow: flow.id, ...MENU },
  };
}
