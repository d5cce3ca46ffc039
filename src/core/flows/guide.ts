import type { GuideSection } from '../../content/ids.js';
import type { Topic } from '../../content/schema.js';
import { goto, next, type Flow, type FlowContext, type Outcome } from '../flow.js';
import { formatDate, isoDay } from '../format.js';
import { isRegional, pick } from '../locale.js';
import { literal, t, type Choice, type Reply, type Text } from '../message.js';
import { num, str } from './data.js';

const sectionsOf = (ctx: FlowContext) => Object.keys(ctx.catalog.ids.guideSections) as GuideSection[];
const isSection = (ctx: FlowContext, s: string | undefined): s is GuideSection =>
  s !== undefined && s in ctx.catalog.ids.guideSections;

/**
 * Sources listed with their address on a topic's last screen; the rest are counted (all are in the
 * content file). One keeps the screen phone-sized: each address is 60 to 150 characters.
 */
export const MAX_SOURCES_SHOWN = 1;

/** A topic's screens: the summary, its pages, then one screen per step. */
const pageCount = (topic: Topic): number => 1 + topic.pages.length + topic.steps.length;

/** The topics of a list as choices, topics no longer in the content left out (a loop: no list per topic). */
function topicChoices(ctx: FlowContext, ids: readonly string[]): Choice[] {
  const choices: Choice[] = [];
  for (const id of ids) {
    const topic = ctx.catalog.topic(id);
    if (topic) choices.push({ id: topic.id, label: literal(pick(topic.title, ctx.locale)) });
  }
  return choices;
}

function stepBody(ctx: FlowContext, topic: Topic, index: number): Text[] {
  const step = topic.steps[index];
  if (!step) return [];
  const line = (key: string, text: Topic['summary'] | undefined): Text[] =>
    text ? [t(`guide.step.${key}`, { text: pick(text, ctx.locale) })] : [];
  return [
    t('guide.step.header', { n: index + 1, total: topic.steps.length, title: pick(step.title, ctx.locale) }),
    ...line('who', step.who),
    ...line('where', step.where),
    ...line('documents', step.documents),
    ...line('cost', step.cost),
    ...line('time', step.time),
  ];
}

/** One screen of a topic, with the "check with your officer" line on every legal answer. */
function topicPage(ctx: FlowContext, topic: Topic, page: number): Reply {
  const total = pageCount(topic);
  const body: Text[] =
    page === 0
      ? [literal(pick(topic.summary, ctx.locale))]
      : page <= topic.pages.length
        ? [literal(pick(topic.pages[page - 1] ?? topic.summary, ctx.locale))]
        : stepBody(ctx, topic, page - 1 - topic.pages.length);
  // Long legal pages stay in Indonesian for the regional languages (a summary may be translated): say so.
  const shownIn = page === 0 ? topic.summary : topic.pages[page - 1];
  if (isRegional(ctx.locale) && (page > topic.pages.length || shownIn?.[ctx.locale] === undefined))
    body.unshift(t('guide.regionalNote'));
  if (topic.review_after < isoDay(ctx.now)) body.push(t('guide.stale'));
  body.push(t('guide.checkOfficer'));
  if (page === total - 1) {
    const shown = topic.sources.slice(0, MAX_SOURCES_SHOWN).map((s) => `${s.title} (${s.url})`);
    const more = topic.sources.length - shown.length;
    body.push(
      t(more > 0 ? 'guide.sourcesMore' : 'guide.sources', {
        date: formatDate(topic.verified_at, ctx.locale),
        sources: shown.join('; '),
        more,
      }),
    );
  }
  const choices: Choice[] = [];
  if (page < total - 1) choices.push({ id: 'next', label: t('guide.next') });
  if (page > 0) choices.push({ id: 'prev', label: t('guide.prev') });
  choices.push({ id: 'back', label: t('guide.back') });
  const title =
    total > 1
      ? t('guide.pageTitle', { title: pick(topic.title, ctx.locale), n: page + 1, total })
      : literal(pick(topic.title, ctx.locale));
  return { title, body, choices };
}

/** Where "back" leads from a topic: the section it was opened from, the country list, or the guide root. */
function back(ctx: FlowContext, from: string | undefined): Outcome {
  if (from === 'countries') return next('countries');
  if (isSection(ctx, from)) return next('section', { s: from });
  return next('root');
}

function openTopic(ctx: FlowContext, id: string, from: string): Outcome {
  return ctx.catalog.topic(id) ? next('topic', { id, p: 0, b: from }) : next('root');
}

/**
 * The legal-migration guide: sections → topics → paged screens. Also serves the country notes.
 * `start` takes `countries`, `section:<id>` or `topic:<id>` to open a screen directly.
 */
export const guideFlow: Flow = {
  id: 'guide',
  start(ctx, arg) {
    if (arg === 'countries') return next('countries');
    if (arg?.startsWith('section:') && isSection(ctx, arg.slice(8)))
      return next('section', { s: arg.slice(8) });
    if (arg?.startsWith('topic:')) return openTopic(ctx, arg.slice(6), 'root');
    return next('root');
  },
  prompt(ctx, state) {
    switch (state.step) {
      case 'section': {
        const s = str(state.data, 's');
        const section = isSection(ctx, s) ? s : 'schemes';
        return {
          title: t(`guide.section.${section}`),
          body: [t('guide.pickTopic')],
          choices: [
            ...topicChoices(ctx, ctx.catalog.ids.guideSections[section]),
            { id: 'back', label: t('guide.back') },
          ],
        };
      }
      case 'countries':
        return {
          title: t('guide.countriesTitle'),
          body: [t('guide.countriesIntro')],
          choices: topicChoices(
            ctx,
            ctx.catalog.topicsOf('country').map((c) => c.id),
          ),
        };
      case 'topic': {
        const topic = ctx.catalog.topic(str(state.data, 'id') ?? '');
        if (topic) {
          const page = Math.min(Math.max(num(state.data, 'p') ?? 0, 0), pageCount(topic) - 1);
          return topicPage(ctx, topic, page);
        }
        break;
      }
    }
    return {
      title: t('guide.title'),
      body: [t('guide.intro')],
      choices: [
        ...sectionsOf(ctx).map((s) => ({ id: s, label: t(`guide.section.${s}`) })),
        { id: 'countries', label: t('guide.countriesTitle') },
      ],
    };
  },
  handle(ctx, state, input) {
    // Words that are not a choice here are read as if typed at the menu (a question, an offer, …).
    if (input.type === 'text') return goto('menu', { arg: input.text });
    const id = input.id;
    switch (state.step) {
      case 'section': {
        const from = str(state.data, 's') ?? 'root';
        return id === 'back' ? next('root') : openTopic(ctx, id, from);
      }
      case 'countries':
        return openTopic(ctx, id, 'countries');
      case 'topic': {
        const p = num(state.data, 'p') ?? 0;
        if (id === 'next') return next('topic', { ...state.data, p: p + 1 });
        if (id === 'prev') return next('topic', { ...state.data, p: Math.max(p - 1, 0) });
        return back(ctx, str(state.data, 'b'));
      }
      default:
        if (id === 'countries') return next('countries');
        return isSection(ctx, id) ? next('section', { s: id }) : goto('menu');
    }
  },
};
