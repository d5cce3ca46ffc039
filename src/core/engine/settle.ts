import type { FlowState, Outcome } from '../flow.js';
import type { Reply } from '../message.js';
import { flowOfAction, type StandingAction } from '../report-actions.js';
import type { Session } from '../session.js';
import { MENU, type EngineParts, type Turn } from './parts.js';
import { withNote } from './replies.js';

/** A flow may hand over to another flow at most this many times in one turn. */
const MAX_HOPS = 4;

/** Follows `goto` and `next` outcomes to the session and replies they lead to. */
export async function settle(
  parts: EngineParts,
  user: string,
  session: Session,
  outcome: Outcome,
  said: readonly Reply[],
  hops = 0,
  safetyNetShown = false,
): Promise<Turn> {
  if (outcome.type === 'invalid') {
    const flow = parts.flowOf(session.flow);
    const prompt = await flow.prompt(parts.ctxOf(session.locale, user), {
      step: session.step,
      data: session.data,
    });
    return { session, replies: [...said, withNote(prompt, outcome.reason)] };
  }
  const replies = outcome.say ? said.concat(outcome.say) : said.slice();
  if (outcome.type === 'next') {
    const next: Session = { ...session, step: outcome.state.step, data: outcome.state.data };
    const prompt = await parts.flowOf(next.flow).prompt(parts.ctxOf(next.locale, user), outcome.state);
    return { session: next, replies: [...replies, prompt] };
  }
  const locale = outcome.locale ?? session.locale;
  const target = hops < MAX_HOPS ? parts.flowOf(outcome.flow) : parts.menuFlow;
  const { saved, resume } = outcome.forgotten ? {} : handOver(parts, session, target.id);
  const ctx = parts.ctxOf(locale, user, safetyNetShown);
  const started =
    hops >= MAX_HOPS
      ? { type: 'next' as const, state: MENU }
      : outcome.action && target.act
        ? await target.act(ctx, outcome.action)
        : await target.start(ctx, outcome.arg, resume);
  const next: Session = { locale, flow: target.id, ...MENU, ...(saved ? { saved } : {}) };
  const turn = await settle(parts, user, next, started, replies, hops + 1, safetyNetShown);
  return outcome.forgotten ? { ...turn, forgotten: true } : turn;
}

/** Keeps the progress of a flow left midway, and hands a flow being started the progress kept for it. */
export function handOver(
  parts: EngineParts,
  session: Session,
  targetId: string,
): { saved?: Session['saved']; resume?: FlowState } {
  const leaving = parts.flowOf(session.flow);
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

/** Starts a flow, with `arg` for its `start` (a deep link, the words typed at the menu). */
export function startFlow(
  parts: EngineParts,
  user: string,
  session: Session,
  flowId: string,
  say: readonly Reply[] = [],
  arg?: string,
): Promise<Turn> {
  const outcome: Outcome =
    arg === undefined ? { type: 'goto', flow: flowId } : { type: 'goto', flow: flowId, arg };
  return settle(parts, user, session, outcome, say);
}

/** Starts the flow that takes a standing action (officer or answer), typed all the way. */
export function startAction(
  parts: EngineParts,
  user: string,
  session: Session,
  action: StandingAction,
  say: readonly Reply[],
): Promise<Turn> {
  return settle(parts, user, session, { type: 'goto', flow: flowOfAction(action), action }, say);
}
