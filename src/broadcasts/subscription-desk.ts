import type { Text } from '../core/message.js';
import type { Clock, Translator } from '../core/ports.js';
import { renderText } from '../core/render.js';
import type { Consent, Subscriber, SubscriptionDesk, Topics } from '../core/subscriptions.js';
import { topicCount } from '../core/subscriptions.js';
import type { SubscriptionStore } from './subscription-store.js';

/**
 * The chat's side of alerts over a store. Changing alerts clears a "blocked" mark (the person is
 * writing to the bot again); STOP keeps what it ended so `mulai` can offer it back.
 */
export function createSubscriptionDesk(
  store: SubscriptionStore,
  clock: Clock,
  translator: Translator,
): SubscriptionDesk {
  const now = () => clock.now().toISOString();
  /** The consent record: the exact text the user saw, rendered as the chat rendered it. */
  const consentOf = (wording: Text, locale: Subscriber['locale']): Consent => ({
    at: now(),
    wording: renderText(translator, locale, wording),
    ...('key' in wording ? { key: wording.key } : {}),
    locale,
  });
  /** The record without the blocked mark, with these topics (and what STOP ended, unless dropped). */
  const fresh = (
    s: Subscriber | undefined,
    address: string,
    locale: Subscriber['locale'],
    topics: Topics,
  ) => {
    const out: Subscriber = { address, locale, topics, ...(s?.stopped ? { stopped: s.stopped } : {}) };
    return out;
  };
  return {
    get: (address) => store.get(address),
    async subscribe(address, locale, topic, wording) {
      const s = await store.get(address);
      const consent = consentOf(wording, locale);
      const topics: Topics =
        topic.kind === 'jobs'
          ? {
              ...s?.topics,
              jobs: {
                countries: [...topic.countries],
                sectors: [...topic.sectors],
                ...(topic.digest ? { digest: topic.digest } : {}),
                consent,
              },
            }
          : { ...s?.topics, warnings: { district: topic.district, name: topic.name, consent } };
      // A new opt-in after STOP starts afresh: what STOP ended is no longer offered back.
      const next: Subscriber = { address, locale, topics };
      await store.put(next);
      return next;
    },
    async unsubscribe(address, kind) {
      const s = await store.get(address);
      if (!s?.topics[kind]) return;
      const { jobs, warnings } = s.topics;
      const topics: Topics = {
        ...(kind === 'jobs' || !jobs ? {} : { jobs }),
        ...(kind === 'warnings' || !warnings ? {} : { warnings }),
      };
      const next = fresh(s, address, s.locale, topics);
      if (topicCount(topics) === 0 && !next.stopped) await store.delete(address);
      else await store.put(next);
    },
    async stopAll(address) {
      const s = await store.get(address);
      const ended = topicCount(s?.topics);
      if (!s || ended === 0) return 0;
      await store.put({ address, locale: s.locale, topics: {}, stopped: { at: now(), topics: s.topics } });
      return ended;
    },
    async resume(address, locale, wording) {
      const s = await store.get(address);
      const back = s?.stopped?.topics;
      if (!s || !back) return 0;
      const consent = consentOf(wording, locale);
      const topics: Topics = {
        ...(back.jobs ? { jobs: { ...back.jobs, consent } } : {}),
        ...(back.warnings ? { warnings: { ...back.warnings, consent } } : {}),
      };
      await store.put({ address, locale, topics });
      return topicCount(topics);
    },
    async dropStopped(address) {
      const s = await store.get(address);
      if (!s?.stopped) return;
      if (topicCount(s.topics) === 0) await store.delete(address);
      else await store.put({ address, locale: s.locale, topics: s.topics });
    },
  };
}
