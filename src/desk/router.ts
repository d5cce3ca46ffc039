import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Translator } from '../core/ports.js';
import type { AuthRoutes } from './auth-routes.js';
import { COOKIES, type DeskParts, type DeskRequest, type OfficerRequest } from './context.js';
import { csrfMatches } from './csrf.js';
import { clientAddress, cookieName, cookies, readForm, redirect, sendHtml, setCookie } from './http.js';
import { deskLocale, textsOf } from './locale.js';
import { forbiddenPage, notFoundPage } from './pages/errors.js';

/** A page or action of a signed-in officer; `form` is set (its token checked) for POST. */
export type OfficerHandler = (r: OfficerRequest, form?: URLSearchParams) => Promise<void>;

/** The signed-in routes: exact paths, and `/desk/reports/<code>`. */
export interface OfficerRoutes {
  readonly get: Readonly<Record<string, OfficerHandler>>;
  readonly post: Readonly<Record<string, OfficerHandler>>;
  readonly report: {
    show(r: OfficerRequest, code: string): Promise<void>;
    act(r: OfficerRequest, code: string, form: URLSearchParams): Promise<void>;
  };
}

const REPORT_PATH = /^\/desk\/reports\/([^/]{1,40})$/;

/** The code in a report's path; a malformed escape reads as a code that does not exist. */
const reportCode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return '-';
  }
};

/**
 * The desk's one entry: `/desk` and everything under it. Before sign-in only the sign-in pages and the
 * language switch answer; everything else needs a session of an officer who is still active, and every
 * POST the session's form token (403 without it, before anything is done).
 */
export function createDeskRouter(
  parts: DeskParts,
  translator: Translator,
  auth: AuthRoutes,
  routes: OfficerRoutes,
) {
  const secure = parts.config.secureCookie;
  const name = (n: string) => cookieName(n, secure);

  function requestOf(req: IncomingMessage, res: ServerResponse): DeskRequest {
    const url = new URL(req.url ?? '/desk', 'http://desk.local');
    const jar = cookies(req);
    const locale = deskLocale(jar.get(name(COOKIES.locale)));
    const t = textsOf(translator, locale);
    return {
      req,
      res,
      url,
      method: req.method ?? 'GET',
      cookies: jar,
      client: clientAddress(req, parts.config.trustProxy),
      locale,
      t,
      page: { t, locale, here: `${url.pathname}${url.search}` },
    };
  }

  async function publicRoute(r: DeskRequest): Promise<boolean> {
    const key = `${r.method} ${r.url.pathname}`;
    switch (key) {
      case 'GET /desk/sign-in':
        auth.showSignIn(r);
        return true;
      case 'POST /desk/sign-in':
        await auth.requestCode(r);
        return true;
      case 'GET /desk/code':
        auth.showCode(r);
        return true;
      case 'POST /desk/code':
        await auth.checkCode(r);
        return true;
      case 'GET /desk/lang':
        auth.switchLanguage(r);
        return true;
      default:
        return false;
    }
  }

  /** The signed-in officer, or undefined (the browser is sent to sign in). */
  async function signedIn(r: DeskRequest): Promise<OfficerRequest | undefined> {
    const token = r.cookies.get(name(COOKIES.session));
    const session = token ? await parts.sessions.get(token) : undefined;
    const officer = session ? await parts.directory.get(session.officer) : undefined;
    const self = officer?.active ? await parts.officerDesk.whoAmI(officer.address) : undefined;
    if (!session || !officer || !self) {
      if (token && session) await parts.sessions.end(token);
      if (!token) {
        redirect(r.res, '/desk/sign-in');
        return undefined;
      }
      redirect(r.res, '/desk/sign-in?n=expired', {
        'set-cookie': setCookie(name(COOKIES.session), '', { secure, maxAge: 0 }),
      });
      return undefined;
    }
    const scope = self.areaName
      ? r.t('desk.scope', { level: r.t(`report.level.${self.role}`), area: self.areaName })
      : r.t(`report.level.${self.role}`);
    return {
      ...r,
      officer,
      self,
      session,
      page: { ...r.page, signedIn: { name: officer.name, scope, csrf: session.csrf } },
      audit: (action, result, target) =>
        parts.audit.write({
          officer: officer.id,
          action,
          result,
          client: r.client,
          ...(target ? { target } : {}),
        }),
    };
  }

  async function officerRoute(r: OfficerRequest): Promise<void> {
    const path = r.url.pathname.replace(/\/+$/, '') || '/desk';
    const report = REPORT_PATH.exec(path);
    if (r.method === 'POST') {
      const form = await readForm(r.req);
      if (!csrfMatches(r.session.csrf, form) || !form) {
        await r.audit(`post ${path.slice(0, 60)}`, 'forbidden');
        return sendHtml(r.res, 403, forbiddenPage(r.page));
      }
      if (report?.[1]) return routes.report.act(r, reportCode(report[1]), form);
      const handler = routes.post[path];
      if (handler) return handler(r, form);
    } else if (r.method === 'GET' || r.method === 'HEAD') {
      if (report?.[1]) return routes.report.show(r, reportCode(report[1]));
      const handler = routes.get[path];
      if (handler) return handler(r);
    }
    sendHtml(r.res, 404, notFoundPage(r.page));
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const r = requestOf(req, res);
    if (await publicRoute(r)) return;
    const officer = await signedIn(r);
    if (officer) await officerRoute(officer);
  };
}
