import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import type { AgencyChecker } from '../content/agency-matcher.js';
import type { ChannelName } from '../core/message.js';
import type { OfficerDesk } from '../core/officer.js';
import { systemClock, type Logger, type MessageSender, type Translator } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import { createDesk } from '../desk/desk.js';
import type { OfficerDirectory } from '../officers/officer.js';
import type { HttpServer } from '../observability/http-server.js';
import { createDelivery } from '../reports/delivery.js';
import { reportKeys } from '../reports/keys.js';
import { keptReportReader } from '../reports/redis-kept-reader.js';
import type { RegisterStore } from '../reports/register-store.js';
import type { ReportStore } from '../reports/report-store.js';

export interface DeskSideOptions {
  readonly config: Config;
  readonly redis?: Redis;
  readonly reports: {
    readonly store: ReportStore;
    readonly officers: OfficerDirectory;
    readonly officerDesk: OfficerDesk;
  };
  readonly register: RegisterStore;
  readonly villages: VillageFinder;
  /** The content's agency list (catalog.agencies). */
  readonly agencies: AgencyChecker;
  readonly translator: Translator;
  /** Channels add their sender as they start: sign-in codes go out as alerts do. */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly logger: Logger;
}

/**
 * The district desk (DESK_ENABLED, on Redis): returns what mounts it on the HTTP server under `/desk`,
 * or undefined when it is off.
 */
export function deskMount(opts: DeskSideOptions): ((http: HttpServer) => void) | undefined {
  const { config, redis, logger } = opts;
  if (!config.desk || !redis) return undefined;
  const reader = keptReportReader(redis, reportKeys(config.redisKeyPrefix));
  const desk = createDesk({
    redis,
    prefix: config.redisKeyPrefix,
    config: config.desk,
    directory: opts.reports.officers,
    officerDesk: opts.reports.officerDesk,
    store: opts.reports.store,
    reader,
    register: opts.register,
    villages: opts.villages,
    escalateAfterMs: config.reports.escalateAfterMs,
    agencies: opts.agencies,
    translator: opts.translator,
    deliver: createDelivery(opts.senders, logger).deliver,
    clock: systemClock,
    logger,
  });
  return (http) => {
    http.mount('/desk', (req, res) => desk.handle(req, res));
    logger.info({ secureCookie: config.desk?.secureCookie }, 'officers desk at /desk');
    // Every report is read once (about 1.6 s at 10,000): at start, not in an officer's first request.
    reader.sync().catch((err: unknown) => logger.warn({ err }, 'desk: reports not read at start'));
  };
}
