import { AREA_LEVELS, type AreaLevel } from '../core/report.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import { areaOf } from './report-record.js';

export interface Route {
  readonly level: AreaLevel;
  readonly area: string;
  readonly officers: readonly Officer[];
  /** Why it went there, for the report's history: the levels passed over and why. */
  readonly reason: string;
}

/**
 * The first level from `from` upwards (village → district → province → admins) that has active
 * officers. Undefined when nobody is registered at all, not even an admin.
 */
export async function chooseRoute(
  directory: OfficerDirectory,
  village: string,
  from: AreaLevel,
  why: readonly string[] = [],
): Promise<Route | undefined> {
  const levels = AREA_LEVELS.slice(AREA_LEVELS.indexOf(from));
  // Most reports stop at the first level: read it alone, and the levels above (at once) only if needed.
  const first = levels[0] ? await directory.forArea(levels[0], areaOf(village, levels[0])) : [];
  const found =
    first.length > 0
      ? [first]
      : [
          first,
          ...(await Promise.all(
            levels.slice(1).map((level) => directory.forArea(level, areaOf(village, level))),
          )),
        ];
  const reasons = [...why];
  for (const [i, level] of levels.entries()) {
    const area = areaOf(village, level);
    const officers = found[i] ?? [];
    if (officers.length > 0) {
      reasons.push(`${level} ${area || '-'} has ${officers.length} officer(s)`);
      return { level, area, officers, reason: reasons.join('; ') };
    }
    reasons.push(`no officer registered for ${level} ${area || '-'}`);
  }
  return undefined;
}

/** Where a report's routing starts: its village, or its district when the reporter asked to bypass the village. */
export interface FirstLevel {
  readonly level: AreaLevel;
  readonly area: string;
  /** What the history entry's reason says before this level ('' or lines ending in '; '). */
  readonly why: string;
}

export function firstLevel(village: string, bypass: boolean): FirstLevel {
  const level: AreaLevel = bypass ? 'district' : 'village';
  return { level, area: areaOf(village, level), why: bypass ? `${BYPASS_REASON}; ` : '' };
}

/** Why a report starts at its district. */
export const BYPASS_REASON = 'reporter asked to bypass the village';

/** The level above `level`, if any. */
export function levelAbove(level: AreaLevel): AreaLevel | undefined {
  return AREA_LEVELS[AREA_LEVELS.indexOf(level) + 1];
}
