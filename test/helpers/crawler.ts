import type { Engine } from '../../src/core/engine.js';
import type { InboundMessage, OutboundMessage } from '../../src/core/message.js';
import { renderConsoleMessage } from '../../src/channels/console/render.js';
import type { SessionStore } from '../../src/core/ports.js';
import { TODAY } from './engine.js';

/** One message the crawl saw, as a chat shows it (title, body, numbered choices), and how it got there. */
export interface SeenMessage {
  readonly path: string;
  /** As a chat shows it: title, body and the numbered choices. */
  readonly text: string;
  /** Title and body only (what the glossary explains; choice labels stay short). */
  readonly prose: string;
}

export interface CrawlResult {
  readonly messages: readonly SeenMessage[];
  /** Distinct screens expanded. */
  readonly screens: number;
  readonly longest: SeenMessage;
}

type Step = Omit<InboundMessage, 'channel' | 'userKey' | 'receivedAt'>;

const show = (m: OutboundMessage) => renderConsoleMessage(m, { color: false });
const seen = (path: string, m: OutboundMessage): SeenMessage => ({
  path,
  text: show(m),
  prose: m.title === undefined ? m.body : `${m.title}\n${m.body}`,
});
const describe = (s: Step) => (s.choiceId !== undefined ? `[${s.choiceId}]` : JSON.stringify(s.text ?? ''));

/**
 * Walks every screen reachable by pressing choices, breadth first, through the real engine: each
 * choice of each distinct screen is pressed once, from a copy of the session that showed it (screens
 * with the same text and choices are expanded once). `starts` are the ways in: scripted messages from
 * the menu, e.g. a typed age or an SOS word, whose last screen is then walked. Free-text steps that a
 * choice cannot leave are not filled in, except by a start.
 */
export async function crawl(
  engine: Engine,
  store: SessionStore,
  starts: readonly (readonly Step[])[],
  opts: { locale: string; maxScreens?: number; skip?: (choiceId: string) => boolean },
): Promise<CrawlResult> {
  const maxScreens = opts.maxScreens ?? 20_000;
  const messages: SeenMessage[] = [];
  const shown = new Set<string>();
  let users = 0;
  const queue: { user: string; path: string; screen: OutboundMessage }[] = [];
  const send = async (user: string, step: Step) =>
    (await engine.handle({ channel: 'console', userKey: user, receivedAt: TODAY, ...step })).messages;
  const record = (path: string, out: readonly OutboundMessage[]) => {
    for (const m of out) messages.push(seen(path, m));
    const screen = out[out.length - 1];
    if (!screen) return;
    const key = out.map(show).join('\n\n');
    if (shown.has(key)) return;
    shown.add(key);
    return screen;
  };
  const fork = async (from: string): Promise<string> => {
    const to = `console:crawl-${users++}`;
    const loaded = await store.load(from);
    const saved = await store.save(to, loaded.decoded.session, 0);
    if (saved.type !== 'saved') throw new Error(`could not copy the session of ${from}`);
    return to;
  };

  for (const script of starts) {
    const user = `console:crawl-${users++}`;
    await send(user, { text: 'bahasa' });
    await send(user, { choiceId: opts.locale });
    let path = '';
    let out: readonly OutboundMessage[] = [];
    for (const step of script) {
      path += (path ? ' ' : '') + describe(step);
      out = await send(user, step);
      for (const m of out) messages.push(seen(path, m));
    }
    const screen = out[out.length - 1];
    const key = out.map(show).join('\n\n');
    if (screen && !shown.has(key)) {
      shown.add(key);
      queue.push({ user, path, screen });
    }
  }
  let screens = 0;
  while (queue.length > 0 && screens < maxScreens) {
    const item = queue.shift();
    if (!item) break;
    screens++;
    for (const choice of item.screen.choices) {
      // Leaving to the menu or the language list leads to screens the starts already walk.
      if (choice.id === 'menu' || opts.skip?.(choice.id)) continue;
      const user = await fork(item.user);
      const path = `${item.path} [${choice.id}]`;
      const screen = record(path, await send(user, { choiceId: choice.id }));
      if (screen) queue.push({ user, path, screen });
    }
  }
  const longest = messages.reduce<SeenMessage>((a, b) => (b.text.length > a.text.length ? b : a), {
    path: '',
    text: '',
    prose: '',
  });
  return { messages, screens, longest };
}
