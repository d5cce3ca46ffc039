import { randomInt } from 'node:crypto';
import type { Locale } from '../core/locale.js';
import type { JoinResult, OfficerDesk, OfficerSelf } from '../core/officer.js';
import type { Clock, Logger } from '../core/ports.js';
import { ACTION_TEXT_LIMIT, isReportCode } from '../core/report-actions.js';
import type { VillageFinder } from '../core/report.js';
import type { InviteStore } from '../officers/invites.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import { messageJob, type JobQueue } from './jobs.js';
import { covers, createDeskAccess, type DeskAccess } from './officer-access.js';
import { runAction } from './officer-actions.js';
import { openReports, viewReport } from './officer-views.js';
import type { ReportStore } from './report-store.js';
import { routeWaitingFor } from './unrouted.js';

export { covers } from './officer-access.js';

export interface OfficerDeskDeps {
  readonly directory: OfficerDirectory;
  readonly invites: InviteStore;
  readonly store: ReportStore;
  readonly queue: JobQueue;
  readonly villages: VillageFinder;
  /** Names of regencies and provinces by code. */
  readonly areaName: (code: string) => string | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called when an address becomes an officer (WhatsApp may then message it first). */
  readonly onJoined?: (address: string) => void;
  /** Called with the time from submission to the first acknowledgement (metrics). */
  readonly onAcknowledged?: (seconds: number) => void;
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const newOfficerId = (): string =>
  `o${Array.from({ length: 9 }, () => ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length))).join('')}`;

/**
 * What officers do from chat (and reporters answering them), each call authorised here against the
 * officer record and the report's area. The parts live by role: officer-access (who may touch what),
 * officer-actions (take, resolve, note, ask), officer-views (a report, the open list).
 */
export function createOfficerDesk(deps: OfficerDeskDeps): OfficerDesk {
  const access = createDeskAccess(deps);
  const parts = { ...deps, access };
  const selfOf = (o: Officer): OfficerSelf => ({
    role: o.role,
    area: o.area,
    areaName: areaName(deps, o.role, o.area),
    name: o.name,
  });
  return {
    join: (address, code, locale) => join(deps, access, address, code, locale, selfOf),
    async whoAmI(address) {
      const officer = await deps.directory.byAddress(address);
      return officer?.active ? selfOf(officer) : undefined;
    },
    act: (address, action) => runAction(parts, address, action),
    view: (address, code) => viewReport(parts, address, code),
    open: (address) => openReports(parts, address),
    answer: (reporterAddress, code, text) => answer(deps, access, reporterAddress, code, text),
  };
}

/** Name of an officer's area: the village with its district and regency, a regency, a province. */
function areaName(deps: OfficerDeskDeps, role: Officer['role'], area: string): string {
  if (role === 'village') {
    const v = deps.villages.byCode(area);
    return v ? `${v.name}, ${v.district}, ${v.regency}` : area;
  }
  return role === 'admin' ? '' : (deps.areaName(area) ?? area);
}

/** Redeems an invite for this address; reports that waited for anyone to be registered go out now. */
async function join(
  deps: OfficerDeskDeps,
  access: DeskAccess,
  address: string,
  code: string,
  locale: Locale,
  selfOf: (o: Officer) => OfficerSelf,
): Promise<JoinResult> {
  const redeemed = await deps.invites.redeem(code, address, deps.clock.now());
  if (redeemed.type !== 'ok') return { type: redeemed.type };
  const { role, area, name } = redeemed.invite;
  const officer: Officer = {
    id: newOfficerId(),
    role,
    area,
    address,
    name: name || role,
    locale,
    active: true,
    joinedAt: access.at(),
  };
  await deps.directory.save(officer);
  deps.onJoined?.(address);
  deps.logger.info({ officer: officer.id, role, area }, 'officer joined');
  // The sweep catches a failure here.
  await routeWaitingFor(deps.store, deps.queue, officer, covers).catch((err: unknown) => {
    deps.logger.warn({ err, officer: officer.id }, 'could not route the waiting reports yet');
  });
  return { type: 'joined', officer: selfOf(officer) };
}

/** The reporter answers the last question asked; relayed to the officer who asked, neither side named. */
async function answer(
  deps: OfficerDeskDeps,
  access: DeskAccess,
  reporterAddress: string,
  code: string,
  text: string,
): Promise<'sent' | 'refused'> {
  if (!isReportCode(code) || text.length > ACTION_TEXT_LIMIT) return 'refused';
  const [reporter, history] = await Promise.all([deps.store.reporter(code), deps.store.history(code)]);
  const question = history.findLast((h) => h.type === 'question');
  const asker = question?.officers?.[0];
  if (reporter?.address !== reporterAddress || reporter.contact === 'none' || !asker) return 'refused';
  await deps.store.update(code, {}, access.entry('answer', { note: text }));
  await deps.queue.add([messageJob({ code, to: asker, kind: 'answer', text, seq: Date.parse(access.at()) })]);
  return 'sent';
}
