import { describe, expect, it } from 'vitest';
import { createReader, evaluateUnderstanding } from '../../eval/understanding.js';
import { REGIONAL_LANGS, isRegional, readUnderstandingCorpus, unseenHeldout } from '../../eval/corpus.js';
import { INTENTS } from '../../src/core/understanding/lexicon.js';

/**
 * CI floors of the understanding pipeline on the held-out corpus (issue: understanding). Only the
 * numbers are read here; a failing case is fixed from the development part and the domain facts,
 * never by copying it into a rule. All three are held at the targets: intent 92 %, every distress
 * message heard (100 %), answer cards 85 %.
 */
const FLOORS = { intent: 0.92, distressRecall: 1, answers: 0.85 };

const reader = createReader();

describe('understanding floors on eval/understanding/heldout.yaml (Indonesian, English, mixed)', () => {
  const m = evaluateUnderstanding(
    reader,
    'heldout',
    unseenHeldout().items.filter((i) => !isRegional(i)),
  );

  it('reads the intent of most held-out messages', () => {
    expect(m.accuracy).toBeGreaterThanOrEqual(FLOORS.intent);
  });
  it('hears distress in the held-out messages', () => {
    expect(m.distress.recall).toBeGreaterThanOrEqual(FLOORS.distressRecall);
  });
  it('answers held-out questions with a card that holds the fact', () => {
    expect(m.answers.rate).toBeGreaterThanOrEqual(FLOORS.answers);
  });
});

/**
 * Issue 16: intent ≥ 85 % for Javanese and Sundanese, ≥ 75 % for Madurese and Sasak (held at the targets);
 * every distress message heard in each language. The held-out messages were written by an author who never saw
 * the rules.
 */
const REGIONAL_FLOORS = { jv: 0.85, su: 0.85, mad: 0.75, sas: 0.75 } as const;

describe('understanding floors on the regional held-out messages', () => {
  const items = unseenHeldout().items.filter(isRegional);
  const m = evaluateUnderstanding(reader, 'heldout', items);

  it.each(REGIONAL_LANGS)(
    '%s: at least 20 held-out messages, the intent floor, every distress heard',
    (lang) => {
      const v = m.perLang.get(lang) ?? { n: 0, correct: 0 };
      const d = m.distressPerLang.get(lang) ?? { n: 0, correct: 0 };
      expect(v.n).toBeGreaterThanOrEqual(20);
      expect(v.correct / v.n).toBeGreaterThanOrEqual(REGIONAL_FLOORS[lang]);
      expect(d.n).toBeGreaterThan(0);
      expect(d.correct).toBe(d.n);
    },
  );
});

describe('the corpus', () => {
  const all = [...readUnderstandingCorpus('dev'), ...readUnderstandingCorpus('heldout')];

  it('has at least 600 messages, 40 per intent, 80 distress and 60 questions with the fact to find', () => {
    expect(all.length).toBeGreaterThanOrEqual(600);
    for (const intent of INTENTS)
      expect(all.filter((i) => i.intent === intent).length).toBeGreaterThanOrEqual(40);
    expect(all.filter((i) => i.intent === 'distress').length).toBeGreaterThanOrEqual(80);
    expect(all.filter((i) => i.intent === 'question' && i.expect).length).toBeGreaterThanOrEqual(60);
  });

  it('has at least 60 messages per regional language, dev and held-out together', () => {
    for (const lang of REGIONAL_LANGS)
      expect(all.filter((i) => i.lang === lang).length).toBeGreaterThanOrEqual(60);
  });

  it('counts held-out messages the development part also has as seen, not held out', () => {
    const { items, shared } = unseenHeldout();
    expect(items.length + shared).toBe(readUnderstandingCorpus('heldout').length);
    expect(items.length).toBeGreaterThan(200);
  });
});
