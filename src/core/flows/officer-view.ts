import { formatDate } from '../format.js';
import type { Locale } from '../locale.js';
import { lines, literal, t, type Text } from '../message.js';
import type { OfficerReportView } from '../officer.js';
import { detailLines } from '../report-summary.js';

/** History lines shown with a report; the full history is in `reports show` for admins. */
const HISTORY_SHOWN = 8;

/** Officers read times in WIB (UTC+7), where most villages of the programme are. */
const WIB_MS = 7 * 3_600_000;

function localTime(iso: string, locale: Locale): { date: string; time: string } {
  const wib = new Date(Date.parse(iso) + WIB_MS).toISOString();
  return { date: formatDate(wib.slice(0, 10), locale), time: `${wib.slice(11, 16)} WIB` };
}

function historyText(view: OfficerReportView, locale: Locale): Text[] {
  return view.history.slice(-HISTORY_SHOWN).map((h) =>
    t('officer.historyLine', {
      ...localTime(h.at, locale),
      what: t(`officer.event.${h.type}`, {
        who: h.who ?? '',
        level: h.level ? t(`report.level.${h.level}`) : '',
      }),
      note: h.note ? literal(`: ${h.note}`) : literal(''),
    }),
  );
}

/** A report as its officers read it: status, details, the reporter's consent, the latest history. */
export function reportBody(view: OfficerReportView, locale: Locale): Text[] {
  const status: Text[] = [
    t(`officer.status.${view.status}`, { who: view.owner ?? '', level: t(`report.level.${view.level}`) }),
  ];
  if (view.outcome) status.push(t('report.outcomeLine', { outcome: t(`report.outcome.${view.outcome}`) }));
  const reporter =
    view.contact === 'direct' && view.reporterAddress
      ? t('report.alert.contactOther', { address: view.reporterAddress })
      : t(`report.alert.reporter.${view.contact}`);
  return [
    lines(status),
    lines(detailLines(view.details, view.village)),
    reporter,
    lines([t('officer.historyTitle'), ...historyText(view, locale)]),
  ];
}
