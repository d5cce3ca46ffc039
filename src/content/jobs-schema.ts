import { z } from 'zod';
import { SECTORS, isZeroCostJob } from './ids.js';

/**
 * Agencies (P3MI) and job listings, as CSV rows (every cell a string). Lists inside a cell are
 * separated by "|". The schemas turn a row into typed data or say which field is wrong.
 */

const cell = z.string().trim();
const optional = cell.transform((v) => (v === '' ? undefined : v));
const list = cell.transform((v) =>
  v === ''
    ? []
    : v
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean),
);
const date = cell
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'not a real calendar date',
  });
const optionalDate = z.union([z.literal(''), date]).transform((v) => (v === '' ? undefined : v));
const flag = z
  .enum(['true', 'false', ''], { error: 'expected true or false' })
  .transform((v) => v === 'true');
const count = (min: number, max: number) =>
  cell
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `expected a number from ${min} to ${max}` });
const optionalCount = (min: number, max: number) =>
  z.union([z.literal(''), count(min, max)]).transform((v) => (v === '' ? undefined : v));
const id = cell.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a short id of a-z, 0-9 and -');
const url = z
  .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'expected a web address starting with https:// or http://' })])
  .transform((v) => (v === '' ? undefined : v));
/** Kemendagri area code of a province (PP) or regency/city (PP.KK), facts A-01. */
const areaCode = z.string().regex(/^\d{2}(\.\d{2})?$/, 'expected an area code like 35 or 35.07');

export const AGENCY_STATUSES = ['active', 'suspended', 'revoked'] as const;

export const agencyRowSchema = z
  .object({
    id,
    name: cell.min(3, 'expected the company name'),
    aliases: list,
    licence_no: cell.min(1, 'expected the SIP3MI licence number'),
    licence_valid_until: date,
    status: z.enum(AGENCY_STATUSES, { error: 'expected active, suspended or revoked' }),
    head_office: cell.min(1, 'expected the head office address'),
    head_office_area: areaCode,
    branch_areas: list.pipe(z.array(areaCode)),
    phones: list,
    email: z.union([z.literal(''), z.email({ error: 'expected an e-mail address' })]).transform((v) => (v === '' ? undefined : v)),
    source_title: cell.min(1, 'expected where this was verified'),
    source_url: url,
    verified_at: date,
    example: flag,
  })
  .strict();

export { SECTORS, isZeroCostJob, type Sector } from './ids.js';


/** Cost items of facts L-42; in a zero-cost occupation the worker pays none of them. */
export const COST_ITEMS = [
  'ticket_out',
  'ticket_return',
  'visa',
  'contract_legalisation',
  'training',
  'competence_certificate',
  'agency_fee',
  'passport',
  'skck',
  'bpjs',
  'medical',
  'local_transport',
  'accommodation',
] as const;
export type CostItem = (typeof COST_ITEMS)[number];
/**
 * Items L-42 [V-sec] lists as never charged in a zero-cost occupation, the passport included (its cost is
 * replaced by the employer, "penggantian paspor"). Local transport and lodging: see ZERO_COST_UNSURE.
 */
export const ZERO_COST_UNSURE: readonly CostItem[] = ['local_transport', 'accommodation'];
export const ZERO_COST_ITEMS: readonly CostItem[] = COST_ITEMS.filter((c) => !ZERO_COST_UNSURE.includes(c));

const costs = list.pipe(z.array(z.enum(COST_ITEMS, { error: `expected cost items among ${COST_ITEMS.join(', ')}` })));

/**
 * Sane monthly pay per currency: the equivalent of about USD 50 to USD 20,000 (rounded). A currency not
 * listed is held to SALARY_BOUNDS_OTHER. An amount outside is a typing error (an extra zero, a yearly sum).
 */
export const SALARY_BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  USD: [50, 20_000],
  EUR: [45, 18_500],
  GBP: [40, 16_000],
  HKD: [390, 156_000],
  MOP: [400, 162_000],
  TWD: [1600, 650_000],
  CNY: [360, 145_000],
  MYR: [230, 94_000],
  SGD: [65, 27_000],
  BND: [65, 27_000],
  THB: [1800, 720_000],
  JPY: [7500, 3_000_000],
  KRW: [67_000, 27_000_000],
  SAR: [185, 75_000],
  AED: [180, 73_500],
  QAR: [180, 73_000],
  KWD: [15, 6200],
  OMR: [19, 7700],
  BHD: [19, 7500],
  AUD: [75, 30_000],
  NZD: [80, 33_000],
  CAD: [65, 27_000],
  PLN: [200, 80_000],
  TRY: [1600, 650_000],
  IDR: [800_000, 320_000_000],
};
/** Pay in a currency SALARY_BOUNDS does not list: at least 1, at most 10 million. */
export const SALARY_BOUNDS_OTHER: readonly [number, number] = [1, 10_000_000];

export const EDUCATION = ['none', 'sd', 'smp', 'sma', 'd3', 's1'] as const;

export const listingRowSchema = z
  .object({
    id,
    title_id: cell.min(3, 'expected the job title in Indonesian'),
    title_en: cell.min(3, 'expected the job title in English'),
    country: cell.regex(/^[a-z]{2}$/, 'expected a country id such as tw'),
    city: optional,
    sector: z.enum(SECTORS, { error: `expected one of ${SECTORS.join(', ')}` }),
    employer_type: z.enum(['household', 'entity'], { error: 'expected household or entity' }),
    salary_amount: cell.regex(/^\d+(\.\d{1,2})?$/, 'expected an amount like 27470 or 1500.50').transform(Number),
    salary_currency: cell.regex(/^[A-Z]{3}$/, 'expected a currency code such as TWD'),
    contract_months: count(1, 120),
    hours_per_day: optionalCount(1, 24),
    rest_days_per_month: optionalCount(0, 31),
    leave_days_per_year: optionalCount(0, 365),
    employer_pays: costs,
    worker_pays: costs,
    age_min: count(18, 70),
    age_max: count(18, 70),
    education: z.enum(EDUCATION, { error: `expected one of ${EDUCATION.join(', ')}` }),
    skills_id: optional,
    skills_en: optional,
    language_id: optional,
    language_en: optional,
    quota: optionalCount(1, 100_000),
    deadline: optionalDate,
    agency_id: id,
    source_ref: cell.min(1, 'expected the official reference, e.g. a SISKOP2MI job order number'),
    source_url: url,
    verified_at: date,
    valid_until: date,
    example: flag,
  })
  .strict()
  .superRefine((row, ctx) => {
    const [low, high] = SALARY_BOUNDS[row.salary_currency] ?? SALARY_BOUNDS_OTHER;
    if (row.salary_amount < low || row.salary_amount > high) {
      ctx.addIssue({
        code: 'custom',
        path: ['salary_amount'],
        message: `${row.salary_amount} ${row.salary_currency} a month is outside ${low} to ${high}`,
      });
    }
    if (row.age_max < row.age_min) ctx.addIssue({ code: 'custom', path: ['age_max'], message: 'age_max is below age_min' });
    if (row.valid_until < row.verified_at) {
      ctx.addIssue({ code: 'custom', path: ['valid_until'], message: 'valid_until is before verified_at' });
    }
    if (row.sector === 'domestic' && row.employer_type !== 'household') {
      ctx.addIssue({ code: 'custom', path: ['employer_type'], message: 'domestic work is for a household employer' });
    }
    if (isZeroCostJob(row)) {
      const charged = row.worker_pays.filter((c) => ZERO_COST_ITEMS.includes(c));
      if (charged.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['worker_pays'],
          message: `a ${row.sector} job is a zero-cost occupation: the worker may not pay ${charged.join(', ')} (facts L-41, L-42)`,
        });
      }
    }
    const both = row.worker_pays.filter((c) => row.employer_pays.includes(c));
    if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['worker_pays'], message: `paid by both sides: ${both.join(', ')}` });
  });

export type Agency = z.infer<typeof agencyRowSchema>;
export type Listing = z.infer<typeof listingRowSchema>;

/** CSV columns, in order, as the importer expects and writes them. */
export const AGENCY_COLUMNS = Object.keys(agencyRowSchema.shape) as (keyof Agency)[];
export const LISTING_COLUMNS = Object.keys(listingRowSchema.def.shape) as (keyof Listing)[];
