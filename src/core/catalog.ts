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
