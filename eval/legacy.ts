import type { Label } from './corpus.js';
import type { Reader } from './understanding.js';

/**
 * How the menu read free text before the understanding pipeline (the keyword lists of
 * locales/<lng>/intents.json, whole-message SOS words, the offer scan and the guide search), as one
 * label — the baseline the evaluation compares against. A guide-search hit counts as a question
 * answered, which flatters the baseline: it showed a list of topics, not the answer.
 */
/** What a menu word of the keyword lists (locales/<lng>/intents.json) opens, as a label. */
export const KEYWORD_LABELS: Readonly<Partial<Record<string, Label>>> = {
  guide: 'question',
  eligibility: 'question',
  countries: 'question',
  contacts: 'question',
  jobs: 'jobs',
  agency: 'agency',
  report: 'report',
  status: 'status',
  help: 'help',
  language: 'language',
  greeting: 'greeting',
  thanks: 'greeting',
};

export function legacyLabel(reader: Reader, text: string): Label {
  const global = reader.intents.global(text);
  if (global === 'sos') return 'distress';
  if (global === 'help' || global === 'language') return global;
  if (global) return 'none';
  if (/^\s*(?:(?:cek|check|status|lacak)\s*:?\s*)?r\s*[-–.]?\s*[a-z0-9]{6}\s*$/i.test(text)) return 'status';
  const words = text.split(/\s+/).length;
  const intent = reader.intents.intent(text);
  if (words <= 5 && intent === 'report') return 'report';
  const scan = reader.scanner.scan(text);
  if (
    text.length >= 120 ||
    scan.findings.length > 0 ||
    (scan.phones.length > 0 && (scan.salaries.length > 0 || scan.countries.length > 0))
  )
    return 'offer';
  if (
    words <= 8 &&
    /^\s*(?:(?:cek|check|apakah)\s+)?(?:pt|cv)\b\.?\s+\S|^\s*\+?[\d\s().-]{8,20}\s*$/i.test(text)
  )
    return 'agency';
  switch (intent) {
    case 'guide':
    case 'eligibility':
    case 'countries':
    case 'contacts':
      return 'question';
    case 'greeting':
    case 'thanks':
      return 'greeting';
    case 'jobs':
    case 'agency':
    case 'report':
    case 'status':
    case 'help':
    case 'language':
      return intent;
    default:
      return reader.catalog.search(text, 'id', 1).length > 0 ? 'question' : 'none';
  }
}
