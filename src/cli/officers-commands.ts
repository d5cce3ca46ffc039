import { AREA_LEVELS, type AreaLevel, type VillageFinder } from '../core/report.js';
import { newInviteCode, type InviteStore } from '../officers/invites.js';
import type { OfficerDirectory } from '../officers/officer.js';

export type Output = (line: string) => void;

export interface InviteRequest {
  readonly role: AreaLevel;
  readonly area: string;
  readonly name: string;
  readonly hours: number;
}

export interface OfficerCommandDeps {
  readonly directory: OfficerDirectory;
  readonly invites: InviteStore;
  readonly villages: VillageFinder;
  /** Regency and province names by code. */
  readonly areaName: (code: string) => string | undefined;
  readonly now: () => Date;
}

const AREA_PATTERN: Readonly<Record<AreaLevel, RegExp>> = {
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
  district: /^\d{2}\.\d{2}$/,
  province: /^\d{2}$/,
  admin: /^$/,
};

/** The area's name, or why the code does not fit the role. */
export function checkArea(
  role: AreaLevel,
  area: string,
  deps: Pick<OfficerCommandDeps, 'villages' | 'areaName'>,
): { name: string } | { error: string } {
  if (!AREA_PATTERN[role].test(area)) {
    const example = { village: '35.07.12.2001', district: '35.07', province: '35', admin: '(none)' }[role];
    return { error: `--area for a ${role} officer must look like ${example}` };
  }
  if (role === 'admin') return { name: 'all areas' };
  if (role === 'village') {
    const v = deps.villages.byCode(area);
    return v
      ? { name: `${v.name}, ${v.district}, ${v.regency}, ${v.province}` }
      : { error: `no village ${area} in idn-area-data` };
  }
  const name = deps.areaName(area);
  return name
    ? { name }
    : { error: `no ${role === 'district' ? 'regency/city' : 'province'} ${area} in idn-area-data` };
}

/** `officers invite`: prints a one-time code (stored hashed) for the officer to send to the bot. */
export async function inviteOfficer(
  req: InviteRequest,
  deps: OfficerCommandDeps,
  out: Output,
): Promise<number> {
  const area = checkArea(req.role, req.area, deps);
  if ('error' in area) {
    out(`error: ${area.error}`);
    return 2;
  }
  const now = deps.now();
  const code = newInviteCode();
  const expiresAt = new Date(now.getTime() + req.hours * 3_600_000).toISOString();
  await deps.invites.add(code, {
    role: req.role,
    area: req.area,
    name: req.name,
    createdAt: now.toISOString(),
    expiresAt,
  });
  out(`invite code: ${code}`);
  out(`for: ${req.role} officer${req.name ? ` ${req.name}` : ''}, ${area.name}`);
  out(`valid until: ${expiresAt} (one use)`);
  out(`the officer sends to the bot: petugas ${code}   (Telegram: /petugas ${code})`);
  out('the code is stored only as a hash: it cannot be shown again.');
  return 0;
}

/** `officers list`: every officer with role, area, channel and state (no chat ids). */
export async function listOfficers(deps: OfficerCommandDeps, out: Output): Promise<number> {
  const officers = await deps.directory.list();
  if (officers.length === 0) {
    out('no officers registered');
    return 0;
  }
  const rows = [
    ['id', 'role', 'area', 'name', 'channel', 'state', 'joined (UTC)'],
    ...officers
      .sort(
        (a, b) => AREA_LEVELS.indexOf(a.role) - AREA_LEVELS.indexOf(b.role) || a.area.localeCompare(b.area),
      )
      .map((o) => [
        o.id,
        o.role,
        o.area || '-',
        o.name,
        o.address.slice(0, o.address.indexOf(':')),
        o.active ? 'active' : 'revoked',
        o.joinedAt.slice(0, 16).replace('T', ' '),
      ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows)
    out(
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  return 0;
}

/** `officers revoke ID`: the officer gets no more alerts and every action of theirs is refused. */
export async function revokeOfficer(id: string, deps: OfficerCommandDeps, out: Output): Promise<number> {
  const officer = await deps.directory.get(id);
  if (!officer) {
    out(`no officer ${id}`);
    return 1;
  }
  if (!officer.active) {
    out(`officer ${id} was already revoked`);
    return 0;
  }
  await deps.directory.save({ ...officer, active: false });
  out(`officer ${id} (${officer.role} ${officer.area || '-'}) revoked`);
  return 0;
}
