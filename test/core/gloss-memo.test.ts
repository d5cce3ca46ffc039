import { describe, expect, it } from 'vitest';
import { createGlossary, type GlossTerm } from '../../src/core/gloss.js';
import type { OutboundMessage } from '../../src/core/message.js';

const TERMS: GlossTerm[] = [
  {
    term: 'PMI',
    gloss: { id: 'pekerja migran Indonesia', en: 'Indonesian migrant worker' },
    known: { id: ['pekerja migran'] },
    covers: [],
  },
];

const message = (body: string, title?: string): OutboundMessage =>
  title === undefined ? { body, choices: [] } : { title, body, choices: [] };

describe('glossary explanations remembered per text', () => {
  it('explains a text shown again the same way, in a new message object with its own choices', () => {
    const glossary = createGlossary(TERMS);
    const first = glossary.explain('id', message('Syarat PMI: paspor.'));
    const choices = [{ id: 'menu', n: 0, label: 'Menu utama' }];
    const again = glossary.explain('id', { body: 'Syarat PMI: paspor.', choices });
    expect(first.body).toBe('Syarat PMI (pekerja migran Indonesia): paspor.');
    expect(again).toEqual({ body: first.body, choices });
  });

  it('keeps the locale and the title apart for the same body', () => {
    const glossary = createGlossary(TERMS);
    const body = 'PMI wajib punya paspor.';
    expect(glossary.explain('en', message(body)).body).toBe(
      'PMI (Indonesian migrant worker) wajib punya paspor.',
    );
    expect(glossary.explain('id', message(body)).body).toBe(
      'PMI (pekerja migran Indonesia) wajib punya paspor.',
    );
    // A title that explains the term already: the body is left as it is.
    const titled = glossary.explain('id', message(body, 'Untuk pekerja migran'));
    expect(titled).toEqual(message(body, 'Untuk pekerja migran'));
    expect(glossary.explain('id', message(body, 'Info PMI'))).toEqual(
      message(body, 'Info PMI (pekerja migran Indonesia)'),
    );
  });

  it('returns a message without terms as it is', () => {
    const glossary = createGlossary(TERMS);
    const plain = message('Pilih nomor.', 'Menu utama');
    expect(glossary.explain('id', plain)).toBe(plain);
    expect(glossary.explain('id', plain)).toBe(plain);
  });

  it('tells apart bodies of the same length that differ between the characters it samples', () => {
    const glossary = createGlossary(TERMS);
    // 320 characters: every tenth is read for the fingerprint; these differ at index 7 only.
    const a = `Cek PMI,${'a'.repeat(312)}`;
    const b = `Cek PMI!${'a'.repeat(312)}`;
    expect(glossary.explain('id', message(a)).body).toBe(
      `Cek PMI (pekerja migran Indonesia),${'a'.repeat(312)}`,
    );
    expect(glossary.explain('id', message(b)).body).toBe(
      `Cek PMI (pekerja migran Indonesia)!${'a'.repeat(312)}`,
    );
    expect(glossary.explain('id', message(a)).body).toBe(
      `Cek PMI (pekerja migran Indonesia),${'a'.repeat(312)}`,
    );
  });

  it('explains correctly after more texts than the memo keeps', () => {
    const glossary = createGlossary(TERMS);
    const bodies = Array.from({ length: 5000 }, (_, i) => `Langkah ${i} untuk PMI.`);
    for (const body of bodies) glossary.explain('id', message(body));
    for (const body of [bodies[0]!, bodies[2500]!, bodies[4999]!]) {
      expect(glossary.explain('id', message(body)).body).toBe(
        body.replace('PMI.', 'PMI (pekerja migran Indonesia).'),
      );
    }
  });
});
