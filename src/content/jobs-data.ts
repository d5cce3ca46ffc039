import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { duplicateIds, readTable, type RowProblem } from './csv-table.js';
import {
  AGENCY_COLUMNS,
  LISTING_COLUMNS,
  SECTORS,
  ZERO_COST_UNSURE,
  agencyRowSchema,
  isZeroCostJob,
  listingRowSchema,
  type Agency,
  type Listing,
} from './jobs-schema.js';
import type { ContentProblem } from './loader.js';
import { localizedSchema } from './schema.js';

export const JOB_FILES = {
  agencies: 'jobs/agencies.csv',
  listings: 'jobs/listings.csv',
  sectors: 'jobs/sectors.yaml',
} as const;

const sectorsFileSchema = z
  .object({
    sectors: z
      .array(
        z
          .object({
            id: z.enum(SECTORS),
            label: localizedSchema,
            keywords: z.object({ id: z.array(z.string().min(2)), en: z.array(z.string().min(2)) }).strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type SectorInfo = z.infer<typeof sectorsFileSchema>['sectors'][number];

export interface JobsData {
  readonly agencies: readonly Agency[];
  readonly listings: readonly (Listing & { readonly line: number })[];
  readonly sectors: readonly SectorInfo[];
}

/** An agency whose licence a listing may rest on: active and not expired. */
export const agencyValid = (a: Agency, today: string): boolean => a.status === 'active' && a.licence_valid_until >= today;

/** Why a listing is not shown today, or undefined when it is shown. */
export function hiddenBecause(l: Listing, agency: Agency | undefined, today: string): string | undefined {
  if (l.valid_until < today) return `past valid_until ${l.valid_until}`;
  if (l.deadline !== undefined && l.deadline < today) return `past its deadline ${l.deadline}`;
  if (!agency) return `agency "${l.agency_id}" does not exist`;
  if (agency.status !== 'active') return `agency "${agency.id}" is ${agency.status}`;
  if (agency.licence_valid_until < today) return `licence of agency "${agency.id}" expired on ${agency.licence_valid_until}`;
  return undefined;
}

const asProblem = (file: string) => (p: RowProblem): ContentProblem => ({
  file,
  path: p.line > 0 ? `line ${p.line}${p.field ? ` ${p.field}` : ''}` : p.field,
  message: p.message,
});

function readCsv<T extends object>(root: string, file: string, columns: readonly string[], schema: z.ZodType<T>, errors: ContentProblem[]) {
  const path = join(root, file);
  if (!existsSync(path)) {
    errors.push({ file, path: '', message: 'file is missing' });
    return undefined;
  }
  const table = readTable(readFileSync(path, 'utf8'), columns, schema);
  errors.push(...table.problems.map(asProblem(file)));
  return table.problems.length > 0 ? undefined : table.rows;
}

/**
 * Loads agencies, listings and sector names. Errors: invalid rows, duplicate ids, a listing whose agency
 * or country does not exist. Warnings: listings that are not shown today, active agencies whose licence
 * has expired.
 */
export function loadJobs(
  root: string,
  today: string,
  countryIds: ReadonlySet<string>,
  errors: ContentProblem[],
  warnings: ContentProblem[],
): JobsData | undefined {
  const agencies = readCsv(root, JOB_FILES.agencies, AGENCY_COLUMNS, agencyRowSchema, errors);
  const listings = readCsv(root, JOB_FILES.listings, LISTING_COLUMNS, listingRowSchema, errors);
  let sectors: SectorInfo[] | undefined;
  const sectorsPath = join(root, JOB_FILES.sectors);
  if (!existsSync(sectorsPath)) errors.push({ file: JOB_FILES.sectors, path: '', message: 'file is missing' });
  else {
    const parsed = sectorsFileSchema.safeParse(parseDocument(readFileSync(sectorsPath, 'utf8')).toJS());
    if (parsed.success) sectors = parsed.data.sectors;
    else for (const i of parsed.error.issues) errors.push({ file: JOB_FILES.sectors, path: i.path.join('.'), message: i.message });
  }
  if (!agencies || !listings || !sectors) return undefined;

  errors.push(...duplicateIds(agencies).map(asProblem(JOB_FILES.agencies)));
  errors.push(...duplicateIds(listings).map(asProblem(JOB_FILES.listings)));
  const byId = new Map(agencies.map((a) => [a.id, a]));
  for (const l of listings) {
    if (!byId.has(l.agency_id)) {
      errors.push({ file: JOB_FILES.listings, path: `line ${l.line} agency_id`, message: `agency "${l.agency_id}" does not exist` });
    }
    if (!countryIds.has(l.country)) {
      errors.push({ file: JOB_FILES.listings, path: `line ${l.line} country`, message: `unknown country "${l.country}"` });
    }
    // L-42 says the regulation also covers these, but who pays them is [R] in the fact sheet; BP3MI NTB's
    // head counts them among the costs a worker is freed from (content review §1 #4). A warning, not an error.
    const unsure = isZeroCostJob(l) ? l.worker_pays.filter((c) => ZERO_COST_UNSURE.includes(c)) : [];
    if (unsure.length > 0) {
      warnings.push({
        file: JOB_FILES.listings,
        path: `line ${l.line} worker_pays`,
        message: `a ${l.sector} job is a zero-cost occupation; ask BP3MI before the worker pays ${unsure.join(', ')} (facts L-42)`,
      });
    }
    const hidden = hiddenBecause(l, byId.get(l.agency_id), today);
    if (hidden && byId.has(l.agency_id)) {
      warnings.push({ file: JOB_FILES.listings, path: `line ${l.line}`, message: `listing "${l.id}" is not shown: ${hidden}` });
    }
  }
  for (const a of agencies) {
    if (a.status === 'active' && a.licence_valid_until < today) {
      warnings.push({ file: JOB_FILES.agencies, path: '', message: `agency "${a.id}": licence expired on ${a.licence_valid_until}` });
    }
  }
  return { agencies, listings, sectors };
}
