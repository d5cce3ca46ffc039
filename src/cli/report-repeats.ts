import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAgencyChecker, type AgencyChecker } from '../content/agency-matcher.js';
import { readTable } from '../content/csv-table.js';
import { JOB_FILES } from '../content/jobs-data.js';
import { AGENCY_COLUMNS, agencyRowSchema } from '../content/jobs-schema.js';
import { ADMIN_SCOPE } from '../reports/report-query.js';
import { repeatRecruiters, type AgencyCheckLine, type RepeatRecruiter } from '../desk/repeat-recruiters.js';
import { cliQuery } from './reports-commands.js';
import { printable, queryDeps, villageName, type Output, type ReportReadDeps } from './report-select.js';
import type { ReportStatus } from '../core/report.js';

export interface RepeatsOptions {
  readonly status?: ReportStatus;
  readonly area?: string;
}

/** The agency list of the content folder (content/jobs/agencies.csv), or the problems that stop it. */
export function loadAgencyChecker(contentDir: string): AgencyChecker | { readonly problems: string[] } {
  const file = join(contentDir, JOB_FILES.agencies);
  const table = readTable(readFileSync(file, 'utf8'), AGENCY_COLUMNS, agencyRowSchema);
  if (table.problems.length > 0) {
    return { problems: table.problems.map((p) => `${file} line ${p.line}: ${p.message}`) };
  }
  return createAgencyChecker(table.rows);
}

const STANDING: Readonly<Record<AgencyCheckLine['standing']['type'], string>> = {
  licensed: 'licensed agency',
  revoked: 'agency whose licence is REVOKED',
  suspended: 'agency whose licence is SUSPENDED',
  expired: 'agency whose licence has EXPIRED',
  'look-alike': 'NOT on the list; looks like',
  'not-listed': 'not on the agency list',
};

function agencyLine(a: AgencyCheckLine): string {
  const s = a.standing;
  const agency =
    s.type === 'not-listed'
      ? ''
      : ` ${s.agency.name} (${s.agency.licence_no}, valid until ${s.agency.licence_valid_until})`;
  return `    ${a.kind} ${printable(a.asked)}: ${STANDING[s.type]}${agency}`;
}

function groupLines(deps: ReportReadDeps, g: RepeatRecruiter): string[] {
  const list = (values: readonly string[]) => (values.length > 0 ? values.map(printable).join(', ') : '-');
  return [
    `${g.codes.length} reports, ${g.open} open, ${g.firstAt.slice(0, 10)} to ${g.lastAt.slice(0, 10)}: ${g.codes.join(' ')}`,
    ...g.shared.map((s) => `  same ${s.kind}: ${printable(s.value)} (${s.codes.join(' ')})`),
    `  names: ${list(g.names)}; companies: ${list(g.companies)}; phones: ${list(g.phones)}`,
    `  villages: ${g.villages.map((v) => `${v} ${printable(villageName(deps.villages, v))}`).join(', ')}`,
    ...(g.agencies.length > 0 ? ['  agency list:', ...g.agencies.map(agencyLine)] : []),
  ];
}

/** `reports repeats`: recruiters in two or more reports, linked, checked against the agency list. */
export async function reportRepeats(
  deps: ReportReadDeps & { readonly agencies: AgencyChecker },
  out: Output,
  opts: RepeatsOptions,
  now = new Date(),
): Promise<number> {
  const groups = await repeatRecruiters(
    { ...queryDeps(deps, now), agencies: deps.agencies },
    ADMIN_SCOPE,
    cliQuery(opts),
  );
  if (groups.length === 0) {
    out.write('no recruiter appears in two or more reports\n');
    return 0;
  }
  for (const g of groups) out.write(`${groupLines(deps, g).join('\n')}\n\n`);
  out.write(`${groups.length} recruiter${groups.length === 1 ? '' : 's'} in two or more reports\n`);
  return 0;
}
