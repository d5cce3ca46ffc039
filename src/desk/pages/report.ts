import { OUTCOMES, type ActionResult, type HistoryLine, type OfficerReportView } from '../../core/officer.js';
import type { Translator } from '../../core/ports.js';
import { renderText } from '../../core/render.js';
import { ACTION_TEXT_LIMIT } from '../../core/report-actions.js';
import { detailLines } from '../../core/report-summary.js';
import { FINISHED, OPEN, TAKEABLE } from '../../reports/statuses.js';
import { html, type Html } from '../html.js';
import { wibTime, type T } from '../locale.js';
import { csrfField, notice, page, type PageContext } from './layout.js';

/** History entries shown (the newest): a long-running report's page stays small; `reports show` has all. */
export const HISTORY_SHOWN = 100;

/** How an action ended, as the report page says it after the redirect (`?r=taken`). */
export type ActionOutcome = ActionResult['type'] | `refused-${string}`;

export const outcomeOf = (result: ActionResult): ActionOutcome =>
  result.type === 'refused' ? `refused-${result.reason}` : result.type;

function outcomeNotice(t: T, view: OfficerReportView, outcome: string | undefined): Html | '' {
  const params = {
    code: view.code,
    name: view.owner ?? '-',
    outcome: view.outcome ? t(`report.outcome.${view.outcome}`) : '-',
  };
  switch (outcome) {
    case undefined:
      return '';
    case 'done':
      return notice(t('officer.done', params));
    case 'already':
      return notice(t('officer.already', params));
    case 'taken':
      return notice(t('officer.taken', params), true);
    case 'not-owner':
      return notice(t('officer.notOwner', params), true);
    case 'resolved-as':
      return notice(t('officer.resolvedAs', params), true);
    default: {
      const reason = outcome.startsWith('refused-') ? outcome.slice('refused-'.length) : 'invalid';
      const known = ['not-officer', 'not-found', 'closed', 'no-consent', 'invalid'];
      return notice(t(`officer.refused.${known.includes(reason) ? reason : 'invalid'}`, params), true);
    }
  }
}

function historyItem(ctx: PageContext, h: HistoryLine): Html {
  const what = ctx.t(`officer.event.${h.type}`, {
    who: h.who ?? '',
    level: h.level ? ctx.t(`report.level.${h.level}`) : '',
  });
  return html`<li>
    <span class="muted">${wibTime(h.at, ctx.locale)}</span> · ${what}${h.note ? html`: <q>${h.note}</q>` : ''}
  </li>`;
}

const textForm = (ctx: PageContext, csrf: string, action: 'note' | 'ask', label: string, button: string) =>
  html`<form method="post" class="box">
    ${csrfField(csrf)}<input type="hidden" name="action" value="${action}" />
    <label for="${action}-text">${label}</label>
    <textarea id="${action}-text" name="text" rows="3" maxlength="${ACTION_TEXT_LIMIT}" required></textarea>
    <button type="submit">${button}</button>
  </form>`;

/** The forms of the actions this report allows now: take, note, ask the reporter, resolve. */
function actions(ctx: PageContext, view: OfficerReportView, csrf: string): Html {
  const t = ctx.t;
  const take = TAKEABLE.includes(view.status)
    ? html`<form method="post" class="box">
        ${csrfField(csrf)}<input type="hidden" name="action" value="ack" />
        <button type="submit">${t('officer.action.ack')}</button>
      </form>`
    : '';
  const ask =
    view.contact !== 'none' && !FINISHED.includes(view.status)
      ? textForm(ctx, csrf, 'ask', t('desk.report.askLabel'), t('officer.action.ask'))
      : html`<p class="muted">${t(`desk.report.${view.contact === 'none' ? 'noAsk' : 'closedAsk'}`)}</p>`;
  const resolve = OPEN.includes(view.status)
    ? html`<form method="post" class="box">
        ${csrfField(csrf)}<input type="hidden" name="action" value="resolve" />
        <label for="outcome">${t('officer.outcomeAsk')}</label>
        <select id="outcome" name="outcome" required>
          ${OUTCOMES.map((o) => html`<option value="${o}">${t(`report.outcome.${o}`)}</option>`)}
        </select>
        <label for="resolve-text">${t('desk.report.resolveNote')}</label>
        <textarea id="resolve-text" name="text" rows="2" maxlength="${ACTION_TEXT_LIMIT}"></textarea>
        <button type="submit">${t('officer.action.resolve')}</button>
      </form>`
    : '';
  return html`${take}${textForm(ctx, csrf, 'note', t('desk.report.noteLabel'), t('officer.action.note'))}${ask}${resolve}`;
}

/**
 * One report as its officers read it in chat (the same view, authorised the same way), with the whole
 * history and the actions. The reporter's address shows only when they agreed to direct contact and
 * `showReporter` (the officer's role may have it: `reporterAllowed`, as in the exports).
 */
export function reportPage(
  ctx: PageContext,
  translator: Translator,
  view: OfficerReportView,
  opts: { readonly csrf: string; readonly showReporter: boolean; readonly outcome?: string },
): Html {
  const t = ctx.t;
  const status = t(`officer.status.${view.status}`, {
    who: view.owner ?? '',
    level: t(`report.level.${view.level}`),
  });
  const reporter =
    view.contact === 'direct' && view.reporterAddress && opts.showReporter
      ? t('report.alert.contactOther', { address: view.reporterAddress })
      : t(`report.alert.reporter.${view.contact}`);
  const details = detailLines(view.details, view.village).map((line) =>
    renderText(translator, ctx.locale, line),
  );
  return page(
    ctx,
    t('desk.report.title', { code: view.code }),
    html`${outcomeNotice(t, view, opts.outcome)}
      <div class="box">
        <p><strong>${status}</strong></p>
        ${
          view.outcome
            ? html`<p>${t('report.outcomeLine', { outcome: t(`report.outcome.${view.outcome}`) })}</p>`
            : ''
        }
        <p class="muted">${t('desk.report.created', { at: wibTime(view.createdAt, ctx.locale) })}</p>
        <ul>
          ${details.map((d) => html`<li>${d}</li>`)}
        </ul>
        <p>${reporter}</p>
      </div>
      <h2>${t('desk.report.actions')}</h2>
      ${actions(ctx, view, opts.csrf)}
      <h2>${t('desk.report.history')}</h2>
      ${
        view.history.length > HISTORY_SHOWN
          ? html`<p class="muted">${t('desk.report.earlier', { n: view.history.length - HISTORY_SHOWN })}</p>`
          : ''
      }
      <ol class="history">
        ${view.history.slice(-HISTORY_SHOWN).map((h) => historyItem(ctx, h))}
      </ol>
      <p><a href="/desk/reports">${t('desk.report.back')}</a></p>`,
  );
}
