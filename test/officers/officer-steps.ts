import { expect } from 'vitest';
import { newInviteCode } from '../../src/officers/invites.js';
import { TODAY, chat, type makeEngine } from '../helpers/engine.js';
import { reportLines } from '../helpers/report-script.js';

/** Steps of the officer tests on the memory report side: join, file a report, read what was sent. */
export type Setup = ReturnType<typeof makeEngine>;

/** A one-time invite code stored for an officer of `role` in `area`, valid `hours` (negative: expired). */
export async function invite(
  s: Setup,
  role: 'village' | 'district' | 'province' | 'admin',
  area: string,
  name: string,
  hours = 72,
) {
  const code = newInviteCode();
  await s.reports.invites.add(code, {
    role,
    area,
    name,
    createdAt: TODAY.toISOString(),
    expiresAt: new Date(TODAY.getTime() + hours * 3_600_000).toISOString(),
  });
  return code;
}

export async function join(
  s: Setup,
  address: string,
  role: 'village' | 'district' | 'admin',
  area: string,
  name: string,
) {
  const code = await invite(s, role, area, name);
  const c = chat(s.engine, address);
  expect(c.text(await c.say(`petugas ${code}`))).toContain('Selamat bergabung');
  await s.reports.queue.idle();
  return c;
}

export async function fileReport(s: Setup, address: string, answers: Parameters<typeof reportLines>[0] = {}) {
  const c = chat(s.engine, address);
  for (const line of reportLines(answers)) await c.say(line);
  const out = c.text(await c.say('1'));
  const code = /R-[A-Z0-9]{6}/.exec(out)?.[0];
  if (!code) throw new Error(`not received: ${out}`);
  await s.reports.queue.idle();
  return { c, code };
}

/** Everything the workers sent to one address, titles and bodies. */
export const textTo = (s: Setup, address: string): string =>
  s.sender.sent
    .filter((x) => x.address === address)
    .flatMap((x) => x.messages.map((m) => `${m.title ?? ''}\n${m.body}`))
    .join('\n---\n');
