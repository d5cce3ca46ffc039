import type { Locale } from '../core/locale.js';
import type { OutboundMessage } from '../core/message.js';
import type { Translator } from '../core/ports.js';
import type { Subscriber } from '../core/subscriptions.js';
import type { AnnouncedJob, BroadcastBody } from './broadcast.js';

/** Titles named per country in a digest line. */
const TITLES_PER_COUNTRY = 3;

/** Jobs in a subscriber's countries and sectors (empty lists: any). */
export function jobsFor(s: Subscriber, jobs: readonly AnnouncedJob[]): AnnouncedJob[] {
  const t = s.topics.jobs;
  if (!t) return [];
  return jobs.filter(
    (j) =>
      (t.countries.length === 0 || t.countries.includes(j.country)) &&
      (t.sectors.length === 0 || t.sectors.includes(j.sector)),
  );
}

const inLocale = (text: Readonly<Partial<Record<Locale, string>>> & { readonly id: string }, l: Locale) =>
  text[l] ?? text.id;

/**
 * The messages of broadcasts, in the subscriber's language, each ending with how to stop: an
 * officer's warning; new job listings one line each; or, when more than `digestOver` match, a digest
 * (one line per country with the count and a few titles) that points to the jobs menu for the rest.
 */
export function createBroadcastRenderer(translator: Translator, digestOver: number) {
  function jobsMessage(jobs: readonly AnnouncedJob[], l: Locale): OutboundMessage {
    const tr = (key: string, params?: Record<string, string | number>) => translator.t(l, key, params);
    const example = jobs.some((j) => j.example) ? [tr('broadcast.example')] : [];
    const tail = [...example, tr('broadcast.jobsMore'), tr('broadcast.stopHint')];
    if (jobs.length <= digestOver) {
      const lines = jobs.map((j) =>
        tr('broadcast.jobLine', {
          title: inLocale(j.title, l),
          place: j.place,
          pay: j.pay,
          agency: j.agency,
        }),
      );
      return {
        title: tr('broadcast.jobsTitle', { count: jobs.length }),
        body: [lines.join('\n'), ...tail].join('\n\n'),
        choices: [],
        broadcast: true,
      };
    }
    const byCountry = new Map<string, AnnouncedJob[]>();
    for (const j of jobs) byCountry.set(j.country, [...(byCountry.get(j.country) ?? []), j]);
    const lines = [...byCountry.values()].map((list) => {
      const first = list[0];
      const titles = [...new Set(list.map((j) => inLocale(j.title, l)))];
      const named = titles.slice(0, TITLES_PER_COUNTRY).join(', ');
      return tr('broadcast.digestLine', {
        country: first?.countryName ? inLocale(first.countryName, l) : (first?.country ?? '').toUpperCase(),
        count: list.length,
        titles: titles.length > TITLES_PER_COUNTRY ? `${named}, …` : named,
      });
    });
    return {
      title: tr('broadcast.digestTitle', { count: jobs.length }),
      body: [lines.join('\n'), ...tail].join('\n\n'),
      choices: [],
      broadcast: true,
    };
  }

  return {
    jobsMessage,
    /** An officer's warning (a `text` broadcast). */
    warningMessage(body: Extract<BroadcastBody, { kind: 'text' }>, l: Locale): OutboundMessage {
      const tr = (key: string, params?: Record<string, string>) => translator.t(l, key, params);
      const from = body.from ? [tr('broadcast.warningFrom', { area: body.from })] : [];
      return {
        title: tr('broadcast.warningTitle'),
        body: [inLocale(body.texts, l), ...from, tr('broadcast.stopHint')].join('\n\n'),
        choices: [],
        broadcast: true,
      };
    },
    /** The message again, saying it may have arrived before (its first sending was cut off). */
    announcedRepeat(m: OutboundMessage, l: Locale): OutboundMessage {
      return { ...m, body: `${translator.t(l, 'broadcast.repeatNotice')}\n\n${m.body}` };
    },
  };
}

export type BroadcastRenderer = ReturnType<typeof createBroadcastRenderer>;

/**
 * Daily digests: the hour (UTC) they go out, and the digest a listing announced at `at` belongs to —
 * the first digest hour after it, as `YYYYMMDDHH` (UTC).
 */
export function digestBucket(at: Date, hourUtc: number): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), hourUtc));
  if (d.getTime() <= at.getTime()) d.setUTCDate(d.getUTCDate() + 1);
  return d
    .toISOString()
    .slice(0, 13)
    .replace(/[^0-9]/g, '');
}

/** When a digest bucket is due (ms). */
export function digestDueAt(bucket: string): number {
  const [y, m, d, h] = [bucket.slice(0, 4), bucket.slice(4, 6), bucket.slice(6, 8), bucket.slice(8, 10)];
  return Date.parse(`${y}-${m}-${d}T${h}:00:00Z`);
}
