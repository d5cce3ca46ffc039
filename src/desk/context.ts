import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskConfig } from '../config/desk-config.js';
import type { OfficerDesk, OfficerSelf } from '../core/officer.js';
import type { Logger } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import type { ReportStore } from '../reports/report-store.js';
import type { DeskAudit } from './audit.js';
import type { DeskSession, DeskSessions } from './desk-session.js';
import type { DeskLocale, T } from './locale.js';
import type { PageContext } from './pages/layout.js';
import type { SignIn } from './sign-in.js';

/** What the desk's handlers work with; built once by `createDesk`. */
export interface DeskParts {
  readonly config: DeskConfig;
  readonly directory: OfficerDirectory;
  /** The chat's officer desk: every report view and action goes through its authorisation. */
  readonly officerDesk: OfficerDesk;
  readonly store: ReportStore;
  readonly villages: VillageFinder;
  readonly sessions: DeskSessions;
  readonly signIn: SignIn;
  readonly audit: DeskAudit;
  readonly logger: Logger;
}

/** One request to the desk, before anyone is known. */
export interface DeskRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly method: string;
  readonly cookies: ReadonlyMap<string, string>;
  /** The client's address (attempt limits; hashed in the audit). */
  readonly client: string;
  readonly locale: DeskLocale;
  readonly t: T;
  readonly page: PageContext;
}

/** A request from a signed-in officer, who is active now. */
export interface OfficerRequest extends DeskRequest {
  readonly officer: Officer;
  readonly self: OfficerSelf;
  readonly session: DeskSession;
  /** Writes one line to the desk's audit stream for this officer. */
  audit(action: string, result: string, target?: string): Promise<void>;
}

/** The desk's cookies; `__Host-` prefixed behind HTTPS. */
export const COOKIES = {
  /** The session's random token. */
  session: 'desk_s',
  /** The random token of a sign-in code waiting. */
  challenge: 'desk_c',
  /** The form token before sign-in (double submit). */
  form: 'desk_t',
  /** The chosen language. */
  locale: 'desk_l',
} as const;
