import type { ContentCatalog } from '../content/catalog.js';
import type { Glossary } from './gloss.js';
import type { CompiledLexicon } from './understanding/lexicon.js';

/**
 * Content as the core reads it: the content catalog, with the understanding pipeline's word lists of
 * every language compiled (with country and sector words) and the glossary of acronyms built. The
 * composition root puts the two together (src/bootstrap.ts `buildCatalog`).
 */
export interface Catalog extends ContentCatalog {
  readonly lexicon: CompiledLexicon;
  /** Plain-words explanations of acronyms, added to messages as they are sent. */
  readonly glossary: Glossary;
}

/**
 * The KP2MI call centre's number as content gives it (content/contacts.yaml): the texts that name it
 * take it as `{{callCentre}}`, so a change of number is one line of content, not six translations.
 */
export const callCentreOf = (catalog: Pick<ContentCatalog, 'contacts' | 'ids'>): string =>
  catalog.contacts.find((c) => c.id === catalog.ids.callCentre)?.number ?? '';
