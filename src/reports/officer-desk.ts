import { randomInt } from 'node:crypto';
import type { Locale } from '../core/locale.js';
import {
  actionProblem,
  type ActionResult,
  type HistoryLine,
  type JoinResult,
  type OfficerAction,
  type OfficerDesk,
  type OfficerReportView,
  type OfficerSelf,
  type RefusalReason,
} from '../core/officer.js';
import type { Clock, Logger } from '../core/ports.js';
import type { ReportStatus, VillageFinder } from '../core/report.js';
import { jobIds, messageJob, type JobQueue, type JobSpec, type MessageKind } from '../reports/jobs.js';
import { areaOf, type HistoryEntry, type ReportRecord } from '../reports/report-record.js';
import type { ReportStore } from '../reports/report-store.js';
import { FINISHED, OPEN, TAKEABLE } from '../reports/statuses.js';
import { routeWaitingFor } from '../reports/unrouted.js';
import type { InviteStore } from './invites.js';
import type { Officer, OfficerDirectory } from './officer.js';

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
 * May this officer see and act on this report? Their area must contain the report's village; village
 * officers never see reports the reporter sent past the village (the recruiter may be one of them).
 */
export function covers(officer: Officer, report: ReportRecord): boolean {
  if (officer.role === 'admin') return true;
  if (officer.role === 'village' && report.details.bypassVillage) return false;
  return areaOf(report.details.village, officer.role) === officer.area;
}

/** Officer actions, each authorised here against the officer record and the report's area. */
export function createOfficerDesk(deps: OfficerDeskDeps): OfficerDesk {
  const { directory, store, queue } = deps;
  const at = () => deps.clock.now().toISOString();
  const entry = (type: string, more: Omit<HistoryEntry, 'at' | 'type'> = {}): HistoryEntry => ({
    at: at(),
    type,
    ...more,
  });

  const areaName = (role: Officer['role'], area: string): string => {
    if (role === 'village') {
      const v = deps.villages.byCode(area);
      return v ? `${v.name}, ${v.district}, ${v.regency}` : area;
    }
    return role === 'admin' ? '' : (deps.areaName(area) ?? area);
  };
  const selfOf = (o: Officer): OfficerSelf => ({
    role: o.role,
    area: o.area,
    areaName: areaName(o.role, o.area),
    name: o.name,
  });

  /**
   * A refused action goes to the report's audit log, never into its history: refusals (another area,
   * a revoked officer, forged button data, not the owner) cannot push real events out of sight.
   */
  const refuse = (code: string, reason: string, officer?: Officer): Promise<void> =>
    store.audit(code, entry('refused', { ...(officer ? { officers: [officer.id] } : {}), reason }));

  /** The officer and the report, if the officer may act on it; refusals are audited. */
  async function authorise(
    address: string,
    code: string,
    what: string,
  ): Promise<{ officer: Officer; report: ReportRecord } | { refused: RefusalReason }> {
    const [officer, report] = await Promise.all([directory.byAddress(address), store.get(code)]);
    if (!report) return { refused: officer ? 'not-found' : 'not-officer' };
    if (!officer?.active) {
      await refuse(code, `${what}: not an officer`);
      return { refused: 'not-officer' };
    }
    if (!covers(officer, report)) {
      await refuse(code, `${what}: outside the officer's area`, officer);
      // Another area's report reads like one that does not exist.
      return { refused: 'not-found' };
    }
    return { officer, report };
  }

  const ownerName = async (id: string | undefined): Promise<string> =>
    (id ? await directory.get(id) : undefined)?.name ?? '-';

  /** The officer who took the report is told when another officer adds a note or asks the reporter. */
  const tellOwner = (officer: Officer, r: ReportRecord, kind: MessageKind): JobSpec[] =>
    r.owner && r.owner !== officer.id
      ? [messageJob({ code: r.code, to: r.owner, kind, text: officer.name, seq: Date.parse(at()) })]
      : [];

  const notify = (r: ReportRecord, status: ReportStatus): JobSpec[] =>
    r.updates
      ? [{ name: 'notify', id: jobIds.notify({ code: r.code, status }), data: { code: r.code, status } }]
      : [];

  /**
   * Takes the report: it now sits with the officer (their level and area), so the reporter reads the
   * level of whoever took it, not the level it had been escalated to.
   */
  async function acknowledge(officer: Officer, r: ReportRecord): Promise<ActionResult> {
    const change = await store.update(
      r.code,
      { from: TAKEABLE, to: 'acknowledged', owner: officer.id, level: officer.role, area: officer.area },
      entry('acknowledged', { officers: [officer.id], level: officer.role }),
    );
    if (change.applied) {
      const others = (await directory.forArea(r.level, r.area)).filter((o) => o.id !== officer.id);
      const seq = Date.parse(at());
      await queue.add([
        ...others.map((o) => messageJob({ code: r.code, to: o.id, kind: 'taken', text: officer.name, seq })),
        ...notify(r, 'acknowledged'),
      ]);
      deps.onAcknowledged?.((deps.clock.now().getTime() - Date.parse(r.createdAt)) / 1000);
      return { type: 'done', code: r.code };
    }
    const now = change.before === 'acknowledged' ? await store.get(r.code) : undefined;
    if (now?.owner === officer.id) return { type: 'already', code: r.code };
    await refuse(r.code, `ack: report ${change.before ?? 'missing'}`, officer);
    if (now) return { type: 'taken', code: r.code, by: await ownerName(now.owner) };
    return { type: 'refused', code: r.code, reason: 'closed' };
  }

  /**
   * Closes the report with an outcome. Only its owner may once someone took it (guarded in the same
   * step). The first outcome recorded stands: resolving again says what was recorded and by whom;
   * the same outcome from the same officer (a replayed button) is "already".
   */
  async function resolve(
    officer: Officer,
    r: ReportRecord,
    outcome: string,
    note: string,
  ): Promise<ActionResult> {
    const change = await store.update(
      r.code,
      {
        from: OPEN,
        to: 'resolved',
        outcome,
        owner: officer.id,
        level: officer.role,
        area: officer.area,
        openTo: officer.id,
      },
      entry('resolved', { officers: [officer.id], reason: outcome, ...(note ? { note } : {}) }),
    );
    if (change.applied) {
      await queue.add(notify(r, 'resolved'));
      return { type: 'done', code: r.code };
    }
    const now = await store.get(r.code);
    if (now?.status === 'resolved' && now.outcome === outcome && now.owner === officer.id)
      return { type: 'already', code: r.code };
    const why = now?.status === 'acknowledged' ? 'not the owner' : `report ${now?.status ?? 'missing'}`;
    await refuse(r.code, `resolve: ${why}`, officer);
    if (now?.status === 'resolved')
      return {
        type: 'resolved-as',
        code: r.code,
        outcome: now.outcome ?? '',
        by: await ownerName(now.owner),
      };
    if (now?.status === 'acknowledged')
      return { type: 'not-owner', code: r.code, by: await ownerName(now.owner) };
    return { type: 'refused', code: r.code, reason: 'closed' };
  }

  /** Relays a question to the reporter: only with their consent, and only while the report is open. */
  async function ask(officer: Officer, r: ReportRecord, question: string): Promise<ActionResult> {
    if (FINISHED.includes(r.status)) {
      await refuse(r.code, `ask: report ${r.status}`, officer);
      return { type: 'refused', code: r.code, reason: 'closed' };
    }
    if (r.contact === 'none') {
      await refuse(r.code, 'ask: reporter did not agree', officer);
      return { type: 'refused', code: r.code, reason: 'no-consent' };
    }
    await store.update(r.code, {}, entry('question', { officers: [officer.id], note: question }));
    await queue.add([
      messageJob({ code: r.code, to: 'reporter', kind: 'question', text: question, seq: Date.parse(at()) }),
      ...tellOwner(officer, r, 'other-ask'),
    ]);
    return { type: 'done', code: r.code };
  }

  async function historyLines(code: string): Promise<HistoryLine[]> {
    const history = await store.history(code);
    const ids = [...new Set(history.flatMap((h) => h.officers ?? []))];
    const names = new Map(
      (await Promise.all(ids.map((id) => directory.get(id)))).flatMap((o) => (o ? [[o.id, o.name]] : [])),
    );
    return history.map((h) => ({
      at: h.at,
      type: h.type,
      ...(h.level ? { level: h.level } : {}),
      ...(h.officers && h.officers.length > 0
        ? { who: h.officers.map((id) => names.get(id) ?? id).join(', ') }
        : {}),
      ...(h.note ? { note: h.note } : {}),
    }));
  }

  return {
    async join(address: string, code: string, locale: Locale): Promise<JoinResult> {
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
        joinedAt: at(),
      };
      await directory.save(officer);
      deps.onJoined?.(address);
      deps.logger.info({ officer: officer.id, role, area }, 'officer joined');
      // Reports that waited for anyone to be registered go out now (the sweep catches a failure here).
      await routeWaitingFor(store, queue, officer, covers).catch((err: unknown) => {
        deps.logger.warn({ err, officer: officer.id }, 'could not route the waiting reports yet');
      });
      return { type: 'joined', officer: selfOf(officer) };
    },

    async whoAmI(address: string): Promise<OfficerSelf | undefined> {
      const officer = await directory.byAddress(address);
      return officer?.active ? selfOf(officer) : undefined;
    },

    async act(address: string, action: OfficerAction): Promise<ActionResult> {
      const problem = actionProblem(action);
      if (problem) {
        deps.logger.warn({ action: action.type, problem }, 'officer action refused: not well formed');
        const code: unknown = action.code;
        return { type: 'refused', code: typeof code === 'string' ? code.slice(0, 12) : '-', reason: problem };
      }
      const ok = await authorise(address, action.code, action.type);
      if ('refused' in ok) return { type: 'refused', code: action.code, reason: ok.refused };
      const { officer, report } = ok;
      switch (action.type) {
        case 'ack':
          return acknowledge(officer, report);
        case 'resolve':
          return resolve(officer, report, action.outcome, action.note);
        case 'note':
          await store.update(report.code, {}, entry('note', { officers: [officer.id], note: action.note }));
          await queue.add(tellOwner(officer, report, 'other-note'));
          return { type: 'done', code: report.code };
        case 'ask':
          return ask(officer, report, action.question);
      }
    },

    async view(address: string, code: string): Promise<OfficerReportView | undefined> {
      const ok = await authorise(address, code, 'view');
      if ('refused' in ok) return undefined;
      const { report } = ok;
      const [history, reporter, owner] = await Promise.all([
        historyLines(code),
        report.contact === 'direct' ? store.reporter(code) : undefined,
        report.owner ? directory.get(report.owner) : undefined,
      ]);
      return {
        code,
        status: report.status,
        level: report.level,
        createdAt: report.createdAt,
        details: report.details,
        village: deps.villages.byCode(report.details.village),
        contact: report.contact,
        ...(reporter ? { reporterAddress: reporter.address } : {}),
        ...(owner ? { owner: owner.name } : {}),
        ...(report.outcome ? { outcome: report.outcome } : {}),
        history,
      };
    },

    async open(address: string) {
      const officer = await directory.byAddress(address);
      if (!officer?.active) return [];
      const codes =
        officer.role === 'admin'
          ? (await Promise.all(OPEN.map((s) => store.codesByStatus(s)))).flat()
          : await store.codesByArea(officer.area);
      const reports = (await Promise.all(codes.map((c) => store.get(c)))).filter(
        (r): r is ReportRecord => r !== undefined && OPEN.includes(r.status) && covers(officer, r),
      );
      return reports
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((r) => ({
          code: r.code,
          status: r.status,
          createdAt: r.createdAt,
          village: deps.villages.byCode(r.details.village)?.name ?? r.details.village,
        }));
    },

    async answer(reporterAddress: string, code: string, text: string): Promise<'sent' | 'refused'> {
      const [reporter, history] = await Promise.all([store.reporter(code), store.history(code)]);
      const question = history.findLast((h) => h.type === 'question');
      const asker = question?.officers?.[0];
      if (reporter?.address !== reporterAddress || reporter.contact === 'none' || !asker) return 'refused';
      await store.update(code, {}, entry('answer', { note: text }));
      await queue.add([messageJob({ code, to: asker, kind: 'answer', text, seq: Date.parse(at()) })]);
      return 'sent';
    },
  };
}
