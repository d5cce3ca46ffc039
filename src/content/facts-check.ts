import type { FactsIndexFile } from './facts-sheet.js';
import { UNCERTAIN_CONFIDENCES } from './facts-sheet.js';
import type { Content, ContentProblem } from './loader.js';

/**
 * Words that say a statement is not certain, per content locale. A text citing a fact the sheet tags
 * only [R] or [OPEN] must use one of them in Indonesian and in English (the sheet's rule: such facts
 * are worded as uncertain or left out).
 */
export const UNCERTAIN_MARKERS: Readonly<Record<'id' | 'en', readonly string[]>> = {
  id: ['belum pasti', 'perlu dicek', 'belum dikonfirmasi', 'belum bisa kami pastikan', 'belum punya angka'],
  en: [
    'not certain',
    'needs checking',
    'need checking',
    'not confirmed',
    'not been able to confirm',
    'no official figure',
    'have no figures',
  ],
};

/** One item that cites facts: where it is, the ids it cites, and the item itself (its texts are read from it). */
export interface CitingItem {
  readonly file: string;
  readonly path: string;
  readonly facts: readonly string[];
  readonly item: unknown;
  /** Check only that the ids exist (a glossary term names a thing; it states no rule that could be unsure). */
  readonly idsOnly?: boolean;
}

/** Every text of an item in one locale: the values of its `{id, en, …}` objects, at any depth. */
function textsOf(value: unknown, locale: 'id' | 'en', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) textsOf(v, locale, out);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const text = record[locale];
    if (typeof text === 'string' && typeof record.id === 'string' && typeof record.en === 'string') out.push(text);
    else for (const [key, v] of Object.entries(record)) if (key !== 'facts' && key !== 'sources') textsOf(v, locale, out);
  }
  return out;
}

/**
 * Every cited fact id exists in the fact sheet (through its checked-in index), and an item citing a fact
 * the sheet is not sure of ([R] or [OPEN] only) says so in its own words.
 */
export function checkFactCitations(items: readonly CitingItem[], index: FactsIndexFile): ContentProblem[] {
  const confidence = new Map(index.facts.map((f) => [f.id, f.confidence]));
  const problems: ContentProblem[] = [];
  for (const { file, path, facts, item, idsOnly } of items) {
    facts.forEach((id, i) => {
      if (!confidence.has(id))
        problems.push({ file, path: `${path}.facts.${i}`, message: `cites fact ${id}, which facts.md does not have` });
    });
    const unsure = facts.filter((id) => {
      const c = confidence.get(id);
      return c !== undefined && UNCERTAIN_CONFIDENCES.has(c);
    });
    if (unsure.length === 0 || idsOnly) continue;
    for (const locale of ['id', 'en'] as const) {
      const text = textsOf(item, locale).join('\n').toLowerCase();
      if (!UNCERTAIN_MARKERS[locale].some((m) => text.includes(m))) {
        problems.push({
          file,
          path,
          message:
            `cites ${unsure.join(', ')} (only [R]/[OPEN] in facts.md) but its ${locale} text does not say it is uncertain ` +
            `(use one of: ${UNCERTAIN_MARKERS[locale].map((m) => `"${m}"`).join(', ')}), or drop the fact`,
        });
      }
    }
  }
  return problems;
}

/** Every item of the content that cites facts, named by file and id. */
export function citingItems(content: Content): CitingItem[] {
  const named = <T extends { id: string; facts: readonly string[] }>(file: string, list: string, items: readonly T[]) =>
    items.map((item) => ({ file, path: `${list}.${item.id}`, facts: item.facts, item }));
  return [
    ...named('guide', 'topics', content.topics),
    ...named('contacts.yaml', 'contacts', content.contacts),
    ...named('eligibility.yaml', 'documents', content.eligibility.documents),
    ...named('eligibility.yaml', 'verdicts', content.eligibility.verdicts),
    ...named('warnings/signs.yaml', 'signs', content.warnings.signs),
    ...named('warnings/signs.yaml', 'levels', content.warnings.levels),
    ...named('answers', 'answers', content.answers),
    ...content.scan.verify.map((v, i) => ({ file: 'warnings/scan.yaml', path: `verify.${i}`, facts: v.facts, item: v })),
    ...content.glossary.terms.map((g) => ({
      file: 'glossary.yaml',
      path: `terms.${g.term}`,
      facts: g.facts,
      item: g,
      idsOnly: true,
    })),
  ];
}
