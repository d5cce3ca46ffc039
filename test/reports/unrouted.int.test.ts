import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AreaLevel } from '../../src/core/report.js';
import { statusLines } from '../../src/core/report-summary.js';
import { renderText } from '../../src/core/render.js';
import { reportStats } from '../../src/cli/reports-commands.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { newInviteCode } from '../../src/officers/invites.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { buffer } from '../cli/reports-fixture.js';
import { recordingSender, testVillages } from '../helpers/engine.js';
import { sampleDetails, sampleReporter, startRedisReports, until } from '../helpers/report-harness.js';
import { MALANG, TERNYANG, officer } from '../helpers/report-script.js';

type Harness = Awaited<ReturnType<typeof startRedisReports>>;
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function harness(opts: Partial<Parameters<typeof startRedisReports>[0]> = {}) {
  const sender = recordingSender();
  const h = await startRedisReports({ prefix: `test:${randomUUID().slice(0, 8)}:`, sender, ...opts });
  open.push(h);
  return { h, sender };
}

/** An officer joins the way a real one does: with an invite code sent to the bot. */
async function joinWithInvite(h: Harness, address: string, role: AreaLevel, area: string) {
  const code = newInviteCode();
  const now = new Date();
  await h.invites.add(code, {
    role,
    area,
    name: `Petugas ${role}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
  });
  expect((await h.officerDesk.join(address, code, 'id')).type).toBe('joined');
}

async function fileBeforeAnyOfficer(h: Harness, over: Parameters<typeof sampleDetails>[0] = {}) {
  const res = await h.desk.submit({
    reporter: sampleReporter(),
    draftKey: randomUUID(),
    details: sampleDetails(over),
  });
  const code = res.type === 'received' ? res.code : '';
  await until(async () => (await h.store.get(code))?.status === 'unrouted');
  return code;
}

const translator = createTranslator('locales');
const alerted = (sent: ReturnType<typeof recordingSender>['sent'], address: string, code: string) =>
  sent.some((s) => s.address === address && (s.messages[0]?.title ?? '').includes(code));

describe('a report filed before any officer exists (DESIGN §5: it waits, it is never a dead end)', () => {
  it('waits as "unrouted" instead of failing; cek says it waits for an officer; /metrics and reports stats count it', async () => {
    const { h } = await harness();
    const code = await fileBeforeAnyOfficer(h);
    const history = (await h.store.history(code)).map((e) => e.type);
    expect(history).toEqual(['submitted', 'unrouted']);
    expect(history).not.toContain('failed');

    const view = await h.desk.status(code, 'telegram:9001');
    expect(view?.status).toBe('unrouted');
    const cek = statusLines(view ?? (undefined as never), 'id').map((t) => renderText(translator, 'id', t));
    expect(cek[0]).toContain('menunggu petugas');
    expect(cek.join('\n')).not.toContain('sudah diberi tahu');

    const metrics = createMetrics({ processMetrics: false });
    metrics.watchUnrouted(async () => (await h.store.codesByStatus('unrouted')).length);
    expect(await metrics.registry.metrics()).toContain('demimas_reports_unrouted 1');

    const out = buffer();
    await reportStats({ store: h.store, villages: testVillages() }, out, new Date());
    expect(out.text()).toContain('(open: 1, waiting for an officer to register: 1)');
    expect(out.text()).toMatch(/unrouted\s+1/);
  });

  it('is routed as soon as a village officer of its area joins with an invite', async () => {
    const { h, sender } = await harness();
    const code = await fileBeforeAnyOfficer(h);
    await joinWithInvite(h, 'console:desa', 'village', TERNYANG);
    await until(async () => (await h.store.get(code))?.status === 'notified');
    expect(alerted(sender.sent, 'console:desa', code)).toBe(true);
    expect(await h.store.get(code)).toMatchObject({ level: 'village', area: TERNYANG });
  });

  it('is not routed when an officer of another area joins, and is when a district officer covering it joins', async () => {
    const { h, sender } = await harness();
    const code = await fileBeforeAnyOfficer(h);
    await joinWithInvite(h, 'console:lain', 'village', '32.01.16.2013');
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.store.get(code))?.status).toBe('unrouted');
    await joinWithInvite(h, 'console:kab', 'district', MALANG);
    await until(async () => (await h.store.get(code))?.status === 'notified');
    expect(alerted(sender.sent, 'console:kab', code)).toBe(true);
    expect(alerted(sender.sent, 'console:lain', code)).toBe(false);
  });

  it('goes to an admin who joins, and a report sent past the village is not given to a village officer', async () => {
    const { h, sender } = await harness();
    const bypass = await fileBeforeAnyOfficer(h, { bypassVillage: true });
    await joinWithInvite(h, 'console:desa', 'village', TERNYANG);
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.store.get(bypass))?.status).toBe('unrouted');
    await joinWithInvite(h, 'console:admin', 'admin', '');
    await until(async () => (await h.store.get(bypass))?.status === 'notified');
    expect(await h.store.get(bypass)).toMatchObject({ level: 'admin' });
    expect(alerted(sender.sent, 'console:admin', bypass)).toBe(true);
    expect(alerted(sender.sent, 'console:desa', bypass)).toBe(false);
  });

  it('is routed by the sweep when an officer was registered without the join noticing it', async () => {
    const { h, sender } = await harness();
    const code = await fileBeforeAnyOfficer(h);
    await h.officers.save(officer('desa', 'village', TERNYANG));
    expect(await h.pipeline.sweep(60_000)).toBe(1);
    await until(async () => (await h.store.get(code))?.status === 'notified');
    expect(alerted(sender.sent, 'console:desa', code)).toBe(true);
    // Nothing left waiting: the next sweep queues nothing.
    expect(await h.pipeline.sweep(60_000)).toBe(0);
  });
});
