import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { realCatalog } from '../helpers/engine.js';

/** The shared fact sheet (beside the repository, as CI lays it out). */
const FACTS = join('..', 'shared', 'domain', 'facts.md');
const digits = (s: string) => s.replace(/\D/g, '');

/** Rows of the fact sheet's hotline tables (H: §4, W: the mission numbers of §9h): id → the whole row text. */
function hotlineRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readFileSync(FACTS, 'utf8').split('\n')) {
    const m = /^\| ([HW]-\d{2}) \|/.exec(line);
    if (m?.[1]) rows.set(m[1], line);
  }
  return rows;
}

function allTexts(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? allTexts(p) : /\.(ya?ml|json)$/.test(p) ? [readFileSync(p, 'utf8')] : [];
  });
}

describe.skipIf(!existsSync(FACTS))('every phone number traces to a verified fact', () => {
  const rows = hotlineRows();
  const contacts = realCatalog().contacts;

  it('reads the hotline table', () => {
    expect(rows.size).toBeGreaterThan(15);
  });

  it.each(contacts.map((c) => [c.id, c] as const))('%s', (_id, contact) => {
    const tracing = contact.facts
      .map((f) => rows.get(f))
      .filter((row): row is string => row !== undefined)
      .filter((row) => digits(row).includes(digits(contact.number)));
    expect(tracing.length, `${contact.number} is not in the rows of ${contact.facts.join(', ')}`).toBeGreaterThan(0);
    for (const row of tracing) {
      expect(row).toMatch(/\[V(-sec)?\][^|]*\|?\s*$/);
      expect(row).not.toMatch(/\[OPEN\]|\[R\]\s*\|?\s*$/);
    }
  });

  it('ships no phone number in any text other than the contacts directory', () => {
    const known = new Set(contacts.map((c) => digits(c.number).replace(/^0/, '62')));
    // Dates and web addresses are not what users dial.
    const dialable = (text: string) =>
      text
        .replace(/\d{4}-\d{2}(-\d{2})?/g, ' ')
        .replace(/\b\d{1,4}\/\d{4}\b/g, ' ').replace(/https?:\/\/\S+/g, ' ');
    const found = [...allTexts('content'), ...allTexts('locales')].flatMap((text) =>
      findPhoneNumbersInText(dialable(text), 'ID').map((p) => p.number.number.replace('+', '')),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((n) => !known.has(n) && !known.has(n.replace(/^62/, '')))).toEqual([]);
  });
});
