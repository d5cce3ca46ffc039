import { COOKIES, type DeskParts, type DeskRequest, type OfficerRequest } from './context.js';
import { csrfMatches, newFormToken } from './csrf.js';
import { cookieName, readForm, redirect, sendHtml, setCookie } from './http.js';
import { DESK_LOCALES } from './locale.js';
import { forbiddenPage } from './pages/errors.js';
import { codePage, signInPage, type SignInNotice } from './pages/sign-in.js';
import { CODE_DIGITS } from './sign-in.js';

const YEAR_S = 365 * 86_400;

/** Sign-in, the code, sign-out and the language switch: what works before an officer is known. */
export function createAuthRoutes(parts: DeskParts) {
  const { config } = parts;
  const secure = config.secureCookie;
  const name = (n: string) => cookieName(n, secure);
  const codeMinutes = Math.round(config.codeMs / 60_000);

  /** The browser's form token before sign-in, set when it has none. */
  const formToken = (r: DeskRequest): { token: string; set: string[] } => {
    const have = r.cookies.get(name(COOKIES.form));
    if (have) return { token: have, set: [] };
    const token = newFormToken();
    return { token, set: [setCookie(name(COOKIES.form), token, { secure })] };
  };

  const noticeOf = (r: DeskRequest): SignInNotice | undefined => {
    const n = r.url.searchParams.get('n');
    const known: readonly SignInNotice[] = ['signed-out', 'expired', 'wrong', 'gone', 'limited', 'sent'];
    return known.find((k) => k === n);
  };

  /** A form before sign-in: the token must match the browser's cookie. */
  const checkedForm = async (r: DeskRequest): Promise<URLSearchParams | undefined> => {
    const form = await readForm(r.req);
    if (csrfMatches(r.cookies.get(name(COOKIES.form)), form)) return form;
    sendHtml(r.res, 403, forbiddenPage(r.page));
    return undefined;
  };

  const audit = (r: DeskRequest, officer: string, action: string, result: string) =>
    parts.audit.write({ officer, action, result, client: r.client });

  return {
    showSignIn(r: DeskRequest): void {
      const { token, set } = formToken(r);
      sendHtml(r.res, 200, signInPage(r.page, token, noticeOf(r)), { 'set-cookie': set });
    },

    async requestCode(r: DeskRequest): Promise<void> {
      const form = await checkedForm(r);
      if (!form) return;
      const asked = await parts.signIn.request(form.get('who') ?? '', r.client);
      await audit(r, '', 'sign-in-code', asked.type === 'limited' ? 'limited' : 'asked');
      if (asked.type === 'limited') return redirect(r.res, '/desk/sign-in?n=limited');
      const previous = r.cookies.get(name(COOKIES.challenge));
      if (previous) await parts.signIn.drop(previous);
      redirect(r.res, '/desk/code?n=sent', {
        'set-cookie': setCookie(name(COOKIES.challenge), asked.token, {
          secure,
          maxAge: Math.ceil(config.codeMs / 1000),
        }),
      });
    },

    showCode(r: DeskRequest): void {
      if (!r.cookies.get(name(COOKIES.challenge))) return redirect(r.res, '/desk/sign-in');
      const { token, set } = formToken(r);
      const page = codePage(r.page, token, {
        minutes: codeMinutes,
        digits: CODE_DIGITS,
        notice: noticeOf(r),
      });
      sendHtml(r.res, 200, page, { 'set-cookie': set });
    },

    async checkCode(r: DeskRequest): Promise<void> {
      const form = await checkedForm(r);
      if (!form) return;
      const challenge = r.cookies.get(name(COOKIES.challenge));
      if (!challenge) return redirect(r.res, '/desk/sign-in?n=gone');
      const checked = await parts.signIn.verify(challenge, form.get('code') ?? '', r.client);
      await audit(r, checked.type === 'ok' ? checked.officer.id : '', 'sign-in', checked.type);
      if (checked.type !== 'ok') {
        const back = checked.type === 'gone' ? '/desk/sign-in?n=gone' : `/desk/code?n=${checked.type}`;
        return redirect(r.res, back);
      }
      const { token } = await parts.sessions.start(checked.officer.id);
      redirect(r.res, '/desk', {
        'set-cookie': [
          setCookie(name(COOKIES.session), token, { secure }),
          setCookie(name(COOKIES.challenge), '', { secure, maxAge: 0 }),
        ],
      });
    },

    async signOut(r: OfficerRequest): Promise<void> {
      const token = r.cookies.get(name(COOKIES.session));
      if (token) await parts.sessions.end(token);
      await r.audit('sign-out', 'ok');
      redirect(r.res, '/desk/sign-in?n=signed-out', {
        'set-cookie': setCookie(name(COOKIES.session), '', { secure, maxAge: 0 }),
      });
    },

    /** `/desk/lang?to=en&back=/desk/reports`: remembered for a year; back only to a desk page. */
    switchLanguage(r: DeskRequest): void {
      const to = DESK_LOCALES.find((l) => l === r.url.searchParams.get('to')) ?? 'id';
      const back = r.url.searchParams.get('back') ?? '/desk';
      const safe = /^\/desk(\/[^/\\]*)*(\?[^\\]*)?$/.test(back) && !back.startsWith('//') ? back : '/desk';
      redirect(r.res, safe, {
        'set-cookie': setCookie(name(COOKIES.locale), to, { secure, maxAge: YEAR_S }),
      });
    },
  };
}

export type AuthRoutes = ReturnType<typeof createAuthRoutes>;
