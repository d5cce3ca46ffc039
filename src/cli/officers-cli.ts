import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadAreaNames } from '../content/areas.js';
import { createVillageFinder } from '../content/village-finder.js';
import { AREA_LEVELS, type AreaLevel } from '../core/report.js';
import { inviteKeys, RedisInviteStore } from '../officers/invites.js';
import { officerKeys, RedisOfficerDirectory } from '../officers/redis-officer-directory.js';
import { inviteOfficer, listOfficers, revokeOfficer, type OfficerCommandDeps } from './officers-commands.js';
import { withRedis } from './with-redis.js';

const withOfficers = (work: (deps: OfficerCommandDeps) => Promise<number>) =>
  withRedis('officers', (redis, config) => {
    const areas = loadAreaNames();
    return work({
      directory: new RedisOfficerDirectory(redis, officerKeys(config.redisKeyPrefix)),
      invites: new RedisInviteStore(redis, inviteKeys(config.redisKeyPrefix)),
      villages: createVillageFinder(),
      areaName: (code) => areas.name(code),
      now: () => new Date(),
    });
  });

const print = (line: string) => {
  console.log(line);
};

/** `officers invite|list|revoke`. */
export function registerOfficerCommands(program: Command): void {
  const officers = program.command('officers').description('village, district, province officers and admins');
  officers
    .command('invite')
    .description('create a one-time invite code for an officer (stored hashed, expires)')
    .addOption(new Option('--role <role>', 'what the officer is').choices(AREA_LEVELS).makeOptionMandatory())
    .option(
      '--area <code>',
      'Kemendagri code: village 35.07.12.2001, district (regency/city) 35.07, province 35',
      '',
    )
    .option('--name <name>', 'name shown to other officers and in report histories', '')
    .option(
      '--hours <n>',
      'hours the code stays valid',
      (v) => {
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 720)
          throw new InvalidArgumentError('expected 1 to 720');
        return Number(v);
      },
      72,
    )
    .action((opts: { role: AreaLevel; area: string; name: string; hours: number }) =>
      withOfficers((deps) => inviteOfficer(opts, deps, print)),
    );
  officers
    .command('list')
    .description('every officer: role, area, channel, active or revoked')
    .action(() => withOfficers((deps) => listOfficers(deps, print)));
  officers
    .command('revoke <id>')
    .description('stop alerts to an officer and refuse their actions')
    .action((id: string) => withOfficers((deps) => revokeOfficer(id, deps, print)));
}
