import type { AreaLevel } from '../../core/report.js';
import type { AreaCount, AreaOverview, MedianTime } from '../../reports/area-overview.js';
import { html, query, type Html } from '../html.js';
import type { T } from '../locale.js';
import { dailyChart } from './chart.js';
import { page, type PageContext } from './layout.js';

/** "35 menit", "5,5 jam", "3,2 hari": a median as officers read it. */
export function duration(t: T, locale: string, ms: number): string {
  const one = (n: number) =>
    n.toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 });
  const minutes = ms / 60_000;
  if (minutes < 60) return t('desk.duration.minutes', { n: Math.max(0, Math.round(minutes)) });
  const hours = minutes / 60;
  if (hours < 48) return t('desk.duration.hours', { n: one(hours) });
  return t('desk.duration.days', { n: one(hours / 24) });
}

const medianText = (ctx: PageContext, m: MedianTime): string =>
  m.medianMs === undefined ? '–' : duration(ctx.t, ctx.locale, m.medianMs);

const reportsLink = (params: Record<string, string>) => `/desk/reports${query(params)}`;

/** Rows per area table: the busiest first, so a province's page stays small (the rest: the reports table). */
export const AREA_ROWS = 60;

const busiestFirst = (a: AreaCount, b: AreaCount) =>
  b.overdue - a.overdue || b.open - a.open || b.all - a.all || (a.code < b.code ? -1 : 1);

function areaTable(ctx: PageContext, title: string, all: readonly AreaCount[]): Html | '' {
  if (all.length === 0) return '';
  const t = ctx.t;
  const rows = [...all].sort(busiestFirst).slice(0, AREA_ROWS);
  return html`<h2>${title}</h2>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>${t('desk.overview.col.area')}</th>
            <th class="n">${t('desk.overview.col.all')}</th>
            <th class="n">${t('desk.overview.col.open')}</th>
            <th class="n">${t('desk.overview.col.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (a) =>
              html`<tr>
                <td>${a.name || a.code} <span class="muted">${a.code}</span></td>
                <td class="n"><a href="${reportsLink({ area: a.code })}">${a.all}</a></td>
                <td class="n"><a href="${reportsLink({ area: a.code, status: 'open' })}">${a.open}</a></td>
                <td class="n">
                  ${
                    a.overdue > 0
                      ? html`<a class="late" href="${reportsLink({ area: a.code, overdue: '1' })}"
                          >${a.overdue}</a
                        >`
                      : '0'
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${all.length > rows.length ? html`<p class="muted">${t('desk.overview.more', { n: all.length - rows.length })}</p>` : ''}`;
}

/**
 * The area at a glance: open, overdue, medians, the last 30 days, and counts by district, sub-district
 * and village, each count a link to the reports behind it. The numbers are `reports stats`'.
 */
export function overviewPage(ctx: PageContext, role: AreaLevel, o: AreaOverview): Html {
  const t = ctx.t;
  const hours = Math.round(o.escalateAfterMs / 3_600_000);
  const wide = role === 'admin' || role === 'province';
  return page(
    ctx,
    t('desk.overview.title'),
    html`<div class="nums">
        <div class="box">
          <b><a href="${reportsLink({ status: 'open' })}">${o.open}</a></b
          >${t('desk.overview.open')}
        </div>
        <div class="box">
          <b
            ><a class="${o.overdue > 0 ? 'late' : ''}" href="${reportsLink({ overdue: '1' })}"
              >${o.overdue}</a
            ></b
          >
          ${t('desk.overview.overdue', { hours })}
        </div>
        <div class="box">
          <b>${medianText(ctx, o.acknowledge)}</b>${t('desk.overview.medianAck', { n: o.acknowledge.count })}
        </div>
        <div class="box">
          <b>${medianText(ctx, o.resolve)}</b>${t('desk.overview.medianResolve', { n: o.resolve.count })}
        </div>
        <div class="box">
          <b><a href="/desk/reports">${o.total}</a></b
          >${t('desk.overview.total')}
        </div>
      </div>
      <h2>${t('desk.overview.chartTitle', { days: o.daily.length })}</h2>
      <div class="box">${dailyChart(t, o.daily)}</div>
      ${wide ? areaTable(ctx, t('desk.overview.districts'), o.districts) : ''}
      ${role === 'village' ? '' : areaTable(ctx, t('desk.overview.subDistricts'), o.subDistricts)}
      ${areaTable(ctx, t('desk.overview.villages'), o.villages)}`,
  );
}
