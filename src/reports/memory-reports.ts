import { MemoryInviteStore } from '../officers/invites.js';
import { MemoryOfficerDirectory } from '../officers/memory-officer-directory.js';
import { startEscalationTimer } from './escalation-timer.js';
import { MemoryJobQueue } from './memory-queue.js';
import { MemoryReportStore } from './memory-report-store.js';
import { createReportSystem, type ReportSideDeps, type ReportSystem } from './report-system.js';

export interface MemoryReports extends ReportSystem {
  readonly store: MemoryReportStore;
  readonly officers: MemoryOfficerDirectory;
  readonly queue: MemoryJobQueue;
  readonly invites: MemoryInviteStore;
  /** Stops the escalation timer and pending jobs. */
  stop(): void;
}

/** The whole report side in process memory: the console demo without Redis, and flow tests. */
export function createMemoryReports(deps: ReportSideDeps): MemoryReports {
  const store = new MemoryReportStore();
  const officers = new MemoryOfficerDirectory();
  const queue = new MemoryJobQueue({ attempts: 5, backoffMs: 500, logger: deps.logger });
  const invites = new MemoryInviteStore();
  const system = createReportSystem({ ...deps, ...deps.settings, store, officers, queue, invites });
  queue.bind(system.pipeline.processors);
  const stopEscalations = startEscalationTimer(system.pipeline, deps.settings.escalateAfterMs, deps.logger);
  return {
    ...system,
    store,
    officers,
    queue,
    invites,
    stop() {
      stopEscalations();
      queue.close();
    },
  };
}
