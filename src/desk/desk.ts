import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { DeskConfig } from '../config/desk-config.js';
import type { OutboundMessage } from '../core/message.js';
import type { OfficerDesk } from '../core/officer.js';
import type { AgencyChecker } from '../content/agency-matcher.js';
import type { Clock, Logger, Translator } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import type { RegisterStore } from '../reports/register-store.js';
import type { ReportReader } from '../reports/report-reader.js';
import type { ReportStore } from '../reports/report-store.js';
import { RedisBroadcastStore } from '../broadcasts/redis-broadcast-store.js';
import { createKeys, deskKeys } from '../storage/keys.js';
import { createAttempts } from './attempts.js';
import { createDeskAudit, type DeskAudit } from './audit.js';
import { createAuthRoutes } from './auth-routes.js';
import { createBroadcastRoutes } from './broadcast-routes.js';
import type { DeskParts } from './context.js';
import { createDeskData } from './desk-data.js';
import { createDeskSessions } from './desk-session.js';
import { createListRoutes } from './list-routes.js';
import { deskLocale } from './locale.js';
import { createReportRoutes } from './report-routes.js';
import { createDeskRouter } from './router.js';
import { createSignIn } from './sign-in.js';

export interface DeskDeps {
  readonly redis: Redis;
  /** REDIS_KEY_PREFIX. */
  readonly prefix: string;
  readonly config: DeskConfig;
  readonly directory: OfficerDirectory;
  readonly officerDesk: OfficerDesk;
  readonly store: ReportStore;
  readonly reader: ReportReader;
  readonly register: RegisterStore;
  readonly villages: VillageFinder;
  /** REPORT_ESCALATE_AFTER_MINUTES in ms ("overdue"). */
  readonly escalateAfterMs: number;
  /** The agency list the repeat recruiters are checked against. */
  readonly agencies: AgencyChecker;
  readonly translator: Translator;
  /** Hands messages to an officer's chat, as alerts go (`createDelivery(senders).deliver`). */
  readonly deliver: (address: string, messages: readonly OutboundMessage[]) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface Desk {
  /** Serves `/desk` and everything under it. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  readonly audit: DeskAudit;
}

/**
 * The district desk (issue 19, DESIGN §6): server-rendered pages for officers on the bot's HTTP server,
 * signed in with a one-time code the bot sends to their chat, everything scoped to their area through
 * the chat's own authorisation.
 */
export function createDesk(deps: DeskDeps): Desk {
  const keys = deskKeys(deps.prefix);
  const attempts = createAttempts(deps.redis, keys);
  const sendCode = (officer: Officer, code: string) => {
    const locale = deskLocale(officer.locale);
    const minutes = Math.round(deps.config.codeMs / 60_000);
    const body = deps.translator.t(locale, 'desk.code.message', { code, minutes });
    return deps.deliver(officer.address, [{ body, choices: [] }]);
  };
  const parts: DeskParts = {
    config: deps.config,
    directory: deps.directory,
    officerDesk: deps.officerDesk,
    store: deps.store,
    villages: deps.villages,
    sessions: createDeskSessions({
      redis: deps.redis,
      keys,
      idleMs: deps.config.sessionIdleMs,
      clock: deps.clock,
    }),
    signIn: createSignIn({
      redis: deps.redis,
      keys,
      directory: deps.directory,
      attempts,
      sendCode,
      codeMs: deps.config.codeMs,
      logger: deps.logger,
    }),
    audit: createDeskAudit(deps.redis, keys, deps.clock),
    logger: deps.logger,
  };
  const data = createDeskData({
    reader: deps.reader,
    store: deps.store,
    villages: deps.villages,
    escalateAfterMs: deps.escalateAfterMs,
    agencies: deps.agencies,
    clock: deps.clock,
  });
  const lists = createListRoutes({
    data,
    villages: deps.villages,
    register: deps.register,
    clock: deps.clock,
  });
  const auth = createAuthRoutes(parts);
  // The broadcasts' progress, read as `broadcasts status` reads it.
  const broadcasts = createBroadcastRoutes(
    new RedisBroadcastStore(deps.redis, createKeys(deps.prefix).broadcasts),
  );
  const handle = createDeskRouter(parts, deps.translator, auth, {
    get: {
      '/desk': (r) => lists.overview(r),
      '/desk/reports': (r) => lists.reports(r),
      '/desk/recruiters': (r) => lists.recruiters(r),
      '/desk/register': (r) => lists.register(r),
      '/desk/broadcasts': (r) => broadcasts.list(r),
      '/desk/export/csv': (r) => lists.exportFile(r, 'csv'),
      '/desk/export/json': (r) => lists.exportFile(r, 'json'),
      '/desk/export/htcds': (r) => lists.exportFile(r, 'htcds'),
    },
    post: { '/desk/sign-out': (r) => auth.signOut(r) },
    report: createReportRoutes(parts, deps.translator),
  });
  return { handle, audit: parts.audit };
}
