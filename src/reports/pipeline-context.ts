import type { ChannelName } from '../core/message.js';
import type { Clock, Logger, MessageSender } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import type { OfficerDirectory } from '../officers/officer.js';
import { alertReaderOf, type AlertReader } from './alert-context.js';
import { areaRouterOf, type AreaRouter } from './area-route.js';
import { createDelivery } from './delivery.js';
import { alertJobs, type AlertKind, type JobQueue } from './jobs.js';
import type { ReportMessages } from './report-messages.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';

export interface PipelineDeps {
  readonly store: ReportStore;
  readonly officers: OfficerDirectory;
  readonly queue: JobQueue;
  /** One sender per channel; an address is routed by its prefix (`telegram:…`). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly messages: ReportMessages;
  readonly villages: VillageFinder;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Not acknowledged after this long → the next level gets it. */
  readonly escalateAfterMs: number;
  /** How an alert's context is read (default: from the store and directory, one read each). */
  readonly readAlert?: AlertReader;
  /** How a report is routed to one area (default: the directory's read, then the store's update). */
  readonly routeArea?: AreaRouter;
  /** Resolves once the channels of this process have set their senders (`createDelivery`). */
  readonly sendersReady?: Promise<unknown>;
}

/** What every step of the pipeline works with: its dependencies, the clock's time and delivery. */
export interface StepContext extends ReturnType<typeof createDelivery> {
  readonly deps: PipelineDeps;
  readonly store: ReportStore;
  readonly officers: OfficerDirectory;
  readonly queue: JobQueue;
  readonly logger: Logger;
  readonly readAlert: AlertReader;
  readonly routeArea: AreaRouter;
  /** Now, as ISO text. */
  readonly at: () => string;
  /** A history entry of now. */
  readonly entry: (type: string, more?: Omit<HistoryEntry, 'at' | 'type'>) => HistoryEntry;
}

export function createStepContext(deps: PipelineDeps): StepContext {
  const { store, officers, queue, logger } = deps;
  const at = () => deps.clock.now().toISOString();
  return {
    deps,
    store,
    officers,
    queue,
    logger,
    readAlert: deps.readAlert ?? alertReaderOf(store, officers),
    routeArea: deps.routeArea ?? areaRouterOf(store, officers),
    at,
    entry: (type, more = {}) => ({ at: at(), type, ...more }),
    ...createDelivery(deps.senders, logger, deps.sendersReady),
  };
}

/** The jobs a report at its current level needs: alerts to that level's officers and the next escalation. */
export async function ensureJobs(ctx: StepContext, r: ReportRecord): Promise<void> {
  const { officers, queue } = ctx;
  const current = await officers.forArea(r.level, r.area);
  const kind: AlertKind = r.status === 'escalated' ? 'escalated' : 'report';
  await queue.add([...alertJobs(r.code, { level: r.level, officers: current }, kind)]);
}
