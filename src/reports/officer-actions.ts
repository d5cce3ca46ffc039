import { actionProblem, type ActionResult, type OfficerAction } from '../core/officer.js';
import type { Clock, Logger } from '../core/ports.js';
import type { ReportStatus } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import { jobIds, messageJob, type JobQueue, type JobSpec, type MessageKind } from './jobs.js';
import type { DeskAccess } from './officer-access.js';
import type { ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';
import { FINISHED, OPEN, TAKEABLE } from './statuses.js';

/** What the officer actions write to and read from. */
export interface ActionDeps {
  readonly directory: OfficerDirectory;
  readonly store: ReportStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly access: DeskAccess;
  /** Called with the time from submission to the first acknowledgement (metrics). */
  readonly onAcknowledged?: (seconds: number) => void;
}

/**
 * Carries out one officer action: its shape checked (whoever sent it), the officer and the report
 * authorised, then the change guarded in the store so a replay or a race changes nothing twice.
 */
export async function runAction(
  deps: ActionDeps,
  address: string,
  action: OfficerAction,
): Promise<ActionResult> {
  const problem = actionProblem(action);
  if (problem) {
    deps.logger.warn({ action: action.type, problem }, 'officer action refused: not well formed');
    const code: unknown = action.code;
    return { type: 'refused', code: typeof code === 'string' ? code.slice(0, 12) : '-', reason: problem };
  }
  const ok = await deps.access.authorise(address, action.code, action.type);
  if ('refused' in ok) return { type: 'refused', code: action.code, reason: ok.refused };
  const { officer, report } = ok;
  switch (action.type) {
    case 'ack':
      return acknowledge(deps, officer, report);
    case 'resolve':
      return resolve(deps, officer, report, action.outcome, action.note);
    case 'note':
      return note(deps, officer, report, action.note);
    case 'ask':
      return ask(deps, officer, report, action.question);
  }
}

const seqOf = (deps: ActionDeps): number => Date.parse(deps.access.at());

/** The officer who took the report is told when another officer adds a note or asks the reporter. */
const tellOwner = (deps: ActionDeps, officer: Officer, r: ReportRecord, kind: MessageKind): JobSpec[] =>
  r.owner && r.owner !== officer.id
    ? [messageJob({ code: r.code, to: r.owner, kind, text: officer.name, seq: seqOf(deps) })]
    : [];

/** The reporter's notice of a new status, when they asked for updates. */
const notify = (r: ReportRecord, status: ReportStatus): JobSpec[] =>
  r.updates
    ? [{ name: 'notify', id: jobIds.notify({ code: r.code, status }), data: { code: r.code, status } }]
    : [];

/**
 * Takes the report: it now sits with the officer (their level and area), so the reporter reads the
 * level of whoever took it, not the level it had been escalated to.
 */
async function acknowledge(deps: ActionDeps, officer: Officer, r: ReportRecord): Promise<ActionResult> {
  const { store, access } = deps;
  const change = await store.update(
    r.code,
    { from: TAKEABLE, to: 'acknowledged', owner: officer.id, level: officer.role, area: officer.area },
    access.entry('acknowledged', { officers: [officer.id], level: officer.role }),
  );
  if (change.applied) {
    const others = (await deps.directory.forArea(r.level, r.area)).filter((o) => o.id !== officer.id);
    const seq = seqOf(deps);
    await deps.queue.add([
      ...others.map((o) => messageJob({ code: r.code, to: o.id, kind: 'taken', text: officer.name, seq })),
      ...notify(r, 'acknowledged'),
    ]);
    deps.onAcknowledged?.((deps.clock.now().getTime() - Date.parse(r.createdAt)) / 1000);
    return { type: 'done', code: r.code };
  }
  const now = change.before === 'acknowledged' ? await store.get(r.code) : undefined;
  if (now?.owner === officer.id) return { type: 'already', code: r.code };
  await access.refuse(r.code, `ack: report ${change.before ?? 'missing'}`, officer);
  if (now) return { type: 'taken', code: r.code, by: await access.ownerName(now.owner) };
  return { type: 'refused', code: r.code, reason: 'closed' };
}

/**
 * Closes the report with an outcome. Only its owner may once someone took it (guarded in the same
 * step). The first outcome recorded stands: resolving again says what was recorded and by whom;
 * the same outcome from the same officer (a replayed button) is "already".
 */
async function resolve(
  deps: ActionDeps,
  officer: Officer,
  r: ReportRecord,
  outcome: string,
  text: string,
): Promise<ActionResult> {
  const { store, access } = deps;
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
    access.entry('resolved', { officers: [officer.id], reason: outcome, ...(text ? { note: text } : {}) }),
  );
  if (change.applied) {
    await deps.queue.add(notify(r, 'resolved'));
    return { type: 'done', code: r.code };
  }
  const now = await store.get(r.code);
  if (now?.status === 'resolved' && now.outcome === outcome && now.owner === officer.id)
    return { type: 'already', code: r.code };
  const why = now?.status === 'acknowledged' ? 'not the owner' : `report ${now?.status ?? 'missing'}`;
  await access.refuse(r.code, `resolve: ${why}`, officer);
  if (now?.status === 'resolved')
    return {
      type: 'resolved-as',
      code: r.code,
      outcome: now.outcome ?? '',
      by: await access.ownerName(now.owner),
    };
  if (now?.status === 'acknowledged')
    return { type: 'not-owner', code: r.code, by: await access.ownerName(now.owner) };
  return { type: 'refused', code: r.code, reason: 'closed' };
}

/** A note in the report's history; the officer who took it is told. */
async function note(
  deps: ActionDeps,
  officer: Officer,
  r: ReportRecord,
  text: string,
): Promise<ActionResult> {
  await deps.store.update(r.code, {}, deps.access.entry('note', { officers: [officer.id], note: text }));
  await deps.queue.add(tellOwner(deps, officer, r, 'other-note'));
  return { type: 'done', code: r.code };
}

/** Relays a question to the reporter: only with their consent, and only while the report is open. */
async function ask(
  deps: ActionDeps,
  officer: Officer,
  r: ReportRecord,
  question: string,
): Promise<ActionResult> {
  const { access } = deps;
  if (FINISHED.includes(r.status)) {
    await access.refuse(r.code, `ask: report ${r.status}`, officer);
    return { type: 'refused', code: r.code, reason: 'closed' };
  }
  if (r.contact === 'none') {
    await access.refuse(r.code, 'ask: reporter did not agree', officer);
    return { type: 'refused', code: r.code, reason: 'no-consent' };
  }
  await deps.store.update(r.code, {}, access.entry('question', { officers: [officer.id], note: question }));
  await deps.queue.add([
    messageJob({ code: r.code, to: 'reporter', kind: 'question', text: question, seq: seqOf(deps) }),
    ...tellOwner(deps, officer, r, 'other-ask'),
  ]);
  return { type: 'done', code: r.code };
}
