import { randomInt } from 'node:crypto';
import type { Clock, Logger } from '../core/ports.js';
import {
  PAGE_SIZE,
  SOON_MONTHS,
  addMonths,
  anchorMonth,
  coversVillage,
  monthOf,
  type EntryView,
  type ListFilter,
  type ListLine,
  type Month,
  type NewEntry,
  type RegisterDesk,
  type Return,
} from '../core/register.js';
import type { VillageFinder } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import { addressHash, registerRecorderId } from '../storage/keys.js';
import type { RegisterRecord, RegisterStore } from './register-store.js';

export interface RegisterDeskDeps {
  readonly store: RegisterStore;
  readonly officers: OfficerDirectory;
  readonly villages: VillageFinder;
  /** Names of regencies and provinces by code. */
  readonly areaName: (code: string) => string | undefined;
  /** Months an entry is kept after its anchor month (REGISTER_RETENTION_MONTHS). */
  readonly retentionMonths: number;
  /** Without a contract end or a return, retention counts from the departure plus this many months. */
  readonly assumedContractMonths: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Months assumed for a contract whose end the family does not know (retention only). */
export const ASSUMED_CONTRACT_MONTHS = 24;

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const newEntryId = (): string =>
  `g${Array.from({ length: 11 }, () => ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length))).join('')}`;
/** The id of the entry one chat's telling (its draft key) records: the same every time it is sent. */
const draftEntryId = (address: string, draftKey: string): string =>
  `g${addressHash('register-entry', `${address}\u0000${draftKey}`).slice(0, 16)}`;

/** Does an entry belong in an officer's list with this filter (`now` is the current month)? */
export function matchesFilter(r: NewEntry, filter: ListFilter, now: Month): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'returned':
      return r.return !== undefined;
    case 'abroad':
      return r.return === undefined && r.departure !== undefined;
    case 'soon': {
      const end = r.departure?.contractEnd ?? '';
      return r.return === undefined && end !== '' && end <= addMonths(now, SOON_MONTHS);
    }
  }
}

/**
 * The entries an officer (or an admin export for an area) may read, oldest first: every read of the
 * register by area goes through here and `coversVillage`, in chat and in the admin CLI.
 */
export async function entriesFor(
  store: RegisterStore,
  scope: Pick<Officer, 'role' | 'area'>,
): Promise<RegisterRecord[]> {
  const ids = await store.idsByArea(scope.role === 'admin' ? '' : scope.area);
  const records = await Promise.all(ids.map((id) => store.get(id)));
  return records.filter((r): r is RegisterRecord => r !== undefined && coversVillage(scope, r.village));
}

/** Deletes every entry one chat told the village of ("delete my data"); returns how many. */
export async function forgetRecorder(store: RegisterStore, address: string): Promise<number> {
  let n = 0;
  for (const id of await store.idsByRecorder(registerRecorderId(address))) if (await store.delete(id)) n++;
  return n;
}

/** The register as chat uses it: users reach their own entries, officers their area's, checked here. */
export function createRegisterDesk(deps: RegisterDeskDeps): RegisterDesk {
  const { store } = deps;
  const villageName = (code: string) => deps.villages.byCode(code)?.name ?? code;
  const areaName = (o: Officer): string => {
    if (o.role === 'village') return villageName(o.area);
    return o.role === 'admin' ? '' : (deps.areaName(o.area) ?? o.area);
  };
  const anchor = (e: NewEntry): Month =>
    anchorMonth(e, deps.assumedContractMonths) ?? monthOf(deps.clock.now());
  const activeOfficer = async (address: string) => {
    const o = await deps.officers.byAddress(address);
    return o?.active ? o : undefined;
  };
  const own = async (address: string, id: string) => {
    const r = await store.get(id);
    return r?.recorder === registerRecorderId(address) ? r : undefined;
  };

  return {
    retentionMonths: deps.retentionMonths,

    async record(address, entry, draftKey) {
      const at = deps.clock.now().toISOString();
      const id = draftKey ? draftEntryId(address, draftKey) : newEntryId();
      // The same telling sent again: it was recorded once (two at the same moment write the same key).
      if (draftKey && (await store.get(id))) return { id };
      await store.save({
        ...entry,
        id,
        recorder: registerRecorderId(address),
        createdAt: at,
        updatedAt: at,
        anchor: anchor(entry),
      });
      deps.logger.info({ kind: entry.return ? 'return' : 'departure' }, 'register entry recorded');
      return { id };
    },

    async recordReturn(address, id, ret: Return) {
      const r = await own(address, id);
      if (!r) return 'not-found';
      const updated = { ...r, return: ret, updatedAt: deps.clock.now().toISOString() };
      await store.save({ ...updated, anchor: anchor(updated) });
      deps.logger.info({ kind: 'return' }, 'register entry recorded');
      return 'done';
    },

    async mine(address) {
      const ids = await store.idsByRecorder(registerRecorderId(address));
      const records = (await Promise.all(ids.map((id) => store.get(id)))).filter(
        (r): r is RegisterRecord => r !== undefined,
      );
      return records
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((r) => ({
          id: r.id,
          who: r.who,
          country: r.departure?.country ?? '',
          returned: r.return !== undefined,
        }));
    },

    async list(address, filter, page) {
      const officer = await activeOfficer(address);
      if (!officer) return { type: 'refused' };
      const now = monthOf(deps.clock.now());
      const found = (await entriesFor(store, officer)).filter((r) => matchesFilter(r, filter, now));
      found.sort((a, b) =>
        filter === 'soon'
          ? (a.departure?.contractEnd ?? '').localeCompare(b.departure?.contractEnd ?? '')
          : b.updatedAt.localeCompare(a.updatedAt),
      );
      const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
      const at = Math.min(Math.max(0, page), pages - 1);
      const lines: ListLine[] = found.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE).map((r) => ({
        id: r.id,
        who: r.who,
        villageName: villageName(r.village),
        country: r.departure?.country ?? '',
        contractEnd: r.departure?.contractEnd ?? '',
        returned: r.return?.returned ?? '',
      }));
      return {
        type: 'page',
        lines,
        page: at,
        pages,
        total: found.length,
        role: officer.role,
        areaName: areaName(officer),
      };
    },

    async view(address, id): Promise<EntryView | undefined> {
      const [officer, r] = await Promise.all([activeOfficer(address), store.get(id)]);
      if (!officer || !r || !coversVillage(officer, r.village)) {
        // Another area's entry reads like one that does not exist; the refusal is logged without names.
        if (r) deps.logger.warn({ officer: officer?.id ?? null }, 'register entry refused');
        return undefined;
      }
      return {
        id: r.id,
        who: r.who,
        village: r.village,
        villageName: villageName(r.village),
        relation: r.relation,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        ...(r.departure ? { departure: r.departure } : {}),
        ...(r.return ? { return: r.return } : {}),
        ...(r.contact ? { contact: r.contact } : {}),
      };
    },
  };
}
