import { pick, type Locale, type LocalizedText } from './locale.js';
import type { Engine } from './engine.js';
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

const ANY_LINE = /^.*$/gm;
const LINK = /https?:\/\//;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Terms already explained in a message: said in its own words, or explained earlier in it. */
interface Explained {
  has(term: string): boolean;
  add(term: string): void;
}

/** A glossary that explains nothing: for tests and tools that render without content. */
export const NO_GLOSSARY: Glossary = { explain: (_l, m) => m, unexplained: () => [] };

/**
 * `citations`: per locale, words that start a source line ("Sumber:"); such a line, like a line with a
 * web address, names documents and is left as written.
 */
export function createGlossary(
  terms: readonly GlossTerm[],
  citations: Readonly<Record<string, readonly string[]>> = {},
): Glossary {
  if (terms.length === 0) return NO_GLOSSARY;
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  const sorted = [...terms].sort((a, b) => b.term.length - a.term.length);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}.@-])(?:${sorted.map((t) => escape(t.term)).join('|')})(?![\\p{L}\\p{N}@]|\\.[a-z])`,
    'gu',
  );

  /**
   * Per locale, each term with the phrases (lower case) that explain it: its own and those of the
   * longer terms that cover it ("KP2MI/BP2MI" explains "KP2MI"). Made once per locale.
   */
  const explainers = new Map<Locale, ReadonlyMap<string, readonly string[]>>();
  function explainersOf(locale: Locale): ReadonlyMap<string, readonly string[]> {
    const known = explainers.get(locale);
    if (known) return known;
    const byMarked = new Map<string, string[]>();
    for (const t of terms) {
      const phrases = [pick(t.gloss, locale), ...(t.known[locale] ?? t.known.id ?? [])].map((p) =>
        p.toLowerCase(),
      );
      for (const x of [t.term, ...t.covers]) byMarked.set(x, [...(byMarked.get(x) ?? []), ...phrases]);
    }
    explainers.set(locale, byMarked);
    return byMarked;
  }

  /**
   * Terms `text` already explains in its own words, or that an explanation added before covers. Each
   * term is looked up only when the text uses it (most texts use none).
   */
  function explainedIn(locale: Locale, text: string): Explained {
    const added = new Set<string>();
    const told = new Map<string, boolean>();
    let lower: string | undefined;
    return {
      has(term) {
        if (added.has(term)) return true;
        let yes = told.get(term);
        if (yes === undefined) {
          const low = (lower ??= text.toLowerCase());
          yes = (explainersOf(locale).get(term) ?? []).some((p) => low.includes(p));
          told.set(term, yes);
        }
        return yes;
      },
      add: (term) => void added.add(term),
    };
  }

  /** The text with explanations added after first uses; `done` holds the terms already explained. */
  function gloss(locale: Locale, text: string, done: Explained, added: string[] | undefined): string {
    // A line with a web address or a source line is a citation or a link: explanations go in the prose.
    // Found only when a term is to be explained.
    let cited: (readonly [number, number])[] | undefined;
    const citedLines = () => {
      const words = citations[locale] ?? citations.id ?? [];
      return [...text.matchAll(ANY_LINE)]
        .filter((m) => LINK.test(m[0]) || words.some((w) => m[0].includes(w)))
        .map((m) => [m.index, m.index + m[0].length] as const);
    };
    let out = '';
    let at = 0;
    for (const m of text.matchAll(pattern)) {
      const term = byTerm.get(m[0]);
      if (!term || done.has(term.term)) continue;
      const end = m.index + m[0].length;
      cited ??= citedLines();
      if (cited.some(([a, b]) => m.index >= a && m.index < b)) continue;
      for (const x of [term.term, ...term.covers]) done.add(x);
      added?.push(term.term);
      const explanation = pick(term.gloss, locale);
      if (text[m.index - 1] === '(' && text[end] === ')') {
        // "(P3MI)" → "(P3MI, perusahaan …)"
        out += `${text.slice(at, end)}, ${explanation}`;
        at = end;
      } else if (text.startsWith(' (', end)) {
        // "KP2MI (gratis)" → "KP2MI (kementerian …; gratis)"
        out += `${text.slice(at, end + 2)}${explanation}; `;
        at = end + 2;
      } else {
        out += `${text.slice(at, end)} (${explanation})`;
        at = end;
      }
    }
    return at === 0 ? text : out + text.slice(at);
  }

  return {
    explain(locale, message) {
      const done = explainedIn(locale, `${message.title ?? ''}\n${message.body}`);
      const title = message.title === undefined ? undefined : gloss(locale, message.title, done, undefined);
      const body = gloss(locale, message.body, done, undefined);
      if (title === message.title && body === message.body) return message;
      return title === undefined ? { ...message, body } : { ...message, title, body };
    },
    unexplained(locale, text) {
      const added: string[] = [];
      gloss(locale, text, explainedIn(locale, text), added);
      return added;
    },
  };
}

/** The engine with every message it sends explained by the glossary (terms explained once per message). */
export function withGlossary(engine: Engine, glossary: Glossary): Engine {
  return {
    async handle(msg) {
      const result = await engine.handle(msg);
      return { ...result, messages: result.messages.map((m) => glossary.explain(result.locale, m)) };
    },
  };
}
