import { pick, type Locale, type LocalizedText } from './locale.js';
import type { OutboundMessage } from './message.js';

/** An acronym or official name and its plain-words explanation (content/glossary.yaml). */
export interface GlossTerm {
  readonly term: string;
  readonly gloss: LocalizedText;
  /** Phrases per locale that already explain the term. */
  readonly known: Readonly<Record<string, readonly string[]>>;
  /** Shorter terms this one explains too. */
  readonly covers: readonly string[];
}

/** Adds plain-words explanations of acronyms to rendered messages. */
export interface Glossary {
  /**
   * The message with each glossary term explained once: in brackets after its first use in the title
   * or body, unless the message already says what it is. Choice labels are left as they are.
   */
  explain(locale: Locale, message: OutboundMessage): OutboundMessage;
  /** Terms whose first use in this title and body is not explained (what `explain` would add). */
  unexplained(locale: Locale, text: string): string[];
}

const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:go\.id|com|org|id)\S*/gi;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A glossary that explains nothing: for tests and tools that render without content. */
export const NO_GLOSSARY: Glossary = { explain: (_l, m) => m, unexplained: () => [] };

export function createGlossary(terms: readonly GlossTerm[]): Glossary {
  if (terms.length === 0) return NO_GLOSSARY;
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  const sorted = [...terms].sort((a, b) => b.term.length - a.term.length);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}.@-])(?:${sorted.map((t) => escape(t.term)).join('|')})(?![\\p{L}\\p{N}@]|\\.[a-z])`,
    'gu',
  );

  /** Terms the text already explains in its own words (or in an explanation added before). */
  function explainedIn(locale: Locale, lower: string): Set<string> {
    const done = new Set<string>();
    for (const t of terms) {
      const phrases = [pick(t.gloss, locale), ...(t.known[locale] ?? t.known.id ?? [])];
      if (phrases.some((p) => lower.includes(p.toLowerCase())))
        for (const x of [t.term, ...t.covers]) done.add(x);
    }
    return done;
  }

  /** The text with explanations added after first uses; `done` holds the terms already explained. */
  function gloss(locale: Locale, text: string, done: Set<string>, added: string[] | undefined): string {
    const urls = [...text.matchAll(URL)].map((m) => [m.index, m.index + m[0].length] as const);
    let out = '';
    let at = 0;
    for (const m of text.matchAll(pattern)) {
      const term = byTerm.get(m[0]);
      if (!term || done.has(term.term)) continue;
      const end = m.index + m[0].length;
      if (urls.some(([a, b]) => m.index >= a && m.index < b)) continue;
      for (const x of [term.term, ...term.covers]) done.add(x);
      added?.push(term.term);
      const explanation = pick(term.gloss, locale);
      // "(P3MI)" → "(P3MI, perusahaan …)"; elsewhere "P3MI (perusahaan …)".
      const inBrackets = text[m.index - 1] === '(' && text[end] === ')';
      out += text.slice(at, end) + (inBrackets ? `, ${explanation}` : ` (${explanation})`);
      at = end;
    }
    return at === 0 ? text : out + text.slice(at);
  }

  return {
    explain(locale, message) {
      const done = explainedIn(locale, `${message.title ?? ''}\n${message.body}`.toLowerCase());
      const title = message.title === undefined ? undefined : gloss(locale, message.title, done, undefined);
      const body = gloss(locale, message.body, done, undefined);
      if (title === message.title && body === message.body) return message;
      return title === undefined ? { ...message, body } : { ...message, title, body };
    },
    unexplained(locale, text) {
      const added: string[] = [];
      gloss(locale, text, explainedIn(locale, text.toLowerCase()), added);
      return added;
    },
  };
}
