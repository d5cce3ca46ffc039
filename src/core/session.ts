import { DEFAULT_LOCALE, isLocale, type Locale } from './locale.js';

/** Bump when the stored shape changes: sessions of another version are reset to the menu. */
export const SESSION_VERSION = 1;

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type FlowData = Readonly<Record<string, Json>>;

/** Per-user conversation state. Kept small: an idle user must cost little Redis memory. */
export interface Session {
  readonly locale: Locale;
  /** The running flow, `menu` when idle. */
  readonly flow: string;
  readonly step: string;
  readonly data: FlowData;
  /** Progress of resumable flows the user left midway (flow id → step and data). */
  readonly saved?: Readonly<Record<string, SavedState>>;
  /** The bot has offered a regional language this user wrote in (offered once, never switched by itself). */
  readonly languageOffered?: true;
}

export interface SavedState {
  readonly step: string;
  readonly data: FlowData;
}

export const freshSession = (locale: Locale = DEFAULT_LOCALE): Session => ({
  locale,
  flow: 'menu',
  step: 'root',
  data: {},
});

/** Why a stored value could not be used as it was. */
export type DecodeResult =
  | { readonly type: 'ok'; readonly session: Session }
  | { readonly type: 'reset'; readonly session: Session; readonly reason: 'version' | 'corrupt' };

/** Compact JSON: short field names keep an idle session well under 100 bytes. */
export function encodeSession(session: Session): string {
  const body: Record<string, Json> = {
    v: SESSION_VERSION,
    l: session.locale,
    f: session.flow,
    s: session.step,
  };
  if (hasKeys(session.data)) body.d = session.data;
  if (session.languageOffered) body.o = 1;
  if (session.saved && hasKeys(session.saved)) {
    body.k = Object.fromEntries(
      Object.entries(session.saved).map(([flow, st]) => [flow, [st.step, st.data]]),
    );
  }
  return JSON.stringify(body);
}

/** Decodes a stored session; an old version or a corrupt value yields a fresh menu session (keeping the locale). */
export function decodeSession(raw: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { type: 'reset', session: freshSession(), reason: 'corrupt' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { type: 'reset', session: freshSession(), reason: 'corrupt' };
  }
  const o = parsed as Record<string, unknown>;
  const locale = isLocale(o.l) ? o.l : DEFAULT_LOCALE;
  if (o.v !== SESSION_VERSION) return { type: 'reset', session: freshSession(locale), reason: 'version' };
  const data = o.d ?? {};
  if (typeof o.f !== 'string' || typeof o.s !== 'string' || typeof data !== 'object' || Array.isArray(data)) {
    return { type: 'reset', session: freshSession(locale), reason: 'corrupt' };
  }
  const saved = o.k === undefined ? undefined : decodeSaved(o.k);
  const session: Session =
    o.o === 1
      ? { locale, flow: o.f, step: o.s, data: data as FlowData, languageOffered: true }
      : { locale, flow: o.f, step: o.s, data: data as FlowData };
  return { type: 'ok', session: saved ? { ...session, saved } : session };
}

/** True when an object has an own enumerable key (`Object.keys(o).length > 0` without the list). */
function hasKeys(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
}

/** Saved progress is optional: an unreadable entry is dropped rather than failing the session. */
function decodeSaved(raw: unknown): Record<string, SavedState> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const out: Record<string, SavedState> = {};
  for (const [flow, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(value) || value.length !== 2) continue;
    const [step, data] = value as [unknown, unknown];
    if (typeof step === 'string' && typeof data === 'object' && data !== null && !Array.isArray(data)) {
      out[flow] = { step, data: data as FlowData };
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
