import { CSRF_FIELD } from '../csrf.js';
import { html, query, raw, type Html, type Part } from '../html.js';
import type { DeskLocale, T } from '../locale.js';

/** Who is signed in, as the header shows it. */
export interface SignedIn {
  readonly name: string;
  /** "petugas kabupaten Kabupaten Malang". */
  readonly scope: string;
  /** The session's form token. */
  readonly csrf: string;
}

/** What every page knows: the language, the path (for the language switch) and who is signed in. */
export interface PageContext {
  readonly t: T;
  readonly locale: DeskLocale;
  /** Path and query of this page. */
  readonly here: string;
  readonly signedIn?: SignedIn;
}

/** Inline, small, phone first (360 px): no external file, no script. */
const STYLE = raw(`
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f6f3}
header{background:#0b4f6c;color:#fff;padding:.5rem .75rem}
header a,header button{color:#fff}
header .who{color:#dfeef4;font-size:.9rem}
header .top{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;justify-content:space-between}
nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem;margin-top:.35rem}
nav a{font-weight:600}
main{padding:.75rem;max-width:64rem;margin:0 auto}
h1{font-size:1.3rem;margin:.25rem 0 .75rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
a{color:#0b4f6c}
.muted{color:#555;font-size:.9rem}
.box{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem;margin:.5rem 0}
.nums{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem}
.nums .box{margin:0}.nums b{display:block;font-size:1.5rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}
th,td{text-align:left;padding:.3rem .35rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
th{font-size:.8rem}td:first-child{overflow-wrap:anywhere}
.code{white-space:nowrap;font-weight:600}
@media (max-width:40rem){table.cards thead{display:none}table.cards tr{display:block;border-bottom:1px solid #ccc;padding:.35rem 0}table.cards td{display:inline;border:0;padding:0 .5rem 0 0}table.cards td:before{content:attr(data-label) ": ";color:#555;font-size:.85rem}table.cards td.code:before{content:""}}
td.n,th.n{text-align:right}
form.inline{display:inline}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input,select,textarea,button{font:inherit;max-width:100%}
input[type=text],input[type=search],input[type=number],select,textarea{width:100%;padding:.4rem;border:1px solid #999;border-radius:4px;background:#fff}
button{padding:.45rem .9rem;border:0;border-radius:4px;background:#0b4f6c;color:#fff;cursor:pointer;margin-top:.5rem}
button.link{background:none;padding:0;margin:0;text-decoration:underline}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:0 .6rem}
.msg{border-left:4px solid #0b4f6c;background:#e9f3f7;padding:.5rem .75rem;margin:.5rem 0}
.warn{border-left-color:#a33;background:#fbeaea}
.pager{display:flex;justify-content:space-between;margin:.75rem 0}
ol.history{padding-left:1.2rem}ol.history li{margin:.3rem 0}
.late{color:#a33;font-weight:600}
svg{max-width:100%;height:auto}
`);

/** The language switch: the other language, back to this page. */
function switchLanguage(ctx: PageContext): Html {
  const other: DeskLocale = ctx.locale === 'id' ? 'en' : 'id';
  return html`<a href="/desk/lang${query({ to: other, back: ctx.here })}" lang="${other}"
    >${ctx.t(`desk.lang.${other}`)}</a
  >`;
}

function top(ctx: PageContext): Html {
  const s = ctx.signedIn;
  return html`<header>
    <div class="top">
      <strong>${ctx.t('desk.title')}</strong>
      <span>${switchLanguage(ctx)}</span>
    </div>
    ${
      s
        ? html`<div class="who">${s.name} · ${s.scope}</div>
            <nav>
              <a href="/desk">${ctx.t('desk.nav.overview')}</a>
              <a href="/desk/reports">${ctx.t('desk.nav.reports')}</a>
              <a href="/desk/recruiters">${ctx.t('desk.nav.recruiters')}</a>
              <a href="/desk/register">${ctx.t('desk.nav.register')}</a>
              <a href="/desk/broadcasts">${ctx.t('desk.nav.broadcasts')}</a>
              <form class="inline" method="post" action="/desk/sign-out">
                ${csrfField(s.csrf)}<button class="link" type="submit">${ctx.t('desk.nav.signOut')}</button>
              </form>
            </nav>`
        : ''
    }
  </header>`;
}

/** The hidden form token every desk form carries. */
export const csrfField = (token: string): Html =>
  html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;

/** A whole page: header with navigation and language switch, then `body`. */
export function page(ctx: PageContext, title: string, body: Part): Html {
  return html`<html lang="${ctx.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>${title} · ${ctx.t('desk.title')}</title>
      <style>
        ${STYLE}
      </style>
    </head>
    <body>
      ${top(ctx)}
      <main>
        <h1>${title}</h1>
        ${body}
      </main>
    </body>
  </html>`;
}

/** A short message above a page's content (`warn` for what went wrong). */
export const notice = (text: string, warn = false): Html =>
  html`<p class="${warn ? 'msg warn' : 'msg'}" role="status">${text}</p>`;

/** Previous and next links of a paged list; `link(n)` is the address of page n. */
export function pager(ctx: PageContext, at: number, pages: number, link: (n: number) => string): Html {
  return html`<div class="pager">
    <span>${at > 1 ? html`<a href="${link(at - 1)}">${ctx.t('desk.page.prev')}</a>` : ''}</span>
    <span>${at < pages ? html`<a href="${link(at + 1)}">${ctx.t('desk.page.next')}</a>` : ''}</span>
  </div>`;
}
