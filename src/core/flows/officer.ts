import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { t, type Choice, type Reply, type Text } from '../message.js';
import { OUTCOMES, type ActionResult, type OfficerAction } from '../officer.js';
import { ACTION_TEXT_LIMIT, type StandingAction } from '../report-actions.js';
import type { FlowData } from '../session.js';
import { num, str, strings } from './data.js';
import { reportBody } from './officer-view.js';

const MAX_NOTE = ACTION_TEXT_LIMIT;
const SKIP: Choice = { id: 'skip', label: t('report.skip') };
const HOME: Choice = { id: 'home', label: t('officer.homeChoice') };

const say = (...texts: Text[]): Reply[] => [{ body: texts }];

/** What an action came to, in words for the officer. */
function resultText(r: ActionResult): Text {
  switch (r.type) {
    case 'done':
      return t('officer.done', { code: r.code });
    case 'taken':
      return t('officer.taken', { code: r.code, name: r.by });
    case 'already':
      return t('officer.already', { code: r.code });
    case 'not-owner':
      return t('officer.notOwner', { code: r.code, name: r.by });
    case 'resolved-as':
      return t('officer.resolvedAs', {
        code: r.code,
        name: r.by,
        outcome: t(`report.outcome.${r.outcome}`),
      });
    case 'refused':
      return t(`officer.refused.${r.reason}`, { code: r.code });
  }
}

/**
 * The report page keeps only the report's code: the report is read from the store each time the page is
 * shown, so no copy of it (or of a consenting reporter's address) sits in the officer's session, where
 * "delete my data" and retention would not reach it.
 */
const reportPage = (code: string, said: Text[] = []): Outcome =>
  next('report', { c: code }, said.length > 0 ? say(...said) : []);

async function act(ctx: FlowContext, action: OfficerAction): Promise<Outcome> {
  const result = await ctx.officers.act(ctx.user, action);
  if (result.type === 'refused') return goto('menu', { say: say(resultText(result)) });
  return reportPage(action.code, [resultText(result)]);
}

/** Opens one report for the officer, or says it cannot be shown (not theirs, not found). */
async function show(ctx: FlowContext, code: string, said: Text[] = []): Promise<Outcome> {
  if (!(await ctx.officers.view(ctx.user, code)))
    return goto('menu', { say: say(...said, t('officer.refused.not-found', { code })) });
  return reportPage(code, said);
}

/** The report page: the report as the officer may see it now, and what they may do with it. */
async function reportPrompt(ctx: FlowContext, code: string): Promise<Reply> {
  const view = await ctx.officers.view(ctx.user, code);
  // Out of their reach since the page was opened (revoked, or the report went elsewhere).
  if (!view)
    return {
      title: t('officer.reportTitle', { code }),
      body: [t('officer.refused.not-found', { code })],
      choices: [HOME],
    };
  const closed = view.status === 'resolved' || view.status === 'failed';
  const choices: Choice[] = [];
  if (!closed && view.status !== 'acknowledged') choices.push({ id: 'ack', label: t('officer.action.ack') });
  if (!closed) choices.push({ id: 'resolve', label: t('officer.action.resolve') });
  choices.push({ id: 'note', label: t('officer.action.note') });
  if (view.contact !== 'none' && !closed) choices.push({ id: 'ask', label: t('officer.action.ask') });
  choices.push(HOME);
  return { title: t('officer.reportTitle', { code }), body: reportBody(view, ctx.locale), choices };
}

/** The officer's own page: their area and its open reports. */
async function home(ctx: FlowContext, said: Text[] = []): Promise<Outcome> {
  const self = await ctx.officers.whoAmI(ctx.user);
  if (!self) return goto('menu', { say: say(...said, t('officer.notOfficer')) });
  const open = await ctx.officers.open(ctx.user);
  const reviews = self.role === 'district' || self.role === 'province';
  const proposals = reviews && ctx.officers.warnings ? await ctx.officers.warnings.proposals(ctx.user) : [];
  return next(
    'home',
    {
      a: self.areaName,
      r: self.role,
      l: open.map((o) => o.code),
      s: open.map((o) => `${o.code} · ${o.village}`),
      p: proposals.length,
    },
    said.length > 0 ? say(...said) : [],
  );
}

/** Asks for the text of a note, a question or a resolution note, after checking the report is theirs. */
async function askText(ctx: FlowContext, step: string, code: string, extra: FlowData = {}): Promise<Outcome> {
  const view = await ctx.officers.view(ctx.user, code);
  if (!view) return goto('menu', { say: say(t('officer.refused.not-found', { code })) });
  if (step === 'question' && view.contact === 'none')
    return show(ctx, code, [t('officer.refused.no-consent', { code })]);
  return next(step, { c: code, ...extra });
}

/** Where a standing action leads: joining, the officer's page, one report, or an action on it. */
async function enter(ctx: FlowContext, action: StandingAction): Promise<Outcome> {
  switch (action.type) {
    case 'join': {
      const joined = await ctx.officers.join(ctx.user, action.invite, ctx.locale);
      if (joined.type !== 'joined') return goto('menu', { say: say(t(`officer.join.${joined.type}`)) });
      const o = joined.officer;
      return home(ctx, [
        t('officer.join.joined', { role: t(`report.level.${o.role}`), area: o.areaName || '-' }),
      ]);
    }
    // The answer flow takes the reporter's answers; one reaching here is shown the officer's page.
    case 'home':
    case 'answer':
      return home(ctx);
    case 'ack':
      return act(ctx, { type: 'ack', code: action.code });
    case 'resolve':
      return askText(ctx, 'outcome', action.code);
    case 'note':
      return action.text
        ? act(ctx, { type: 'note', code: action.code, note: action.text })
        : askText(ctx, 'note', action.code);
    case 'ask':
      return action.text
        ? act(ctx, { type: 'ask', code: action.code, question: action.text })
        : askText(ctx, 'question', action.code);
    case 'show':
      return show(ctx, action.code);
  }
}

/** The action a choice of the report page stands for (its ids are the action types). */
function pageAction(id: string, code: string): StandingAction | undefined {
  switch (id) {
    case 'ack':
    case 'resolve':
      return { type: id, code };
    case 'note':
    case 'ask':
      return { type: id, code, text: '' };
    default:
      return undefined;
  }
}

/** The home page's warning choices: write one (or propose it, from a village), proposals waiting. */
function warningChoices(ctx: FlowContext, d: FlowData): Choice[] {
  const role = str(d, 'r');
  if (!ctx.officers.warnings || role === 'admin') return [];
  const waiting = num(d, 'p') ?? 0;
  return [
    { id: 'warn', label: t(role === 'village' ? 'warning.proposeChoice' : 'warning.writeChoice') },
    ...(waiting > 0 ? [{ id: 'proposals', label: t('warning.proposalsChoice', { n: waiting }) }] : []),
  ];
}

/**
 * Officers: join with an invite code, their open reports, one report with its history, and the actions
 * (take, resolve with an outcome, note, ask the reporter). The desk checks every action on the server.
 */
export const officerFlow: Flow = {
  id: 'officer',
  start: (ctx) => home(ctx),
  act: enter,
  prompt(ctx, state) {
    const d = state.data;
    const code = str(d, 'c') ?? '';
    switch (state.step) {
      case 'report':
        return reportPrompt(ctx, code);
      case 'outcome':
        return {
          title: t('officer.resolveTitle', { code }),
          body: [t('officer.outcomeAsk')],
          choices: OUTCOMES.map((o) => ({ id: o, label: t(`report.outcome.${o}`) })),
        };
      case 'resolveNote':
        return {
          title: t('officer.resolveTitle', { code }),
          body: [t('officer.resolveNoteAsk')],
          choices: [SKIP],
        };
      case 'note':
        return { title: t('officer.noteTitle', { code }), body: [t('officer.noteAsk', { max: MAX_NOTE })] };
      case 'question':
        return {
          title: t('officer.questionTitle', { code }),
          body: [t('officer.questionAsk', { max: MAX_NOTE })],
        };
      default: {
        const summaries = strings(d, 's');
        return {
          title: t('officer.homeTitle', { area: str(d, 'a') ?? '' }),
          body: [
            summaries.length > 0 ? t('officer.openList', { n: summaries.length }) : t('officer.noneOpen'),
          ],
          choices: [
            ...summaries.map((s, i) => ({ id: `r${String(i)}`, label: { literal: s } })),
            ...warningChoices(ctx, d),
          ],
        };
      }
    }
  },
  async handle(ctx, state, input) {
    const d = state.data;
    const code = str(d, 'c') ?? '';
    switch (state.step) {
      case 'report': {
        if (input.type !== 'choice') return goto('menu', { arg: input.text });
        const action = pageAction(input.id, code);
        return action ? enter(ctx, action) : home(ctx);
      }
      case 'outcome':
        return input.type === 'choice'
          ? next('resolveNote', { ...d, o: input.id })
          : invalid(t('engine.pickNumber'));
      case 'resolveNote': {
        const outcome = OUTCOMES.find((o) => o === str(d, 'o'));
        if (!outcome) return next('outcome', d);
        const note = input.type === 'text' ? input.text.slice(0, MAX_NOTE) : '';
        return act(ctx, { type: 'resolve', code, outcome, note });
      }
      case 'note':
      case 'question': {
        if (input.type !== 'text') return invalid(t('officer.noteAsk', { max: MAX_NOTE }));
        if (input.text.length > MAX_NOTE) return invalid(t('report.tooLong', { max: MAX_NOTE }));
        return state.step === 'note'
          ? act(ctx, { type: 'note', code, note: input.text })
          : act(ctx, { type: 'ask', code, question: input.text });
      }
      default: {
        if (input.type !== 'choice') return goto('menu', { arg: input.text });
        if (input.id === 'warn') return goto('warning');
        if (input.id === 'proposals') return goto('warning', { arg: 'proposals' });
        const picked = strings(d, 'l')[Number(input.id.slice(1))];
        return picked ? show(ctx, picked) : home(ctx);
      }
    }
  },
};
