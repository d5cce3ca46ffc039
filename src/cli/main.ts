import { Command, InvalidArgumentError } from 'commander';
import { checkContent } from './content-check.js';
import { FACT_SHEET, writeFactsIndex } from './facts-index.js';
import { coverageLines } from './locale-coverage.js';
import { importCsv, type ImportKind } from './import-csv.js';
import { progressBar } from './progress.js';
import { registerOfficerCommands } from './officers-cli.js';
import { registerReportCommands } from './reports-cli.js';
import { registerRegisterCommands } from './register-cli.js';
import { registerBroadcastCommands } from './broadcasts-cli.js';
import { registerDeskCommands } from './desk-cli.js';

// `reports stats | head`: the reader went away; stop quietly, as other command-line tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') process.stderr.write(`cannot write the output: ${err.message}\n`);
  process.exit(err.code === 'EPIPE' ? 0 : 1);
});

const program = new Command('demimas').description('demimas-bot administration');

const content = program.command('content').description('content files under content/');
content
  .command('check')
  .description('validate every content file; warn about items past their review date')
  .option('--dir <path>', 'content folder', process.env.CONTENT_DIR ?? 'content')
  .option('--locales <path>', 'locales folder', process.env.LOCALES_DIR ?? 'locales')
  .option('--today <date>', 'check as of this date (YYYY-MM-DD)', (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
      throw new InvalidArgumentError('expected YYYY-MM-DD');
    return new Date(`${v}T00:00:00Z`);
  })
  .action((opts: { dir: string; locales: string; today?: Date }) => {
    const report = checkContent(opts.dir, opts.today ?? new Date());
    for (const line of report.lines) console.log(line);
    for (const line of coverageLines(opts.locales)) console.log(line);
    process.exitCode = report.exitCode;
  });

content
  .command('facts-index')
  .description('write content/facts-index.yaml (fact ids and tags) from the shared fact sheet')
  .option('--sheet <path>', 'the fact sheet', FACT_SHEET)
  .option('--dir <path>', 'content folder', process.env.CONTENT_DIR ?? 'content')
  .action((opts: { sheet: string; dir: string }) => {
    console.log(`${writeFactsIndex(opts.sheet, opts.dir)} facts written to ${opts.dir}/facts-index.yaml`);
  });

for (const [kind, what] of [
  ['jobs', 'job listings'],
  ['agencies', 'placement companies (P3MI)'],
] as const satisfies readonly (readonly [ImportKind, string])[]) {
  program
    .command(kind)
    .description(what)
    .command('import <file>')
    .description(
      `validate a CSV of ${what} and add it to content/ (nothing is written unless every row is valid)`,
    )
    .option('--dir <path>', 'content folder', process.env.CONTENT_DIR ?? 'content')
    .option('--replace', 'replace all rows instead of adding and updating by id', false)
    .option('--dry-run', 'validate only', false)
    .action((file: string, opts: { dir: string; replace: boolean; dryRun: boolean }) => {
      const report = importCsv(kind, file, {
        contentDir: opts.dir,
        replace: opts.replace,
        dryRun: opts.dryRun,
        progress: progressBar(process.stderr, `${kind} import`),
      });
      for (const line of report.lines) console.log(line);
      process.exitCode = report.exitCode;
    });
}

registerOfficerCommands(program);
registerReportCommands(program);
registerRegisterCommands(program);
registerBroadcastCommands(program);
registerDeskCommands(program);

await program.parseAsync(process.argv);
