import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { AreaLevel, VillageFinder } from '../core/report.js';
import { createVillageFinder } from '../content/village-finder.js';
import { RedisRegisterStore } from '../reports/redis-register-store.js';
import { entriesFor } from '../reports/register-desk.js';
import type { RegisterStore } from '../reports/register-store.js';
import { registerKeys } from '../storage/keys.js';
import { spreadsheetSafe } from '../reports/report-export.js';
import type { Output } from './report-select.js';
import { withRedis } from './with-redis.js';

/** A province (`35`), regency (`35.07`) or village (`35.07.12.2001`) code: the areas officers hold. */
const REGISTER_AREA = /^\d{2}(\.\d{2}(\.\d{2}\.\d{4})?)?$/;

/** The officer level whose area a code names, so the export reads through the officers' own check. */
export function scopeOf(area: string | undefined): { role: AreaLevel; area: string } {
  if (!area) return { role: 'admin', area: '' };
  const parts = area.split('.').length;
  return { role: parts === 1 ? 'province' : parts === 2 ? 'district' : 'village', area };
}

/** The export's columns, always in this order; `contact` only with `--with-contact`. */
export const REGISTER_COLUMNS = [
  'id',
  'created_at',
  'updated_at',
  'village_code',
  'village_name',
  'who',
  'told_by',
  'country',
  'agency',
  'departed',
  'contract_end',
  'returned',
  'return_route',
  'needs',
  'contact',
] as const;

/**
 * `register export`: the departure/return entries of an area (all without `--area`) as CSV, read
 * through `entriesFor` — the same area check as the officers' list in chat. Names, countries, agencies
 * and contacts are typed by villagers: every cell goes through `spreadsheetSafe`, as the report export's.
 */
export async function exportRegister(
  deps: { readonly store: RegisterStore; readonly villages: VillageFinder },
  out: Output,
  opts: { readonly area?: string; readonly withContact: boolean },
): Promise<number> {
  const entries = await entriesFor(deps.store, scopeOf(opts.area));
  const rows = entries.map((e) => [
    e.id,
    e.createdAt,
    e.updatedAt,
    e.village,
    deps.villages.byCode(e.village)?.name ?? '',
    e.who,
    e.relation,
    e.departure?.country ?? '',
    e.departure?.agency ?? '',
    e.departure?.departed ?? '',
    e.departure?.contractEnd ?? '',
    e.return?.returned ?? '',
    e.return?.route ?? '',
    (e.return?.needs ?? []).join(' '),
    opts.withContact ? (e.contact ?? '') : '',
  ]);
  out.write(stringify([[...REGISTER_COLUMNS], ...rows.map((row) => row.map(spreadsheetSafe))]));
  return 0;
}

/** `register export`: reads the register in Redis; contact ways only when asked for. */
export function registerRegisterCommands(program: Command): void {
  const register = program
    .command('register')
    .description('departures and returns residents told their village of (REDIS_URL)');
  register
    .command('export')
    .description('every entry of an area as CSV, one row per entry (retention: `reports retention`)')
    .option('--area <code>', 'province, regency or village code (35, 35.07, 35.07.12.2001)', (v: string) => {
      if (!REGISTER_AREA.test(v))
        throw new InvalidArgumentError('expected a code like 35.07 or 35.07.12.2001');
      return v;
    })
    .option('--with-contact', 'add the contact way the family agreed the village may use', false)
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: { area?: string; withContact: boolean; out?: string }) =>
      withRedis('register', async (redis, config) => {
        const deps = {
          store: new RedisRegisterStore(redis, registerKeys(config.redisKeyPrefix)),
          villages: createVillageFinder(),
        };
        if (!opts.out) return exportRegister(deps, process.stdout, opts);
        const stream = createWriteStream(opts.out);
        const code = await exportRegister(deps, stream, opts);
        stream.end();
        await finished(stream);
        return code;
      }),
    );
}
