import type { AnnouncedJob, Broadcast, BroadcastStatus } from '../broadcasts/broadcast.js';
import type { RedisBroadcastStore } from '../broadcasts/redis-broadcast-store.js';
import type { WarningAuditEntry } from '../broadcasts/redis-warning-store.js';
import type { Catalog } from '../core/catalog.js';
import { LOCALES, pick } from '../core/locale.js';

/** What an announcement needs of the content: the listings shown today, as the message names them. */
export function announcedJobs(catalog: Catalog, today: string): AnnouncedJob[] {
  const found = catalog.listings.search({}, 'id', today);
  if (found.type !== 'ok') return [];
  return found.listings.map((l) => {
    const c = catalog.country(l.country);
    const country = c ? pick(c.name, 'id') : l.country.toUpperCase();
    return {
      id: l.id,
      country: l.country,
      countryName: c
        ? { ...Object.fromEntries(LOCALES.map((loc) => [loc, pick(c.name, loc)])), id: country }
        : { id: country },
      sector: l.sector,
      title: { id: l.title_id, en: l.title_en },
      place: l.city ? `${l.city}, ${country}` : country,
      pay: `${String(l.salary_amount)} ${l.salary_currency}`,
      agency: catalog.listings.agency(l.agency_id)?.name ?? l.agency_id,
      example: l.example,
    };
  });
}

/**
 * Announces the listings shown today that were never announced: one broadcast to the subscribers of
 * their countries (each gets the ones matching them, in one message). A listing is marked announced
 * as the broadcast is made, so running this again announces nothing twice.
 */
export async function announceNewJobs(
  store: RedisBroadcastStore,
  start: (id: string) => Promise<void>,
  jobs: readonly AnnouncedJob[],
  now: Date,
): Promise<{ broadcast?: Broadcast; lines: string[] }> {
  const fresh = new Set(await store.unannounced(jobs.map((j) => j.id)));
  const announced = jobs.filter((j) => fresh.has(j.id));
  if (announced.length === 0) return { lines: ['No new job listings to announce.'] };
  const b: Broadcast = {
    id: `jobs-${now
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}`,
    createdAt: now.toISOString(),
    by: 'jobs-import',
    audience: { type: 'jobs', countries: [...new Set(announced.map((j) => j.country))].sort() },
    body: { kind: 'jobs', jobs: announced },
  };
  await store.create(b);
  await start(b.id);
  return {
    broadcast: b,
    lines: [
      `Broadcast ${b.id}: ${announced.length} new listing(s) in ${b.audience.type === 'jobs' ? b.audience.countries.join(', ') : ''}, queued to the matching subscribers.`,
      `Follow it with: broadcasts status ${b.id}`,
    ],
  };
}

/** One line per broadcast: progress and counts. */
export function statusLine(s: BroadcastStatus): string {
  const done = s.sent + s.blocked + s.skipped + s.deferred + s.failed;
  const total = s.total === undefined ? 'not expanded yet' : `${done}/${s.total} done`;
  const a = s.audience;
  const audience =
    a.type === 'jobs'
      ? `jobs ${a.countries.join(',')}`
      : a.type === 'warnings'
        ? `warnings ${a.district}`
        : `daily digest ${a.bucket}`;
  return `${s.id}  ${s.createdAt.slice(0, 16)}  ${audience}  ${total}  sent ${s.sent} (again with a notice ${s.resent}), blocked ${s.blocked}, skipped ${s.skipped}, to a daily digest ${s.deferred}, failed ${s.failed}, being sent ${s.sending}, not tried yet ${s.pending ?? '-'}`;
}

/** One line of the warnings' audit log: when, who (officer id and level), what, where, the outcome. */
export function auditLine(e: WarningAuditEntry): string {
  const reach = e.recipients === undefined ? '' : `  ${String(e.recipients)} recipients`;
  return `${e.at.slice(0, 16)}  ${e.officer} (${e.role})  ${e.action}  ${e.area}  ${e.id ?? '-'}  ${e.outcome}${reach}`;
}
