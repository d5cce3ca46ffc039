import type { Sector } from '../../content/ids.js';
import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { daysSince, formatDate, isoDay } from '../format.js';
import { pick } from '../locale.js';
import { t, type Choice, type Reply } from '../message.js';
import type { FlowData } from '../session.js';
import { num, str } from './data.js';
import { countryName, listingLabel, listingReplies } from './job-detail.js';

/** Listings per page: a phone screen. */
export const PAGE_SIZE = 5;

const isSector = (ctx: FlowContext, s: string | undefined): s is Sector =>
  (ctx.catalog.ids.sectors as readonly string[]).includes(s ?? '');
const BACK: Choice = { id: 'back', label: t('guide.back') };

/** The search a results page shows: c = country, s = sector, q = words, p = page. */
function query(ctx: FlowContext, data: FlowData) {
  const sector = str(data, 's');
  return {
    ...(str(data, 'c') === undefined ? {} : { country: str(data, 'c') }),
    ...(isSector(ctx, sector) ? { sector } : {}),
    ...(str(data, 'q') === undefined ? {} : { words: str(data, 'q') }),
  };
}

function resultsPrompt(ctx: FlowContext, data: FlowData): Reply {
  const found = ctx.catalog.listings.search(query(ctx, data), ctx.locale, isoDay(ctx.now));
  if (found.type === 'no-terms')
    return { title: t('jobs.title'), body: [t('jobs.noTerms')], choices: [BACK] };
  const total = found.listings.length;
  if (total === 0) return { title: t('jobs.title'), body: [t('jobs.none')], choices: [BACK] };
  const page = Math.min(Math.max(num(data, 'p') ?? 0, 0), Math.floor((total - 1) / PAGE_SIZE));
  const shown = found.listings.slice(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE);
  const choices: Choice[] = shown.map((l) => ({ id: l.id, label: listingLabel(ctx, l) }));
  if ((page + 1) * PAGE_SIZE < total) choices.push({ id: 'more', label: t('jobs.more') });
  choices.push(BACK);
  return {
    title: t('jobs.resultsTitle', { from: page * PAGE_SIZE + 1, to: page * PAGE_SIZE + shown.length, total }),
    body: [t('jobs.pick')],
    choices,
  };
}

function rootPrompt(ctx: FlowContext): Reply {
  const today = isoDay(ctx.now);
  const checked = ctx.catalog.listings.checkedOn(today);
  return {
    title: t('jobs.title'),
    body: [
      // "Only checked openings" is true only of real data: example data says what it is instead (review §1 #7).
      ...(ctx.catalog.listings.examples ? [] : [t('jobs.intro')]),
      ...(ctx.catalog.listings.examples
        ? []
        : [
            checked
              ? t('jobs.dataAge', {
                  date: formatDate(checked, ctx.locale),
                  days: daysSince(checked, ctx.now),
                })
              : t('jobs.noData'),
          ]),
      ...(ctx.catalog.listings.examples ? [t('jobs.exampleData')] : []),
    ],
    choices: [
      { id: 'country', label: t('jobs.byCountry') },
      { id: 'sector', label: t('jobs.bySector') },
      { id: 'words', label: t('jobs.byWords') },
      { id: 'agency', label: t('menu.agency') },
    ],
  };
}

const results = (data: FlowData): Outcome => next('results', { ...data, p: 0 });

/** `c=jp&s=manufacturing` (what a sentence named, from the understanding pipeline) → that search. */
function filtered(ctx: FlowContext, arg: string): Outcome | undefined {
  if (!/^[cs]=[a-z-]+(&[cs]=[a-z-]+)?$/.test(arg)) return undefined;
  const params = new URLSearchParams(arg);
  const c = params.get('c');
  const s = params.get('s');
  return results({ ...(c ? { c } : {}), ...(isSector(ctx, s ?? undefined) && s ? { s } : {}) });
}

/**
 * Verified job listings: by country, by sector or by words (typo-tolerant), paged, with a detail view
 * of the terms, the agency and its licence, and how to apply the official way. Only listings valid today
 * whose agency holds a valid licence are ever shown.
 */
export const jobsFlow: Flow = {
  id: 'jobs',
  start: (ctx, arg) => (arg ? (filtered(ctx, arg) ?? results({ q: arg })) : next('root')),
  prompt(ctx, state) {
    const today = isoDay(ctx.now);
    switch (state.step) {
      case 'country':
        return {
          title: t('jobs.byCountry'),
          body: [t('jobs.pick')],
          choices: [
            ...ctx.catalog.listings.countries(today).map((c) => ({
              id: c.id,
              label: t('jobs.count', { name: countryName(ctx, c.id), count: c.count }),
            })),
            BACK,
          ],
        };
      case 'sector':
        return {
          title: t('jobs.bySector'),
          body: [t('jobs.pick')],
          choices: [
            ...ctx.catalog.listings.sectorCounts(today).map((s) => {
              const info = ctx.catalog.listings.sectors.find((x) => x.id === s.id);
              return {
                id: s.id,
                label: t('jobs.count', { name: info ? pick(info.label, ctx.locale) : s.id, count: s.count }),
              };
            }),
            BACK,
          ],
        };
      case 'words':
        return { title: t('jobs.byWords'), body: [t('jobs.askWords')] };
      case 'results':
        return resultsPrompt(ctx, state.data);
      case 'detail': {
        const listing = ctx.catalog.listings.listing(str(state.data, 'id') ?? '', today);
        const replies = listing ? listingReplies(ctx, listing) : [{ body: [t('jobs.gone')] }];
        const last = replies[replies.length - 1] ?? { body: [] };
        return { ...last, choices: [BACK] };
      }
      default:
        return rootPrompt(ctx);
    }
  },
  handle(ctx, state, input) {
    const data = state.data;
    if (state.step === 'words')
      return input.type === 'text' ? results({ q: input.text.slice(0, 200) }) : next('words');
    if (input.type === 'text') {
      // Words typed on a list screen are a search.
      return results({ q: input.text.slice(0, 200) });
    }
    const id = input.id;
    switch (state.step) {
      case 'country':
        return id === 'back' ? next('root') : results({ c: id });
      case 'sector':
        return id === 'back' ? next('root') : results({ s: id });
      case 'results':
        if (id === 'more') return next('results', { ...data, p: (num(data, 'p') ?? 0) + 1 });
        if (id === 'back') return next(str(data, 'c') ? 'country' : str(data, 's') ? 'sector' : 'root');
        return next('detail', { ...data, id }, detailReplies(ctx, id));
      case 'detail':
        return next('results', Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'id')));
      default:
        if (id === 'agency') return goto('agency');
        return id === 'words' || id === 'country' || id === 'sector'
          ? next(id)
          : invalid(t('engine.pickNumber'));
    }
  },
};

/** The detail screens before the last one (which becomes the prompt with its choices). */
function detailReplies(ctx: FlowContext, id: string): Reply[] {
  const listing = ctx.catalog.listings.listing(id, isoDay(ctx.now));
  return listing ? listingReplies(ctx, listing).slice(0, -1) : [];
}
