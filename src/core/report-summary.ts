import { formatDate } from './format.js';
import type { Locale } from './locale.js';
import { literal, t, type Text } from './message.js';
import {
  NONE_ANSWER,
  type PaymentAnswer,
  type RecruitmentAnswer,
  type ReportDetails,
  type ReportStatusView,
  type VillagePlace,
} from './report.js';

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
  if (d.recruitment) lines.push(t('report.field.channel', { value: recruitmentText(d.recruitment) }));
  add('country', d.offer.country);
  add('job', d.offer.job);
  add('salary', d.offer.salary);
  add('fees', d.offer.fees);
  if (d.payment) lines.push(...paymentLines(d.payment));
  add('documents', d.offer.documents);
  add('place', d.place);
  lines.push(
    village
      ? t('report.field.village', { value: placeText(village) })
      : t('report.field.village', { value: literal(d.village) }),
  );
  for (const note of d.notes) add('note', note);
  const voices = d.media.filter((m) => m.kind === 'voice').length;
  if (d.media.length > voices) lines.push(t('report.field.photos', { n: d.media.length - voices }));
  if (voices > 0) lines.push(t('report.field.voiceNotes', { n: voices }));
  if (d.bypassVillage) lines.push(t('report.field.bypass'));
  return lines;
}

/** "media sosial (Facebook)", "cara lain: brosur di pasar": how the offer reached the person. */
export function recruitmentText(r: RecruitmentAnswer): Text {
  const method = t(`report.channelValue.${r.method}`);
  const app = r.app ? t(r.app === 'other' ? 'report.app.other' : `report.app.${r.app}`) : undefined;
  const named = app ? t('report.withName', { value: method, name: app }) : method;
  return r.detail ? t('report.withDetail', { value: named, detail: r.detail }) : named;
}

/** Rupiah as Indonesians write it ("Rp 30.000.000"), whatever the reader's language; other currencies by code. */
const grouped = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
export const moneyText = (amount: number, currency: string): Text =>
  currency === 'IDR'
    ? t('report.rupiah', { amount: grouped.format(amount) })
    : t('report.foreignMoney', { amount: grouped.format(amount), currency });

/** Money already paid: how much (or nothing yet), to whom, and whether a receipt was kept. */
export function paymentLines(p: PaymentAnswer): Text[] {
  if (!p.paid) return [t('report.field.paid', { value: t('report.paidValue.none') })];
  const amount =
    p.amount !== undefined ? moneyText(p.amount, p.currency ?? 'IDR') : t('report.paidValue.unknown');
  const out = [t('report.field.paid', { value: amount })];
  if (p.to) {
    const who = t(`report.payeeValue.${p.to}`);
    out.push(
      t('report.field.paidTo', {
        value: p.toName ? t('report.withName', { value: who, name: p.toName }) : who,
      }),
    );
  }
  if (p.proof !== undefined)
    out.push(
      t('report.field.paidProof', {
        value: t(p.proof ? 'report.proofValue.kept' : 'report.proofValue.lost'),
      }),
    );
  return out;
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
