/**
 * A small pattern language for phrase lists that people who are not programmers can edit:
 *
 * - `dikurung` — one word; `kurung*` — any word starting with "kurung" ("kurungnya");
 * - `tidak boleh keluar` — words in a row; `dikurung|tidak boleh keluar` — alternatives;
 * - `#` — any number ("# bulan" reads "3 bulan");
 * - `paspor* + ditahan|disita|diambil` — parts joined by ` + ` must all occur, in any order, within
 *   a few words of each other ("paspornya masih ditahan", "ditahan paspor saya").
 *
 * A match right after a negation ("tidak dikurung") does not count, unless the pattern itself starts
 * with a negation word.
 */
export interface Rule {
  readonly source: string;
  readonly parts: readonly Part[];
}

/** Alternatives, each words in a row. */
type Part = readonly Phrase[];
type Phrase = readonly Word[];

interface Word {
  readonly word: string;
  readonly prefix: boolean;
}

/** Parts of one rule must start within this many words of each other. */
export const RULE_WINDOW = 8;

const NEGATIONS = new Set(['tidak', 'bukan', 'belum', 'jangan', 'no', 'not', 'never', 'dont', 'didnt']);

export function parseRule(source: string, spellings: ReadonlyMap<string, string>): Rule {
  const parts = source
    .split(' + ')
    .map((part) =>
      part
        .split('|')
        .map((alt) =>
          alt
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .flatMap((w) => {
              const prefix = w.endsWith('*');
              const word = (prefix ? w.slice(0, -1) : w).toLowerCase();
              if (prefix) return [{ word, prefix }];
              // A chat spelling in a rule reads as the word it stands for ("gak" → "tidak").
              return (spellings.get(word) ?? word).split(' ').map((x) => ({ word: x, prefix: false }));
            }),
        )
        .filter((phrase) => phrase.length > 0),
    )
    .filter((p) => p.length > 0);
  if (parts.length === 0) throw new Error(`empty rule: "${source}"`);
  return { source, parts };
}

const matchesWord = (w: Word, token: string): boolean =>
  w.prefix ? token.startsWith(w.word) : w.word === '#' ? /^\d+$/.test(token) : token === w.word;

function phraseAt(phrase: Phrase, tokens: readonly string[], i: number): boolean {
  if (i + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++)
    if (!matchesWord(phrase[k] as Word, tokens[i + k] ?? '')) return false;
  // "tidak dikurung" does not count, unless the phrase itself says "tidak …".
  const before = tokens[i - 1];
  return NEGATIONS.has(phrase[0]?.word ?? '') || before === undefined || !NEGATIONS.has(before);
}

/** Start positions where any alternative of a part matches, leaving out negated occurrences. */
function partStarts(part: Part, tokens: readonly string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++)
    if (part.some((phrase) => phraseAt(phrase, tokens, i))) starts.push(i);
  return starts;
}

/** True when every part of the rule matches, all within RULE_WINDOW words. */
export function ruleMatches(rule: Rule, tokens: readonly string[]): boolean {
  const startsPerPart = rule.parts.map((p) => partStarts(p, tokens));
  if (startsPerPart.some((s) => s.length === 0)) return false;
  if (startsPerPart.length === 1) return true;
  // Any occurrence of the first part with every other part close by.
  return (startsPerPart[0] ?? []).some((anchor) =>
    startsPerPart.slice(1).every((starts) => starts.some((s) => Math.abs(s - anchor) <= RULE_WINDOW)),
  );
}
