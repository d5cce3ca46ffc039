import type { AreaLevel } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import type { ChangeResult, ReportStore } from './report-store.js';

/** Routing a report to the officers of one area: the level, its area and why it went there. */
export interface AreaRouteRequest {
  readonly level: AreaLevel;
  readonly area: string;
  /** Now, as the history entry's time and the waiting index's score. */
  readonly at: string;
  /** What came before this level in the history entry's reason ('' or lines ending in '; '). */
  readonly why: string;
  /** Route only a report created at this time (`RouteJob.filed`); else `missing`. */
  readonly filed?: string;
}

/**
 * What routing to one area came to: nobody active there (nothing changed), or the officers found and
 * whether the report moved to "routed" (it had to be submitted or unrouted).
 */
export type AreaRouteResult =
  | { readonly type: 'nobody' }
  /** No report filed at `filed` (asked only with it): nothing changed. */
  | { readonly type: 'missing' }
  | ({ readonly type: 'found'; readonly officers: readonly Officer[] } & ChangeResult);

/** Routes a report to the active officers of one area (src/reports/lua/report-route.lua on Redis). */
export type AreaRouter = (code: string, req: AreaRouteRequest) => Promise<AreaRouteResult>;

/** The reason written in the history entry when the area has `n` active officers (as `chooseRoute` says it). */
export const routedReason = (req: AreaRouteRequest, n: number): string =>
  `${req.why}${req.level} ${req.area || '-'} has ${n} officer(s)`;

/** The router from the store and directory, one question each (the memory demo; tests). */
export function areaRouterOf(store: ReportStore, officers: OfficerDirectory): AreaRouter {
  return async (code, req) => {
    if (req.filed !== undefined && (await store.get(code))?.createdAt !== req.filed)
      return { type: 'missing' };
    const found = await officers.forArea(req.level, req.area);
    if (found.length === 0) return { type: 'nobody' };
    const change = await store.update(
      code,
      { from: ['submitted', 'unrouted'], to: 'routed', level: req.level, area: req.area },
      {
        at: req.at,
        type: 'routed',
        level: req.level,
        area: req.area,
        officers: found.map((o) => o.id),
        reason: routedReason(req, found.length),
      },
    );
    return { type: 'found', officers: found, ...change };
  };
}
