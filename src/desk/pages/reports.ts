import { AREA_LEVELS, REPORT_STATUSES, type VillageFinder } from '../../core/report.js';
import type { ReportPage } from '../../reports/report-query.js';
import type { ReportRecord } from '../../reports/report-record.js';
import { AGES, filterParams, type TableFilters } from '../filters.js';
import { html, query, type Html } from '../html.js';
import { wibTime } from '../locale.js';
import { page, pager, type PageContext } from './layout.js';

const option = (value: string, label: string, chosen: string | undefined) =>
  html`<option value="${value}" ${value === (chosen ?? '') ? 'selected' : ''}>${label}</option>`;

/** The filter form: GET, so a filtered list is a link an officer can keep or share with a colleague. */
function filterForm(ctx: PageContext, f: TableFilters): Html {
  const t = ctx.t;
  return html`<form method="get" action="/desk/reports" class="box filters">
    <div>
      <label for="f-status">${t('desk.filter.status')}</label>
      <select id="f-status" name="status">
        ${option('', t('desk.filter.any'), f.status)}${option('open', t('desk.filter.open'), f.status)}
        ${REPORT_STATUSES.map((s) => option(s, t(`desk.status.${s}`), f.status))}
      </select>
    </div>
    <div>
      <label for="f-level">${t('desk.filter.level')}</label>
      <select id="f-level" name="level">
        ${option('', t('desk.filter.any'), f.level)}
        ${AREA_LEVELS.map((l) => option(l, t(`report.level.${l}`), f.level))}
      </select>
    </div>
    <div>
      <label for="f-age">${t('desk.filter.age')}</label>
      <select id="f-age" name="age">
        ${option('', t('desk.filter.any'), f.age)}${AGES.map((a) => option(a, t(`desk.age.${a}`), f.age))}
      </select>
    </div>
    <div>
      <label for="f-area">${t('desk.filter.area')}</label>
      <input
        id="f-area"
        name="area"
        type="text"
        inputmode="decimal"
        placeholder="35.07.12"
        value="${f.area ?? ''}"
      />
    </div>
    <div>
      <label for="f-q">${t('desk.filter.words')}</label>
      <input id="f-q" name="q" type="search" maxlength="100" value="${f.words ?? ''}" />
    </div>
    <div>
      <label
        ><input type="checkbox" name="overdue" value="1" ${f.overdue ? 'checked' : ''} />
        ${t('desk.filter.overdue')}</label
      >
      <button type="submit">${t('desk.filter.apply')}</button>
    </div>
  </form>`;
}

function row(ctx: PageContext, villages: Pick<VillageFinder, 'byCode'>, r: ReportRecord): Html {
  const t = ctx.t;
  const who = [r.details.recruiter.name, r.details.recruiter.company]
    .filter((s) => s.trim() !== '')
    .join(' · ');
  return html`<tr>
    <td class="code"><a href="/desk/reports/${r.code}">${r.code}</a></td>
    <td data-label="${t('desk.reports.col.created')}">${wibTime(r.createdAt, ctx.locale)}</td>
    <td data-label="${t('desk.reports.col.village')}">
      ${villages.byCode(r.details.village)?.name ?? r.details.village}
    </td>
    <td data-label="${t('desk.reports.col.status')}">${t(`desk.status.${r.status}`)}</td>
    <td data-label="${t('desk.reports.col.recruiter')}">${who || '–'}</td>
  </tr>`;
}

/**
 * Exports of what the table shows, with the same filters (a GET form: buttons pick the format). The
 * reporter's contact is added only when ticked, and only where the reporter agreed and the role allows.
 */
function exportForm(ctx: PageContext, f: TableFilters): Html {
  const t = ctx.t;
  const hidden = Object.entries(filterParams(f)).map(([k, v]) =>
    v === undefined ? '' : html`<input type="hidden" name="${k}" value="${v}" />`,
  );
  const button = (format: string) =>
    html`<button type="submit" formaction="/desk/export/${format}">${t(`desk.export.${format}`)}</button> `;
  return html`<form method="get" action="/desk/export/csv" class="box">
    <strong>${t('desk.export.title')}</strong>
    ${hidden}
    <label><input type="checkbox" name="reporter" value="1" /> ${t('desk.export.reporter')}</label>
    ${button('csv')}${button('json')}${button('htcds')}
  </form>`;
}

/** The reports of the officer's area with filters and pages, newest first. */
export function reportsPage(
  ctx: PageContext,
  villages: Pick<VillageFinder, 'byCode'>,
  f: TableFilters,
  result: ReportPage,
): Html {
  const t = ctx.t;
  const link = (p: number) => `/desk/reports${query(filterParams(f, p))}`;
  return page(
    ctx,
    t('desk.reports.title'),
    html`${filterForm(ctx, f)}
      <p>${t('desk.reports.count', { total: result.total, page: result.page, pages: result.pages })}</p>
      ${
        result.reports.length === 0
          ? html`<p class="msg">${t('desk.reports.none')}</p>`
          : html`<div class="scroll">
              <table class="cards">
                <thead>
                  <tr>
                    <th>${t('desk.reports.col.code')}</th>
                    <th>${t('desk.reports.col.created')}</th>
                    <th>${t('desk.reports.col.village')}</th>
                    <th>${t('desk.reports.col.status')}</th>
                    <th>${t('desk.reports.col.recruiter')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${result.reports.map((r) => row(ctx, villages, r))}
                </tbody>
              </table>
            </div>`
      }
      ${pager(ctx, result.page, result.pages, link)} ${exportForm(ctx, f)}`,
  );
}
