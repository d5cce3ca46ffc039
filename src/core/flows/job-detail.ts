import type { Listing } from '../../content/jobs-schema.js';
import type { FlowContext } from '../flow.js';
import { formatDate, formatMoney } from '../format.js';
import { pick } from '../locale.js';
import { t, type Reply, type Text } from '../message.js';
import { agencyReply } from './agency.js';

export const listingTitle = (ctx: FlowContext, l: Listing): string =>
  ctx.locale === 'en' ? l.title_en : l.title_id;

export function countryName(ctx: FlowContext, id: string): string {
  const c = ctx.catalog.country(id);
  return c ? pick(c.name, ctx.locale) : id.toUpperCase();
}

const place = (ctx: FlowContext, l: Listing): string =>
  l.city ? `${l.city}, ${countryName(ctx, l.country)}` : countryName(ctx, l.country);

/** One line in a result list: title, place and pay, marked when it is example data. */
export const listingLabel = (ctx: FlowContext, l: Listing): Text =>
  t(l.example ? 'jobs.listLabelExample' : 'jobs.listLabel', {
    title: listingTitle(ctx, l),
    place: place(ctx, l),
    salary: formatMoney(l.salary_amount, l.salary_currency, ctx.locale),
  });

const costList = (items: readonly string[]): Text =>
  items.length === 0
    ? t('jobs.costNone')
    : t('jobs.costItems', { items: items.map((c) => t(`jobs.cost.${c}`)).reduce(joinTexts) });

/** Joins translated labels with commas, keeping them texts. */
const joinTexts = (a: Text | string, b: Text): Text => t('jobs.pair', { a, b });

const optional = (value: string | undefined, key: string): Text[] => (value ? [t(key, { text: value })] : []);

/** The listing's terms, requirements and costs; its agency and licence; how to apply the official way. */
export function listingReplies(ctx: FlowContext, l: Listing): Reply[] {
  // Regional users read the Indonesian listing (the listings have no regional texts).
  const id = ctx.locale !== 'en';
  const terms: Text[] = [
    ...(l.example ? [t('jobs.exampleListing')] : []),
    t('jobs.detail.salary', { salary: formatMoney(l.salary_amount, l.salary_currency, ctx.locale) }),
    t('jobs.detail.contract', { months: l.contract_months }),
    ...(l.hours_per_day === undefined ? [] : [t('jobs.detail.hours', { hours: l.hours_per_day })]),
    ...(l.rest_days_per_month === undefined ? [] : [t('jobs.detail.rest', { days: l.rest_days_per_month })]),
    ...(l.leave_days_per_year === undefined ? [] : [t('jobs.detail.leave', { days: l.leave_days_per_year })]),
    t('jobs.detail.employer', { type: t(`jobs.employer.${l.employer_type}`) }),
    t('jobs.detail.employerPays', { items: costList(l.employer_pays) }),
    t('jobs.detail.workerPays', { items: costList(l.worker_pays) }),
    ...(ctx.catalog.ids.isZeroCostJob(l) ? [t('jobs.zeroCost')] : []),
    t('jobs.detail.age', { min: l.age_min, max: l.age_max }),
    t('jobs.detail.education', { level: t(`jobs.education.${l.education}`) }),
    ...optional(id ? l.skills_id : l.skills_en, 'jobs.detail.skills'),
    ...optional(id ? l.language_id : l.language_en, 'jobs.detail.language'),
    ...(l.quota === undefined ? [] : [t('jobs.detail.quota', { quota: l.quota })]),
    ...(l.deadline === undefined
      ? []
      : [t('jobs.detail.deadline', { date: formatDate(l.deadline, ctx.locale) })]),
  ];
  const agency = ctx.catalog.listings.agency(l.agency_id);
  return [
    { title: t('jobs.detailTitle', { title: listingTitle(ctx, l), place: place(ctx, l) }), body: terms },
    ...(agency ? [agencyReply(ctx, agency)] : []),
    {
      title: t('jobs.applyTitle'),
      body: [
        t('jobs.apply', { agency: agency?.name ?? l.agency_id, ref: l.source_ref }),
        t('jobs.verified', {
          date: formatDate(l.verified_at, ctx.locale),
          source: l.source_url ? `${l.source_ref} (${l.source_url})` : l.source_ref,
          until: formatDate(l.valid_until, ctx.locale),
        }),
        t('guide.checkOfficer'),
      ],
    },
  ];
}
