import { goto, invalid, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { formatDate } from '../format.js';
import type { Locale } from '../locale.js';
import { lines, literal, t, type Choice, type Reply, type Text } from '../message.js';
import {
  LIST_FILTERS,
  type EntryView,
  type ListFilter,
  type ListLine,
  type RegisterDesk,
} from '../register.js';
import type { FlowData } from '../session.js';
import { num, str } from './data.js';

/**
 * The officer page "what the village must do under the law", two screens of paragraphs (each text
 * cites its fact ids; what the facts mark [R] or [OPEN] is worded as uncertain).
 */
export const LAW_PAGES = [
  ['duties', 'returns', 'handover'],
  ['data', 'open'],
] as const;

const BACK: Choice = { id: 'back', label: t('register.list.back') };
const HOME: Choice = { id: 'home', label: t('register.list.home') };

const filterOf = (d: FlowData): ListFilter => LIST_FILTERS.find((f) => f === str(d, 'f')) ?? 'all';
const pageOf = (d: FlowData): number => num(d, 'p') ?? 0;

const month = (m: string, locale: Locale): Text =>
  m ? literal(formatDate(m, locale)) : t('register.unknown');

/** One line of the list: "Sri · Malaysia · kontrak s.d. Mar 2027", with the village for district staff. */
function lineText(l: ListLine, withVillage: boolean, locale: Locale): Text {
  const text = l.returned
    ? t('register.line.returned', { who: l.who, returned: month(l.returned, locale) })
    : t('register.line.abroad', {
        who: l.who,
        country: l.country || '-',
        end: month(l.contractEnd, locale),
      });
  return withVillage ? t('register.line.village', { line: text, village: l.villageName }) : text;
}

async function listPrompt(ctx: FlowContext, desk: RegisterDesk, d: FlowData): Promise<Reply> {
  const filter = filterOf(d);
  const result = await desk.list(ctx.user, filter, pageOf(d));
  if (result.type === 'refused')
    return { title: t('register.list.titlePlain'), body: [t('register.list.notOfficer')] };
  const choices: Choice[] = result.lines.map((l, i) => ({
    id: `e${String(i)}`,
    label: lineText(l, result.role !== 'village', ctx.locale),
    typed: true,
  }));
  if (result.page > 0) choices.push({ id: 'prev', label: t('register.list.prev') });
  if (result.page < result.pages - 1) choices.push({ id: 'next', label: t('register.list.next') });
  choices.push(
    { id: 'filter', label: t('register.list.filter') },
    { id: 'law', label: t('register.list.law') },
    HOME,
  );
  return {
    title: t('register.list.title', { area: result.areaName || '-' }),
    body: [
      result.total === 0
        ? t('register.list.empty', { filter: t(`register.filter.${filter}`) })
        : t('register.list.count', {
            total: result.total,
            filter: t(`register.filter.${filter}`),
            page: result.page + 1,
            pages: result.pages,
          }),
    ],
    choices,
  };
}

/** An entry as its officer reads it; only what was told, and the contact only if the family agreed. */
export function entryBody(e: EntryView, locale: Locale): Text[] {
  const field = (key: string, value: string | Text): Text => t(`register.field.${key}`, { value });
  const out: Text[] = [
    field('who', e.who),
    field('village', e.villageName),
    field('relation', t(`register.relationBy.${e.relation}`)),
  ];
  if (e.departure) {
    out.push(
      field('country', e.departure.country || '-'),
      field('agency', e.departure.agency ? e.departure.agency : t('register.unknown')),
      field('departed', month(e.departure.departed, locale)),
      field('contractEnd', month(e.departure.contractEnd, locale)),
    );
  }
  if (e.return) {
    out.push(
      field('returned', month(e.return.returned, locale)),
      field('route', t(`register.route.${e.return.route}`)),
      field(
        'needs',
        e.return.needs.length > 0
          ? lines(e.return.needs.map((n) => t(`register.need.${n}`)))
          : t('register.noNeeds'),
      ),
    );
  }
  return [
    lines(out),
    e.contact ? t('register.field.contact', { value: e.contact }) : t('register.field.noContact'),
    t('register.field.recorded', { date: literal(formatDate(e.createdAt.slice(0, 10), locale)) }),
  ];
}

async function entryPrompt(ctx: FlowContext, desk: RegisterDesk, d: FlowData): Promise<Reply> {
  const view = await desk.view(ctx.user, str(d, 'id') ?? '');
  if (!view)
    return { title: t('register.list.entryTitle'), body: [t('register.list.notFound')], choices: [BACK] };
  return { title: t('register.list.entryTitle'), body: entryBody(view, ctx.locale), choices: [BACK, HOME] };
}

/** Opens the line the officer picked, read again from the desk (which checks the area). */
async function openLine(ctx: FlowContext, desk: RegisterDesk, d: FlowData, index: number): Promise<Outcome> {
  const result = await desk.list(ctx.user, filterOf(d), pageOf(d));
  const line = result.type === 'page' ? result.lines[index] : undefined;
  if (!line) return next('list', d, [{ body: [t('register.list.notFound')] }]);
  return next('entry', { ...d, id: line.id });
}

/**
 * Officers: their area's departures and returns, five to a page, filtered (contracts ending soon,
 * still abroad, returned), one entry at a time, and the page on what the law asks of the village.
 * Every read goes through the desk, which checks the officer and the area on the server.
 */
export function createRegisterListFlow(desk: RegisterDesk): Flow {
  return {
    id: 'register-list',
    async start(ctx) {
      const first = await desk.list(ctx.user, 'all', 0);
      if (first.type === 'refused') return goto('menu', { say: [{ body: [t('register.list.notOfficer')] }] });
      return next('list', { f: 'all', p: 0 });
    },
    prompt(ctx, state) {
      const d = state.data;
      switch (state.step) {
        case 'filter':
          return {
            title: t('register.list.titlePlain'),
            body: [t('register.list.filterAsk')],
            choices: LIST_FILTERS.map((f) => ({ id: f, label: t(`register.filter.${f}`) })),
          };
        case 'entry':
          return entryPrompt(ctx, desk, d);
        case 'law': {
          const page = Math.min(num(d, 'lp') ?? 0, LAW_PAGES.length - 1);
          return {
            title: t('register.law.title', { page: page + 1, pages: LAW_PAGES.length }),
            body: (LAW_PAGES[page] ?? []).map((p) => t(`register.law.${p}`)),
            choices:
              page < LAW_PAGES.length - 1 ? [{ id: 'next', label: t('register.list.next') }, BACK] : [BACK],
          };
        }
        default:
          return listPrompt(ctx, desk, d);
      }
    },
    async handle(ctx, state, input) {
      const d = state.data;
      if (input.type !== 'choice') return goto('menu', { arg: input.text });
      const id = input.id;
      if (id === 'home') return goto('officer');
      switch (state.step) {
        case 'filter': {
          const f = LIST_FILTERS.find((x) => x === id);
          return f ? next('list', { f, p: 0 }) : invalid(t('engine.pickNumber'));
        }
        case 'law':
          if (id === 'next') return next('law', { ...d, lp: (num(d, 'lp') ?? 0) + 1 });
          return next('list', { f: filterOf(d), p: pageOf(d) });
        case 'entry':
          return next('list', { f: filterOf(d), p: pageOf(d) });
        default:
          if (id === 'next' || id === 'prev')
            return next('list', { ...d, p: pageOf(d) + (id === 'next' ? 1 : -1) });
          if (id === 'filter') return next('filter', d);
          if (id === 'law') return next('law', { ...d, lp: 0 });
          if (/^e\d$/.test(id)) return openLine(ctx, desk, d, Number(id.slice(1)));
          return invalid(t('engine.pickNumber'));
      }
    },
  };
}
