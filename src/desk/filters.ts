import { AREA_LEVELS, REPORT_STATUSES, type AreaLevel, type ReportStatus } from '../core/report.js';
import { AREA_CODE, type ReportQuery } from '../reports/report-query.js';
import { OPEN } from '../reports/statuses.js';

/** Ages the table filters by. */
export const AGES = ['day', 'week', 'older', 'month'] as const;
export type Age = (typeof AGES)[number];

/** The table's filters as the form and the links carry them (`?status=open&area=35.07.12`). */
export interface TableFilters {
  /** A status, or `open` for every open one. */
  readonly status?: ReportStatus | 'open';
  readonly level?: AreaLevel;
  readonly area?: string;
  readonly age?: Age;
  readonly overdue: boolean;
  readonly words?: string;
  readonly page: number;
}

const one = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  list.find((x) => x === v);

/** Reads the filters from a query string; anything unknown or malformed is left out. */
export function readFilters(params: URLSearchParams): TableFilters {
  const area = params.get('area')?.trim();
  const words = params.get('q')?.trim().slice(0, 100);
  const page = Number(params.get('page') ?? '1');
  const status = params.get('status') === 'open' ? 'open' : one(REPORT_STATUSES, params.get('status'));
  const level = one(AREA_LEVELS, params.get('level'));
  const age = one(AGES, params.get('age'));
  return {
    ...(status ? { status } : {}),
    ...(level ? { level } : {}),
    ...(area && AREA_CODE.test(area) ? { area } : {}),
    ...(age ? { age } : {}),
    overdue: params.get('overdue') === '1',
    ...(words ? { words } : {}),
    page: Number.isInteger(page) && page >= 1 && page < 1_000_000 ? page : 1,
  };
}

const AGE_DAYS: Readonly<Record<Age, { minAgeDays?: number; maxAgeDays?: number }>> = {
  day: { maxAgeDays: 1 },
  week: { minAgeDays: 1, maxAgeDays: 7 },
  older: { minAgeDays: 7 },
  month: { minAgeDays: 30 },
};

/** The report query of the filters (the officer's scope is added by the query itself). */
export function queryOf(f: TableFilters): ReportQuery {
  return {
    ...(f.status ? { status: f.status === 'open' ? OPEN : [f.status] } : {}),
    ...(f.level ? { level: f.level } : {}),
    ...(f.area ? { area: f.area } : {}),
    ...(f.age ? AGE_DAYS[f.age] : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.words ? { words: f.words } : {}),
  };
}

/** The filters as query parameters (for links: pages, exports), without the page unless asked. */
export function filterParams(f: TableFilters, page?: number): Record<string, string | undefined> {
  return {
    status: f.status,
    level: f.level,
    area: f.area,
    age: f.age,
    overdue: f.overdue ? '1' : undefined,
    q: f.words,
    page: page && page > 1 ? String(page) : undefined,
  };
}
