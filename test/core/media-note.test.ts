import { describe, expect, it } from 'vitest';
import { repliesWithNote } from '../../src/core/media-note.js';
import type { EngineResult } from '../../src/core/message.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { realCallCentre } from '../helpers/engine.js';

const translator = createTranslator('locales');
const settings = { maxBytes: 5 * 1024 * 1024, callCentre: realCallCentre() };

/** What the engine answered to a message with no text (its media could not be kept). */
const empty = (locale: EngineResult['locale']): EngineResult => ({
  locale,
  messages: [{ body: `${translator.t(locale, 'engine.empty')}\n\n0. Menu`, choices: [] }],
});

describe('the WhatsApp providers\u2019 note on what came with a message', () => {
  it.each(['id', 'en', 'jv', 'su', 'mad', 'sas'] as const)(
    'a voice note that could not be kept (%s): please type, or call the call centre from content',
    (locale) => {
      const [first] = repliesWithNote(
        empty(locale),
        { voiceNote: true, unsupported: false },
        translator,
        settings,
      );
      expect(settings.callCentre).toBe('0800-1000');
      expect(first?.body).toContain(settings.callCentre);
      expect(first?.body).not.toContain('{{');
      // The note replaces the engine's "empty message" line; the way back to the menu stays.
      expect(first?.body).not.toContain(translator.t(locale, 'engine.empty'));
      expect(first?.body).toContain('0. Menu');
    },
  );

  it('names the number it is given, not one typed into a translation', () => {
    const [first] = repliesWithNote(empty('id'), { voiceNote: true, unsupported: false }, translator, {
      ...settings,
      callCentre: '0800-9999',
    });
    expect(first?.body).toContain('telepon 0800-9999.');
    expect(first?.body).not.toContain('0800-1000');
  });

  it('gives the photo size limit in MB', () => {
    const [first] = repliesWithNote(
      empty('en'),
      { voiceNote: false, unsupported: false, photo: { type: 'rejected', reason: 'too-large' } },
      translator,
      settings,
    );
    expect(first?.body).toContain('5 MB');
  });
});
