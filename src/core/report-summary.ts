import { formatDate } from './format.js';
import type { Locale } from './locale.js';
import { literal, t, type Text } from './message.js';
import { NONE_ANSWER, type ReportDetails, type ReportStatusView, type VillagePlace } from './report.js';

/** "Ternyang, Kec. Sumberpucung, Kab. Malang, Jawa Timur" as one text. */
export const placeText = (p: VillagePlace): Text =>
  t('report.place', { name: p.name, district: p.district, regency: p.regency, province: p.province });

/**
 * The lines of a report as the reporter reviews it and as officers read it: only what was filled in.
 * What the user typed goes in as a param (channels escape it for their markup).
 */
export function detailLines(d: ReportDetails, village: VillagePlace | undefined): Text[] {
  const lines: Text[] = [];
  const add = (key: string, value: string) => {
    if (value === NONE_ANSWER) lines.push(t(`report.field.${key}`, { value: t('report.answerNone') }));
    else if (value.trim() !== '') lines.push(t(`report.field.${key}`, { value }));
  };
  add('name', d.recruiter.name);
  add('phones', d.recruiter.phones.join(', '));
  add('company', d.recruiter.company);
  add('country', d.offer.country);
  add('job', d.offer.job);
  add('salary', d.offer.salary);
  add('fees', d.offer.fees);
  add('documents', d.offer.documents);
  add('place', d.place);
  lines.push(
    village
      ? t('report.field.village', { value: placeText(village) })
      : t('report.field.village', { value: literal(d.village) }),
  );
  for (const note of d.notes) add('note', note);
  if (d.media.length > 0) lines.push(t('report.field.photos', { n: d.media.length }));
  if (d.bypassVillage) lines.push(t('report.field.bypass'));
  return lines;
}

/** What a reporter reads about their report's status: no officer names, only the level. */
export function statusLines(view: ReportStatusView, locale: Locale): Text[] {
  const level = t(`report.level.${view.level}`);
  const lines: Text[] = [t(`report.status.${view.status}`, { level })];
  if (view.status === 'resolved' && view.outcome) {
    lines.push(t('report.outcomeLine', { outcome: t(`report.outcome.${view.outcome}`) }));
  }
  lines.push(
    t('report.statusDates', {
      created: formatDate(view.createdAt.slice(0, 10), locale),
      updated: formatDate(view.updatedAt.slice(0, 10), locale),
    }),
  );
  return lines;
}
