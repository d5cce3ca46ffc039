import type { Broadcast } from '../broadcasts/broadcast.js';
import type { RedisBroadcastStore } from '../broadcasts/redis-broadcast-store.js';
import { warningDistricts } from '../broadcasts/subscription-store.js';
import type { Officer } from '../officers/officer.js';
import { coversArea } from '../reports/officer-access.js';
import type { OfficerRequest } from './context.js';
import { sendHtml } from './http.js';
import { broadcastsPage } from './pages/broadcasts.js';

/** Broadcasts listed per page. */
export const BROADCASTS_PAGE_SIZE = 25;
/** The newest broadcasts looked through for an officer's area, read this many at a time. */
export const BROADCASTS_SCANNED = 2000;
const CHUNK = 200;

/**
 * May this officer see this broadcast? Admins every one; other officers the warnings whose area
 * overlaps theirs (a warning to their district or to a district inside their province; a village
 * officer the warnings to their district, which reach their village). New listings and daily digests
 * go to the whole country: admins only.
 */
export function seesBroadcast(officer: Pick<Officer, 'role' | 'area'>, b: Broadcast): boolean {
  if (officer.role === 'admin') return true;
  if (b.audience.type !== 'warnings' || officer.area === '') return false;
  return warningDistricts(b.audience).some(
    (d) => coversArea(officer, d) || coversArea({ role: 'district', area: d }, officer.area),
  );
}

/** `/desk/broadcasts`: the broadcasts of the officer's area and their progress, each view audited. */
export function createBroadcastRoutes(store: RedisBroadcastStore) {
  /** The officer's broadcasts among the newest BROADCASTS_SCANNED, newest first. */
  async function visible(officer: Officer) {
    const rows: Awaited<ReturnType<RedisBroadcastStore['statuses']>> = [];
    let looked = 0;
    for (; looked < BROADCASTS_SCANNED; looked += CHUNK) {
      const ids = await store.recent(CHUNK, looked);
      rows.push(...(await store.statuses(ids)).filter((r) => seesBroadcast(officer, r.broadcast)));
      if (ids.length < CHUNK) return { rows, complete: true };
    }
    return { rows, complete: false };
  }

  return {
    async list(r: OfficerRequest): Promise<void> {
      const { rows, complete } = await visible(r.officer);
      const pages = Math.max(1, Math.ceil(rows.length / BROADCASTS_PAGE_SIZE));
      const asked = Number(r.url.searchParams.get('page') ?? '1');
      const at = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
      await r.audit('view-broadcasts', 'ok', String(at));
      sendHtml(
        r.res,
        200,
        broadcastsPage(r.page, {
          rows: rows.slice((at - 1) * BROADCASTS_PAGE_SIZE, at * BROADCASTS_PAGE_SIZE),
          total: rows.length,
          page: at,
          pages,
          all: r.officer.role === 'admin',
          ...(complete ? {} : { scanned: BROADCASTS_SCANNED }),
        }),
      );
    },
  };
}
