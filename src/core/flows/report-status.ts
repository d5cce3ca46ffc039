import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { t } from '../message.js';
import { AREA_LEVELS, REPORT_STATUSES, parseReportCode, type ReportStatusView } from '../report.js';
import { statusLines } from '../report-summary.js';
import type { FlowData } from '../session.js';
import { str } from './data.js';

/** Words a status question may start with: "cek R-7KQ4MX", "status R-7KQ4MX". */
const LEAD = /^\s*(cek|check|status|lacak)\b[\s:]*/i;

async function lookUp(ctx: FlowContext, text: string): Promise<Outcome> {
  const code = parseReportCode(text.replace(LEAD, ''));
  if (!code) return invalid(t('report.statusBadCode'));
  let view: ReportStatusView | undefined;
  try {
    view = await ctx.reports.status(code, ctx.user);
  } catch {
    return invalid(t('report.statusUnavailable'));
  }
  // Someone else's number reads exactly like a number that does not exist.
  if (!view) return invalid(t('report.statusNotFound', { code }));
  return next('shown', { ...view });
}

/** The stored view, read back defensively (sessions are untrusted input). */
function viewOf(data: FlowData): ReportStatusView | undefined {
  const status = REPORT_STATUSES.find((s) => s === str(data, 'status'));
  const level = AREA_LEVELS.find((l) => l === str(data, 'level'));
  const code = str(data, 'code');
  if (!status || !level || !code) return undefined;
  const outcome = str(data, 'outcome');
  return {
    code,
    status,
    level,
    village: str(data, 'village') ?? '',
    createdAt: str(data, 'createdAt') ?? '',
    updatedAt: str(data, 'updatedAt') ?? '',
    ...(outcome ? { outcome } : {}),
  };
}

/** "cek R-7KQ4MX": the status of a report, for the chat that filed it only. */
export const statusFlow: Flow = {
  id: 'status',
  start: async (ctx, arg) => {
    if (!arg) return next('ask');
    const found = await lookUp(ctx, arg);
    return found.type === 'invalid' ? next('ask', {}, [{ body: [found.reason] }]) : found;
  },
  prompt(ctx, state) {
    const view = state.step === 'shown' ? viewOf(state.data) : undefined;
    if (view) {
      return {
        title: t('report.statusTitle', { code: view.code }),
        body: statusLines(view, ctx.locale),
        choices: [{ id: 'another', label: t('report.statusAnother') }],
      };
    }
    return { title: t('report.statusAskTitle'), body: [t('report.statusAsk')] };
  },
  async handle(ctx, state, input) {
    if (state.step === 'shown') {
      return input.type === 'choice' ? next('ask') : goto('menu', { arg: input.text });
    }
    return input.type === 'text' ? lookUp(ctx, input.text) : invalid(t('report.statusAsk'));
  },
};
