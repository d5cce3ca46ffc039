import type { Broadcast, BroadcastStatus } from '../../broadcasts/broadcast.js';
import { html, query, type Html } from '../html.js';
import { wibTime } from '../locale.js';
import { page, pager, type PageContext } from './layout.js';

/** A warning's text is shown up to this many characters (the whole of it is in chat). */
export const TEXT_SHOWN = 160;

/** One page of the broadcasts an officer may see, with where each stands. */
export interface BroadcastsView {
  readonly rows: readonly { readonly broadcast: Broadcast; readonly status: BroadcastStatus }[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  /** Every broadcast (an admin) or the warnings to the officer's area. */
  readonly all: boolean;
  /** Only this many of the newest broadcasts were looked through. */
  readonly scanned?: number;
}

function what(ctx: PageContext, b: Broadcast): Html {
  const t = ctx.t;
  if (b.body.kind === 'text') {
    const text = b.body.texts.id;
    const shown = text.length > TEXT_SHOWN ? `${text.slice(0, TEXT_SHOWN)}…` : text;
    const area = b.audience.type === 'warnings' ? (b.body.from ?? b.audience.district) : '';
    return html`<strong>${t('desk.broadcasts.kind.warning', { area })}</strong><br />${shown}`;
  }
  if (b.body.kind === 'jobs') {
    const countries = b.audience.type === 'jobs' ? b.audience.countries.join(', ').toUpperCase() : '';
    return html`<strong>${t('desk.broadcasts.kind.jobs', { n: b.body.jobs.length, countries })}</strong>`;
  }
  return html`<strong>${t('desk.broadcasts.kind.digest', { bucket: b.body.bucket })}</strong>`;
}

function state(ctx: PageContext, s: BroadcastStatus): string {
  if (s.total === undefined) return ctx.t('desk.broadcasts.state.waiting');
  return (s.pending ?? 0) + s.sending > 0
    ? ctx.t('desk.broadcasts.state.running')
    : ctx.t('desk.broadcasts.state.done');
}

function row(ctx: PageContext, b: Broadcast, s: BroadcastStatus): Html {
  const t = ctx.t;
  const cell = (key: string, n: number | string) =>
    html`<td class="n" data-label="${t(`desk.broadcasts.col.${key}`)}">${n}</td>`;
  const notes = [
    s.resent > 0 ? t('desk.broadcasts.resent', { n: s.resent }) : '',
    s.deferred > 0 ? t('desk.broadcasts.deferred', { n: s.deferred }) : '',
  ].filter((x) => x !== '');
  return html`<tr>
    <td class="code">${wibTime(s.createdAt, ctx.locale)}<br /><span class="muted">${state(ctx, s)}</span></td>
    <td data-label="${t('desk.broadcasts.col.what')}">
      ${what(ctx, b)}${notes.length > 0 ? html`<br /><span class="muted">${notes.join(' · ')}</span>` : ''}
    </td>
    ${cell('recipients', s.total ?? '–')} ${cell('sent', s.sent)} ${cell('skipped', s.skipped)}
    ${cell('blocked', s.blocked)} ${cell('failed', s.failed)}
    ${cell('pending', s.total === undefined ? '–' : (s.pending ?? 0) + s.sending)}
  </tr>`;
}

/**
 * The broadcasts of the officer's area and how far each has got: sent, skipped (stopped or changed
 * their alerts since), blocked the bot, failed (given up after the last try), waiting to be sent.
 * The numbers are `broadcasts status`' (RedisBroadcastStore.statuses).
 */
export function broadcastsPage(ctx: PageContext, v: BroadcastsView): Html {
  const t = ctx.t;
  return page(
    ctx,
    t('desk.broadcasts.title'),
    html`<p>${t(v.all ? 'desk.broadcasts.introAll' : 'desk.broadcasts.intro')}</p>
      ${
        v.rows.length === 0
          ? html`<p class="msg">${t('desk.broadcasts.none')}</p>`
          : html`<p>${t('desk.broadcasts.count', { total: v.total, page: v.page, pages: v.pages })}</p>
              <div class="scroll">
                <table class="cards">
                  <thead>
                    <tr>
                      <th>${t('desk.broadcasts.col.when')}</th>
                      <th>${t('desk.broadcasts.col.what')}</th>
                      <th class="n">${t('desk.broadcasts.col.recipients')}</th>
                      <th class="n">${t('desk.broadcasts.col.sent')}</th>
                      <th class="n">${t('desk.broadcasts.col.skipped')}</th>
                      <th class="n">${t('desk.broadcasts.col.blocked')}</th>
                      <th class="n">${t('desk.broadcasts.col.failed')}</th>
                      <th class="n">${t('desk.broadcasts.col.pending')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.rows.map((r) => row(ctx, r.broadcast, r.status))}
                  </tbody>
                </table>
              </div>`
      }
      ${v.scanned ? html`<p class="muted">${t('desk.broadcasts.scanned', { n: v.scanned })}</p>` : ''}
      ${pager(ctx, v.page, v.pages, (n) => `/desk/broadcasts${query({ page: n > 1 ? n : undefined })}`)}`,
  );
}
