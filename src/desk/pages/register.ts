import { LIST_FILTERS, type ListFilter } from '../../core/register.js';
import { formatDate } from '../../core/format.js';
import type { RegisterRecord } from '../../reports/register-store.js';
import { html, query, type Html } from '../html.js';
import { page, pager, type PageContext } from './layout.js';

/** One page of the register as the desk shows it. */
export interface RegisterView {
  readonly filter: ListFilter;
  readonly entries: readonly RegisterRecord[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly villageName: (code: string) => string;
}

const month = (ctx: PageContext, m: string | undefined) => (m ? formatDate(m, ctx.locale) : '–');

/**
 * Departures and returns the residents told their village of, read through the chat's own area check
 * (`entriesFor`). The contact way is not listed: it is in chat, entry by entry, as before.
 */
export function registerPage(ctx: PageContext, v: RegisterView): Html {
  const t = ctx.t;
  const link = (filter: ListFilter, p = 1) =>
    `/desk/register${query({ filter: filter === 'all' ? undefined : filter, page: p > 1 ? p : undefined })}`;
  return page(
    ctx,
    t('register.list.titlePlain'),
    html`<p>
        ${LIST_FILTERS.map((f) =>
          f === v.filter
            ? html`<strong>${t(`register.filter.${f}`)}</strong> `
            : html`<a href="${link(f)}">${t(`register.filter.${f}`)}</a> `,
        )}
      </p>
      <p>${t('desk.register.count', { total: v.total, page: v.page, pages: v.pages })}</p>
      ${
        v.entries.length === 0
          ? html`<p class="msg">${t('register.list.empty', { filter: t(`register.filter.${v.filter}`) })}</p>`
          : html`<div class="scroll">
              <table class="cards">
                <thead>
                  <tr>
                    <th>${t('desk.register.col.who')}</th>
                    <th>${t('desk.register.col.village')}</th>
                    <th>${t('desk.register.col.country')}</th>
                    <th>${t('desk.register.col.agency')}</th>
                    <th>${t('desk.register.col.departed')}</th>
                    <th>${t('desk.register.col.contractEnd')}</th>
                    <th>${t('desk.register.col.returned')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.entries.map(
                    (e) =>
                      html`<tr>
                        <td class="code">${e.who}</td>
                        <td data-label="${t('desk.register.col.village')}">${v.villageName(e.village)}</td>
                        <td data-label="${t('desk.register.col.country')}">${e.departure?.country ?? '–'}</td>
                        <td data-label="${t('desk.register.col.agency')}">${e.departure?.agency || '–'}</td>
                        <td data-label="${t('desk.register.col.departed')}">
                          ${month(ctx, e.departure?.departed)}
                        </td>
                        <td data-label="${t('desk.register.col.contractEnd')}">
                          ${month(ctx, e.departure?.contractEnd)}
                        </td>
                        <td data-label="${t('desk.register.col.returned')}">
                          ${
                            e.return
                              ? html`${month(ctx, e.return.returned)} ·
                                ${t(`register.route.${e.return.route}`)}`
                              : '–'
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${pager(ctx, v.page, v.pages, (n) => link(v.filter, n))}`,
  );
}
