import { pick, type Locale } from '../../src/core/locale.js';
import { realContent } from './engine.js';
import { loadContent } from '../../src/content/loader.js';
import { TODAY } from './engine.js';

let glosses: readonly { id: string; en: string }[] | undefined;

/**
 * A reply's text without the explanations the glossary added ("BP3MI (kantor …)" → "BP3MI"), to compare
 * it with the content text it was made from.
 */
export function unglossed(text: string, locale: Locale = 'id'): string {
  if (!glosses) {
    realContent();
    const result = loadContent('content', TODAY);
    if (!result.ok) throw new Error('content does not load');
    glosses = result.content.glossary.terms.map((t) => ({
      id: pick(t.gloss, 'id'),
      en: pick(t.gloss, 'en'),
    }));
  }
  let out = text;
  for (const g of glosses) {
    const gloss = locale === 'en' ? g.en : g.id;
    out = out.split(` (${gloss})`).join('').split(`, ${gloss})`).join(')').split(`(${gloss}; `).join('(');
  }
  return out;
}
