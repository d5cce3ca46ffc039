import type { Reporter } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import type { ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';

/** What an alert needs before it is sent, read at send time (the officer may have left since routing). */
export type AlertContext =
  | { readonly sent: true }
  | {
      readonly sent: false;
      readonly officer: Officer | undefined;
      readonly report: ReportRecord | undefined;
      /** Only when the reporter agreed that officers may contact them directly. */
      readonly reporter: Reporter | undefined;
    };

/** Reads an alert's context: whether it went out already, else the officer, the report and the reporter. */
export type AlertReader = (code: string, officerId: string, alertId: string) => Promise<AlertContext>;

/** The context from the store and directory, one question each (the memory demo; tests). */
export function alertReaderOf(store: ReportStore, officers: OfficerDirectory): AlertReader {
  return async (code, officerId, alertId) => {
    const [sent, officer, report] = await Promise.all([
      store.alertSent(alertId),
      officers.get(officerId),
      store.get(code),
    ]);
    if (sent) return { sent };
    const reporter = report?.contact === 'direct' ? await store.reporter(code) : undefined;
    return { sent, officer, report, reporter };
  };
}
