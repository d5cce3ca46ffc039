import type { AgencyCheckLine, RepeatRecruiter } from '../repeat-recruiters.js';
import { html, query, type Html } from '../html.js';
import { wibTime } from '../locale.js';
import { page, pager, type PageContext } from './layout.js';

/** Report links shown per recruiter; the rest are one search away. */
export const CODES_SHOWN = 12;

/** Names, companies or phones listed per recruiter; a large group says how many more. */
export const VALUES_SHOWN = 8;

const few = (ctx: PageContext, values: readonly string[]): string =>
  values.length > VALUES_SHOWN
    ? `${values.slice(0, VALUES_SHOWN).join(', ')} ${ctx.t('desk.recruiters.andMore', { n: values.length - VALUES_SHOWN })}`
    : values.join(', ');

/** One page of the repeat-recruiter list. */
export interface RecruitersView {
  readonly groups: readonly RepeatRecruiter[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly villageName: (code: string) => string;
}

function standingLine(ctx: PageContext, line: AgencyCheckLine): Html {
  const s = line.standing;
  const agency = s.type === 'not-listed' ? undefined : s.agency;
  const text = ctx.t(`desk.recruiters.standing.${s.type}`, {
    asked: line.asked,
    name: agency?.name ?? '',
    licence: agency?.licence_no ?? '',
    until: agency?.licence_valid_until ?? '',
  });
  const bad = s.type !== 'licensed';
  return html`<li class="${bad ? 'late' : ''}">
    ${text}${agency?.example ? html` <span class="muted">${ctx.t('desk.recruiters.example')}</span>` : ''}
  </li>`;
}

function group(ctx: PageContext, v: RecruitersView, g: RepeatRecruiter): Html {
  const t = ctx.t;
  const search = g.shared[0]?.value ?? g.names[0] ?? '';
  const more = g.codes.length - CODES_SHOWN;
  return html`<section class="box">
    <h2>${few(ctx, g.names.length > 0 ? g.names : g.companies.length > 0 ? g.companies : g.phones)}</h2>
    <p>
      <strong>${t('desk.recruiters.reports', { n: g.codes.length, open: g.open })}</strong>
      <span class="muted">
        ·
        ${t('desk.recruiters.period', { first: wibTime(g.firstAt, ctx.locale), last: wibTime(g.lastAt, ctx.locale) })}
      </span>
    </p>
    <ul>
      ${g.shared.map((s) => html`<li>${t(`desk.recruiters.shared.${s.kind}`, { value: s.value, n: s.codes.length })}</li>`)}
      ${g.companies.length > 0 ? html`<li>${t('desk.recruiters.companies', { list: few(ctx, g.companies) })}</li>` : ''}
      ${g.phones.length > 0 ? html`<li>${t('desk.recruiters.phones', { list: few(ctx, g.phones) })}</li>` : ''}
      <li>${t('desk.recruiters.villages', { list: few(ctx, g.villages.map(v.villageName)) })}</li>
    </ul>
    ${
      g.agencies.length > 0
        ? html`<p><strong>${t('desk.recruiters.agencies')}</strong></p>
            <ul>
              ${g.agencies.slice(0, VALUES_SHOWN * 2).map((a) => standingLine(ctx, a))}
            </ul>`
        : ''
    }
    <p>
      ${g.codes.slice(0, CODES_SHOWN).map((c) => html`<a href="/desk/reports/${c}">${c}</a> `)}
      ${
        more > 0
          ? html`<a href="/desk/reports${query({ q: search })}">${t('desk.recruiters.more', { n: more })}</a>`
          : ''
      }
    </p>
  </section>`;
}

/**
 * Recruiters reported more than once in the officer's area: the same phone, company or name, linked
 * through each other, with what the agency list says of each company and agency phone.
 */
export function recruitersPage(ctx: PageContext, v: RecruitersView): Html {
  const t = ctx.t;
  return page(
    ctx,
    t('desk.recruiters.title'),
    html`<p>${t('desk.recruiters.intro')}</p>
      ${
        v.groups.length === 0
          ? html`<p class="msg">${t('desk.recruiters.none')}</p>`
          : html`<p>${t('desk.recruiters.count', { total: v.total, page: v.page, pages: v.pages })}</p>
              ${v.groups.map((g) => group(ctx, v, g))}`
      }
      ${pager(ctx, v.page, v.pages, (n) => `/desk/recruiters${query({ page: n > 1 ? n : undefined })}`)}`,
  );
}
