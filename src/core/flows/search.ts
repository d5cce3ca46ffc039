import { goto, next, type Flow } from '../flow.js';
import { pick } from '../locale.js';
import { literal, t } from '../message.js';
import { strings } from './data.js';

const MAX_RESULTS = 4;

/** Free text that names no menu entry: full-text search over the guide, or a helpful "not understood". */
export const searchFlow: Flow = {
  id: 'search',
  start(ctx, query = '') {
    const hits = ctx.catalog.search(query, ctx.locale, MAX_RESULTS);
    if (hits.length === 0) return goto('menu', { say: [{ body: [t('search.none')] }] });
    return next('results', { ids: hits.map((h) => h.topicId) });
  },
  prompt(ctx, state) {
    const topics = strings(state.data, 'ids').flatMap((id) => {
      const topic = ctx.catalog.topic(id);
      return topic ? [topic] : [];
    });
    return {
      title: t('search.title'),
      body: [t('search.intro')],
      choices: topics.map((topic) => ({ id: topic.id, label: literal(pick(topic.title, ctx.locale)) })),
    };
  },
  handle(_ctx, _state, input) {
    if (input.type === 'choice') return goto('guide', { arg: `topic:${input.id}` });
    return goto('search', { arg: input.text });
  },
};
