import { afterAll, describe, expect, it } from 'vitest';
import {
  checkArea,
  inviteOfficer,
  listOfficers,
  revokeOfficer,
  type OfficerCommandDeps,
} from '../../src/cli/officers-commands.js';
import { loadAreaNames } from '../../src/content/areas.js';
import { inviteKeys, RedisInviteStore } from '../../src/officers/invites.js';
import { officerKeys, RedisOfficerDirectory } from '../../src/officers/redis-officer-directory.js';
import { scanKeys } from '../../src/storage/scan.js';
import { testVillages } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';
import { TERNYANG } from '../helpers/report-script.js';

const r = testRedis();
afterAll(() => r.cleanup());
const areas = loadAreaNames();

function deps(now = new Date('2026-11-29T08:00:00Z')): OfficerCommandDeps & { invites: RedisInviteStore } {
  return {
    directory: new RedisOfficerDirectory(r.redis, officerKeys(r.prefix)),
    invites: new RedisInviteStore(r.redis, inviteKeys(r.prefix)),
    villages: testVillages(),
    areaName: (code) => areas.name(code),
    now: () => now,
  };
}

const printed = () => {
  const lines: string[] = [];
  return { lines, out: (l: string) => lines.push(l) };
};

describe('officers admin commands (real Redis)', () => {
  it('checks the area against idn-area-data for each role', () => {
    const d = deps();
    expect(checkArea('village', TERNYANG, d)).toEqual({
      name: 'Ternyang, Sumberpucung, Kabupaten Malang, Jawa Timur',
    });
    expect(checkArea('district', '35.07', d)).toEqual({ name: 'Kabupaten Malang' });
    expect(checkArea('province', '35', d)).toEqual({ name: 'Jawa Timur' });
    expect(checkArea('village', '35.07', d)).toMatchObject({
      error: expect.stringContaining('35.07.12.2001') as string,
    });
    expect(checkArea('district', '99.99', d)).toEqual({ error: 'no regency/city 99.99 in idn-area-data' });
    expect(checkArea('village', '99.99.99.9999', d)).toEqual({
      error: 'no village 99.99.99.9999 in idn-area-data',
    });
  });

  it('prints a one-time code stored only as a hash, usable once, refused after expiry and after repeated wrong tries', async () => {
    const d = deps();
    const p = printed();
    expect(await inviteOfficer({ role: 'village', area: TERNYANG, name: 'Bu Sri', hours: 2 }, d, p.out)).toBe(
      0,
    );
    const code = /invite code: (\S+)/.exec(p.lines.join('\n'))?.[1] ?? '';
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
    const keys: string[] = [];
    await scanKeys(r.redis, inviteKeys(r.prefix).invite('*'), (found) =>
      Promise.resolve(void keys.push(...found)),
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(code.replace('-', ''));
    expect(await r.redis.get(keys[0] ?? '')).not.toContain(code.replace('-', ''));

    const later = new Date('2026-11-29T11:00:00Z');
    expect(await d.invites.redeem(code, 'telegram:1', later)).toEqual({ type: 'expired' });
    const now = new Date('2026-11-29T09:00:00Z');
    expect(await d.invites.redeem(code.toLowerCase(), 'telegram:1', now)).toMatchObject({
      type: 'ok',
      invite: { role: 'village', area: TERNYANG },
    });
    expect(await d.invites.redeem(code, 'telegram:2', now)).toEqual({ type: 'used' });
    for (let i = 0; i < 5; i++)
      expect(await d.invites.redeem('AAAA-AAAA', 'telegram:3', now)).toEqual({ type: 'invalid' });
    expect(await d.invites.redeem(code, 'telegram:3', now)).toEqual({ type: 'limited' });
  });

  it('refuses an area that does not fit the role', async () => {
    const p = printed();
    expect(
      await inviteOfficer({ role: 'district', area: TERNYANG, name: '', hours: 72 }, deps(), p.out),
    ).toBe(2);
    expect(p.lines[0]).toContain('must look like 35.07');
  });

  it('lists officers without chat ids and revokes one', async () => {
    const d = deps();
    await d.directory.save({
      id: 'oabc',
      role: 'village',
      area: TERNYANG,
      address: 'telegram:123456',
      name: 'Bu Sri',
      locale: 'id',
      active: true,
      joinedAt: '2026-11-29T08:00:00.000Z',
    });
    const p = printed();
    await listOfficers(d, p.out);
    expect(p.lines.join('\n')).toContain('oabc');
    expect(p.lines.join('\n')).toContain('telegram');
    expect(p.lines.join('\n')).not.toContain('123456');
    expect(await revokeOfficer('oabc', d, p.out)).toBe(0);
    expect(await d.directory.forArea('village', TERNYANG)).toEqual([]);
    expect(await d.directory.byAddress('telegram:123456')).toBeUndefined();
    expect(await revokeOfficer('nobody', d, p.out)).toBe(1);
  });
});
