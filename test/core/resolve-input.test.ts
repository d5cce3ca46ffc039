import { describe, expect, it } from 'vitest';
import { readIntentLists } from '../../src/bootstrap.js';
import { createInputResolver } from '../../src/core/engine/resolve-input.js';
import { createIntentMatcher } from '../../src/core/intents.js';
import { literal, t, type Reply } from '../../src/core/message.js';
import { freshSession } from '../../src/core/session.js';
import { createTranslator } from '../../src/i18n/translator.js';

const deps = {
  intents: createIntentMatcher(readIntentLists('locales')),
  translator: createTranslator('locales'),
};

/** The register's pick step and an officer's register list: names users typed, next to locale labels. */
const prompt: Reply = {
  body: [t('register.ask.pick')],
  choices: [
    { id: 'e0', label: literal('Wulan · Malaysia'), typed: true },
    {
      id: 'e1',
      label: t('register.line.abroad', { who: 'Ratna', country: 'Taiwan', end: 'Feb 2027' }),
      typed: true,
    },
    { id: 'other', label: t('register.pickOther') },
  ],
};

const typed = (text: string) => ({
  channel: 'telegram' as const,
  userKey: 'telegram:1',
  text,
  receivedAt: new Date(),
});

describe('choice words: labels holding what users typed', () => {
  it('selects a typed name by its words, and keeps only the locale labels in the label cache', () => {
    const cache: NonNullable<Parameters<typeof createInputResolver>[1]> = new Map();
    const resolve = createInputResolver(deps, cache);
    const session = freshSession('id');
    expect(resolve(session, prompt, typed('wulan'), 'wulan')).toEqual({ type: 'choice', id: 'e0' });
    expect(resolve(session, prompt, typed('Ratna'), 'Ratna')).toEqual({ type: 'choice', id: 'e1' });
    const other = deps.translator.t('id', 'register.pickOther');
    expect(resolve(session, prompt, typed(other), other)).toEqual({ type: 'choice', id: 'other' });

    const kept = [...cache.keys()].join('\n');
    expect(kept).toContain(other);
    expect(kept).not.toMatch(/Wulan|Ratna|Malaysia|Taiwan/);
  });
});
