import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { REPORT_STATUSES, parseReportCode, type ReportStatus } from '../core/report.js';
import { createVillageFinder } from '../content/village-finder.js';
import { createTranslator } from '../i18n/translator.js';
import { reportKeys } from '../reports/keys.js';
import { RedisRegisterStore } from '../reports/redis-register-store.js';
import type { RegisterStore } from '../reports/register-store.js';
import { RedisReportStore } from '../reports/redis-report-store.js';
import { redisReportReader } from '../reports/redis-report-reader.js';
import { EXPORT_FORMATS, exportReports, type ExportFormat } from './report-export.js';
import { AREA_CODE, type Output, type ReportReadDeps } from './report-select.js';
import { listReports, reportStats, showReport } from './reports-commands.js';
import { loadAgencyChecker, reportRepeats } from './report-repeats.js';
import { retentionCommand } from './retention.js';
import { withRedis } from './with-redis.js';
import { registerKeys } from '../storage/keys.js';

interface Opened extends ReportReadDeps {
  readonly localesDir: string;
  readonly contentDir: string;
  /** The departure/return register and REGISTER_RETENTION_MONTHS (purged by `retention`). */
  readonly register: { readonly store: RegisterStore; readonly months: number };
}

/** Opens the report store on the bot's Redis and runs `work`. */
function withReports(work: (deps: Opened) => Promise<number>): Promise<void> {
  return withRedis('reports', (redis, config) =>
    work({
      store: new RedisReportStore(redis, reportKeys(config.redisKeyPrefix)),
      reader: redisReportReader(redis, reportKeys(config.redisKeyPrefix)),
      escalateAfterMs: config.reports.escalateAfterMs,
      villages: createVillageFinder(),
      localesDir: config.localesDir,
      contentDir: config.contentDir,
      register: {
        store: new RedisRegisterStore(redis, registerKeys(config.redisKeyPrefix)),
        months: config.registerRetentionMonths,
      },
    }),
  );
}

const statusOption = () =>
  new Option('--status <status>', 'only reports with this status').choices(REPORT_STATUSES);

const areaOption = () =>
  new Option(
    '--area <code>',
    'only reports from villages in this area (Kemendagri code: 35, 35.07, 35.07.12 or 35.07.12.2001)',
  ).argParser((v) => {
    if (!AREA_CODE.test(v)) throw new InvalidArgumentError('expected a code like 35.07 or 35.07.12.2001');
    return v;
  });

const wholeNumber = (min: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
  return Number(v);
};

interface Filter {
  status?: ReportStatus;
  area?: string;
}

/** Runs `write` on stdout, or on FILE (created or replaced) when given. */
async function toOutput(file: string | undefined, write: (out: Output) => Promise<number>): Promise<number> {
  if (!file) return write(process.stdout);
  const stream = createWriteStream(file);
  const code = await write(stream);
  stream.end();
  await finished(stream);
  return code;
}

/** `reports list|show|export|stats|repeats|retention`: reads reports in Redis; never prints a reporter without consent. */
export function registerReportCommands(program: Command): void {
  const reports = program.command('reports').description('recruiter reports in Redis (REDIS_URL)');

  reports
    .command('list')
    .description('reports, newest first: code, created, status, level, area, village, owner officer')
    .addOption(statusOption())
    .addOption(areaOption())
    .option('--limit <n>', 'show at most this many', wholeNumber(1), 50)
    .action((opts: Filter & { limit: number }) =>
      withReports((deps) => listReports(deps, process.stdout, opts)),
    );

  reports
    .command('show <code>')
    .description("a report's details and full history")
    .option('--with-reporter', "print the reporter's chat address when they agreed to direct contact", false)
    .action((code: string, opts: { withReporter: boolean }) =>
      withReports((deps) =>
        showReport(
          { ...deps, translator: createTranslator(deps.localesDir) },
          process.stdout,
          parseReportCode(code) ?? code.trim(),
          opts,
        ),
      ),
    );

  reports
    .command('export')
    .description(
      'every matching report as CSV, JSON, or CSV with the IOM HTCDS 2.0 column names (htcds), one row per report',
    )
    .addOption(
      new Option('--format <format>', 'csv, json or htcds').choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .addOption(statusOption())
    .addOption(areaOption())
    .option(
      '--with-reporter',
      'add the chat address of reporters who agreed to direct contact (csv and json only)',
      false,
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: Filter & { format: ExportFormat; withReporter: boolean; out?: string }) =>
      withReports((deps) => toOutput(opts.out, (out) => exportReports(deps, out, opts))),
    );

  reports
    .command('stats')
    .description(
      'the desk overview as text: by status, open by age, overdue, median times to acknowledge and resolve, ' +
        'by district, sub-district and village, the last 30 days',
    )
    .addOption(areaOption())
    .action((opts: { area?: string }) =>
      withReports((deps) => reportStats(deps, process.stdout, new Date(), opts)),
    );

  reports
    .command('repeats')
    .description(
      'recruiters in two or more reports (the same phone, company or name), linked, each company and ' +
        'phone checked against the agency list (content/jobs/agencies.csv: licensed, revoked, suspended, expired)',
    )
    .addOption(statusOption())
    .addOption(areaOption())
    .action((opts: Filter) =>
      withReports((deps) => {
        const agencies = loadAgencyChecker(deps.contentDir);
        if ('problems' in agencies) {
          for (const p of agencies.problems) process.stderr.write(`${p}\n`);
          return Promise.resolve(1);
        }
        return reportRepeats({ ...deps, agencies }, process.stdout, opts);
      }),
    );

  reports
    .command('retention')
    .description(
      "remove reporters' contact data from reports resolved more than N days ago (reports stay); delete " +
        'departure/return entries REGISTER_RETENTION_MONTHS after their contract end or return',
    )
    .requiredOption('--days <n>', 'resolved more than this many days ago', wholeNumber(0))
    .option('--dry-run', 'only count them', false)
    .action((opts: { days: number; dryRun: boolean }) =>
      withReports((deps) =>
        retentionCommand(deps.store, process.stdout, { ...opts, now: new Date(), register: deps.register }),
      ),
    );
}
