import type { ReportStatus } from '../core/report.js';

/** Sent to officers and nobody took it yet (escalation looks at these). */
export const WAITING: readonly ReportStatus[] = ['routed', 'notified', 'escalated'];

/** An officer may take it: waiting, or still waiting for anyone to be registered. */
export const TAKEABLE: readonly ReportStatus[] = [...WAITING, 'unrouted'];

/** Not finished: officers see these in their lists, admins in `reports list`. */
export const OPEN: readonly ReportStatus[] = ['submitted', 'unrouted', ...WAITING, 'acknowledged'];

/** Taken or finished: no escalation any more. */
export const CLOSED: readonly ReportStatus[] = ['acknowledged', 'resolved', 'failed'];

/** Nothing more happens to it: no questions to the reporter, no new outcome. */
export const FINISHED: readonly ReportStatus[] = ['resolved', 'failed'];
