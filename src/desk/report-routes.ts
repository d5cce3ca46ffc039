import type { OfficerAction, Outcome } from '../core/officer.js';
import { OUTCOMES } from '../core/officer.js';
import type { Translator } from '../core/ports.js';
import type { DeskParts, OfficerRequest } from './context.js';
import { redirect, sendHtml } from './http.js';
import { badRequestPage, notFoundPage } from './pages/errors.js';
import { outcomeOf, reportPage } from './pages/report.js';
import { reporterAllowed } from '../reports/report-export.js';

/** The action a report page's form asks for, or undefined when it names none the desk knows. */
export function actionOf(code: string, form: URLSearchParams): OfficerAction | undefined {
  const text = (form.get('text') ?? '').trim();
  switch (form.get('action')) {
    case 'ack':
      return { type: 'ack', code };
    case 'note':
      return { type: 'note', code, note: text };
    case 'ask':
      return { type: 'ask', code, question: text };
    case 'resolve': {
      const outcome = OUTCOMES.find((o): o is Outcome => o === form.get('outcome'));
      return outcome ? { type: 'resolve', code, outcome, note: text } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A report's page and its actions. Both go through the chat's officer desk with the officer's own
 * chat address: the same authorisation (area, bypassed village, active officer), the same history,
 * the same messages to the reporter and the other officers. Another area's report is a 404.
 */
export function createReportRoutes(parts: DeskParts, translator: Translator) {
  return {
    async show(r: OfficerRequest, code: string): Promise<void> {
      const view = await parts.officerDesk.view(r.officer.address, code);
      await r.audit('view-report', view ? 'ok' : 'not-found', code.slice(0, 12));
      if (!view) return sendHtml(r.res, 404, notFoundPage(r.page));
      // A consenting reporter's address only for whom the export would give it (role and level).
      const record = view.reporterAddress ? await parts.store.get(code) : undefined;
      const showReporter = record !== undefined && reporterAllowed(r.officer, record);
      const outcome = r.url.searchParams.get('r') ?? undefined;
      const page = reportPage(r.page, translator, view, {
        csrf: r.session.csrf,
        showReporter,
        ...(outcome ? { outcome: outcome.slice(0, 40) } : {}),
      });
      sendHtml(r.res, 200, page);
    },

    /** Runs the action (the form's token was checked by the router), then shows the report again. */
    async act(r: OfficerRequest, code: string, form: URLSearchParams): Promise<void> {
      const action = actionOf(code, form);
      if (!action) {
        await r.audit('act', 'invalid', code.slice(0, 12));
        return sendHtml(r.res, 400, badRequestPage(r.page));
      }
      const result = await parts.officerDesk.act(r.officer.address, action);
      const outcome = outcomeOf(result);
      await r.audit(`act-${action.type}`, outcome, code.slice(0, 12));
      if (result.type === 'refused' && result.reason === 'not-found')
        return sendHtml(r.res, 404, notFoundPage(r.page));
      redirect(r.res, `/desk/reports/${encodeURIComponent(code)}?r=${encodeURIComponent(outcome)}`);
    },
  };
}
