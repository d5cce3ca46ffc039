import type { ChannelName } from '../core/message.js';
import type { Clock, Logger, MessageSender, Translator } from '../core/ports.js';
import type { ReportDesk, VillageFinder } from '../core/report.js';
import type { OfficerDesk } from '../core/officer.js';
import type { InviteStore } from '../officers/invites.js';
import type { OfficerDirectory } from '../officers/officer.js';
import { createOfficerDesk } from './officer-desk.js';
import type { AlertReader } from './alert-context.js';
import type { AreaRouter } from './area-route.js';
import type { JobQueue } from './jobs.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { createReportDesk } from './report-desk.js';
import { createReportMessages } from './report-messages.js';
import type { ReportIntake } from './report-intake.js';
import type { ReportStore } from './report-store.js';

export interface ReportSettings {
  /** Not acknowledged after this long → the next level gets the report. */
  readonly escalateAfterMs: number;
  /** Reports one reporter may file per day. */
  readonly perDay: number;
}

/** What the report side needs from the rest of the bot, in memory or on Redis. */
export interface ReportSideDeps {
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  /** Resolves once the channels have set their senders; deliveries wait for it (default: at once). */
  readonly sendersReady?: Promise<unknown>;
  readonly translator: Translator;
  readonly villages: VillageFinder;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: ReportSettings;
  /** Names of regencies and provinces by code (idn-area-data). */
  readonly areaName: (code: string) => string | undefined;
  readonly onJoined?: (address: string) => void;
  readonly onAcknowledged?: (seconds: number) => void;
}

export interface ReportSystemDeps extends ReportSettings {
  readonly store: ReportStore;
  readonly officers: OfficerDirectory;
  readonly invites: InviteStore;
  /** Names of regencies and provinces by code (idn-area-data). */
  readonly areaName: (code: string) => string | undefined;
  readonly onJoined?: (address: string) => void;
  readonly onAcknowledged?: (seconds: number) => void;
  readonly queue: JobQueue;
  /** How an alert's context is read; the store and directory by default. */
  readonly readAlert?: AlertReader;
  /** How a report is routed to one area; the directory and the store by default. */
  readonly routeArea?: AreaRouter;
  /** How a new report and its jobs are written; the store, then its route job by default. */
  readonly intake?: ReportIntake;
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly sendersReady?: Promise<unknown>;
  readonly translator: Translator;
  readonly villages: VillageFinder;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ReportSystem {
  /** What the wizard submits to. */
  readonly desk: ReportDesk;
  /** What the workers run. */
  readonly pipeline: Pipeline;
  /** What officers do from chat. */
  readonly officerDesk: OfficerDesk;
}

/** The report side, wired from its parts: the same for Redis + BullMQ and for the memory demo. */
export function createReportSystem(deps: ReportSystemDeps): ReportSystem {
  const pipeline = createPipeline({ ...deps, messages: createReportMessages(deps.translator) });
  const desk = createReportDesk({
    store: deps.store,
    queue: deps.queue,
    clock: deps.clock,
    perDay: deps.perDay,
    logger: deps.logger,
    ...(deps.intake ? { intake: deps.intake } : {}),
  });
  const officerDesk = createOfficerDesk({
    directory: deps.officers,
    invites: deps.invites,
    store: deps.store,
    queue: deps.queue,
    villages: deps.villages,
    areaName: deps.areaName,
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.onJoined ? { onJoined: deps.onJoined } : {}),
    ...(deps.onAcknowledged ? { onAcknowledged: deps.onAcknowledged } : {}),
  });
  return { desk, pipeline, officerDesk };
}
