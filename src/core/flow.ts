import type { Catalog } from './catalog.js';
import type { ForgetDesk } from './forget.js';
import type { SubscriptionDesk } from './subscriptions.js';
import type { Locale } from './locale.js';
import type { MediaRef, Reply, Text } from './message.js';
import type { OfferScanner } from './ports.js';
import type { OfficerDesk } from './officer.js';
import type { ReportDesk, VillageFinder } from './report.js';
import type { StandingAction } from './report-actions.js';
import type { FlowData } from './session.js';
import type { Understanding } from './understanding/understand.js';
import type { DistressKind } from './understanding/lexicon.js';

/** What a flow step may read. Flows are plain functions of this context: no channel, no Redis. */
export interface FlowContext {
  readonly locale: Locale;
  readonly now: Date;
  readonly catalog: Catalog;
  readonly scanner: OfferScanner;
  /** The chat address of the user being answered (`telegram:123`). */
  readonly user: string;
  readonly reports: ReportDesk;
  readonly officers: OfficerDesk;
  readonly villages: VillageFinder;
  readonly forget: ForgetDesk;
  /** Opt-in alerts (`langganan`, STOP, `mulai`). */
  readonly subscriptions: SubscriptionDesk;
  /** The understanding pipeline (DESIGN §11) over this catalog. */
  readonly understanding: Understanding;
  /** The safety net already answered this message (at a wizard step): the menu does not repeat it. */
  readonly safetyNetShown?: boolean;
  /**
   * How many characters `reply` takes in `locale` where it is shown longest (rendered, acronyms
   * explained, choices and the main-menu choice numbered as text): for replies held to a length.
   */
  readonly measure: (locale: Locale, reply: Reply) => number;
}

export interface FlowState {
  readonly step: string;
  readonly data: FlowData;
}

/** A user's answer, after the engine matched numbers and words against the prompt's choices. */
export type Input =
  | { readonly type: 'choice'; readonly id: string }
  /** `media` only reaches steps whose flow `acceptsMedia`; `text` is then the caption, maybe empty. */
  | { readonly type: 'text'; readonly text: string; readonly media?: readonly MediaRef[] };

/** What a step decides. Expected failures are values (`invalid`), never throws. */
export type Outcome =
  /** Stay in this flow at `state`; the engine shows `say`, then the prompt of `state`. */
  | { readonly type: 'next'; readonly say?: readonly Reply[]; readonly state: FlowState }
  /** Start another flow (the menu when done); `locale` switches the user's language. */
  | {
      readonly type: 'goto';
      readonly say?: readonly Reply[];
      readonly flow: string;
      readonly arg?: string;
      /** A typed action for the flow's `act` (a button under an alert, "terima R-7KQ4MX"), instead of `arg`. */
      readonly action?: StandingAction;
      readonly locale?: Locale;
      /**
       * The user's data was just deleted (`hapus`): the flow starts from a fresh session (no progress
       * kept for other flows) and the engine deletes the stored session instead of saving one.
       */
      readonly forgotten?: true;
    }
  /** The answer does not fit: the engine says `reason` and asks again. */
  | { readonly type: 'invalid'; readonly reason: Text };

/**
 * One conversation flow. `prompt` is a function of the state, so the engine can re-derive the current
 * question and its choices instead of storing them in the session. It may read a desk (the officer's
 * report page reads the report each time it is shown): what a store already holds is never copied
 * into a session, where "delete my data" and retention would not reach it.
 */
export interface Flow {
  readonly id: string;
  /**
   * `saved` is the progress the user left this flow with (see `keepsProgress`): the flow may offer
   * to continue from there.
   */
  start(ctx: FlowContext, arg?: string, saved?: FlowState): Outcome | Promise<Outcome>;
  /** Starts the flow for a standing action (the officer and answer flows); decoded and typed by the engine. */
  act?(ctx: FlowContext, action: StandingAction): Outcome | Promise<Outcome>;
  /** True when leaving at `state` should keep the progress for a later `start` (a check left midway). */
  keepsProgress?(state: FlowState): boolean;
  /**
   * Kinds of distress a step's answers describe by nature ("which documents did the recruiter keep?"
   * → documents): the safety net stays quiet for those alone at that step, and speaks for any other.
   */
  expectedDistress?(state: FlowState): readonly DistressKind[];
  /** True when the step takes photos (report evidence); elsewhere a photo gets "cannot use this". */
  acceptsMedia?(state: FlowState): boolean;
  prompt(ctx: FlowContext, state: FlowState): Reply | Promise<Reply>;
  handle(ctx: FlowContext, state: FlowState, input: Input): Outcome | Promise<Outcome>;
}

export const next = (step: string, data: FlowData = {}, say?: readonly Reply[]): Outcome =>
  say ? { type: 'next', state: { step, data }, say } : { type: 'next', state: { step, data } };

export const goto = (
  flow: string,
  opts: { say?: readonly Reply[]; arg?: string; locale?: Locale; forgotten?: true } = {},
): Outcome => ({
  type: 'goto',
  flow,
  ...opts,
});

export const invalid = (reason: Text): Outcome => ({ type: 'invalid', reason });
