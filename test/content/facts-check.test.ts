import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { factsIndexYaml, parseFactSheet } from '../../src/content/facts-sheet.js';
import { loadContent, formatProblem } from '../../src/content/loader.js';
import { FACT_SHEET } from '../../src/cli/facts-index.js';
import { staleFactsIndex } from '../../src/cli/content-check.js';
import { copyContent } from '../helpers/content-copy.js';
import { TODAY } from '../helpers/engine.js';

const ROWS = `
| ID | Fact | Source | Conf. |
|---|---|---|---|
| L-14 | Age 18. | Kompas | [V] |
| L-42 | Items. | Kompas | [V-sec]; exact split for transport/accommodation [R] |
| T-14 | Nunukan. | — | [R] |
| H-04 | WhatsApp line not found. | — | [OPEN] |
| Q-05 | Question. | yes = risk | L-12, L-32 |
| S-19a | Duration. | — | — | duration [R] |
| L-14 | A second row with the same id is ignored. | — | [OPEN] |
`;

describe('the fact sheet index', () => {
  it('reads every id and how sure the sheet is of it', () => {
    expect(parseFactSheet(ROWS)).toEqual([
      { id: 'L-14', confidence: 'V' },
      { id: 'L-42', confidence: 'partial' },
      { id: 'T-14', confidence: 'R' },
      { id: 'H-04', confidence: 'OPEN' },
      { id: 'Q-05', confidence: 'derived' },
      { id: 'S-19a', confidence: 'R' },
    ]);
  });

  it.skipIf(!existsSync(FACT_SHEET))('the checked-in copy matches ../shared/domain/facts.md', () => {
    const sheet = parseFactSheet(readFileSync(FACT_SHEET, 'utf8'));
    expect(sheet.length).toBeGreaterThan(200);
    expect(readFileSync('content/facts-index.yaml', 'utf8'), 'run npm run facts:index').toBe(factsIndexYaml(sheet));
    expect(staleFactsIndex('content')).toBe(false);
  });
});

describe('content check of fact citations and sources', () => {
  let copy: ReturnType<typeof copyContent> | undefined;
  afterEach(() => copy?.remove());
  const problems = (dir: string) => {
    const result = loadContent(dir, TODAY);
    return result.ok ? [] : result.errors.map(formatProblem);
  };
  /** The errors an edit adds to the content as it is (whose own check is content:check's job). */
  const errors = (dir: string) => {
    const before = new Set(problems('content'));
    return problems(dir).filter((e) => !before.has(e));
  };

  it('rejects a fact id that the sheet does not have', () => {
    copy = copyContent();
    copy.edit('contacts.yaml', (doc) => {
      doc.contacts[0].facts.push('H-98');
    });
    expect(errors(copy.dir)).toEqual([expect.stringContaining('cites fact H-98, which facts.md does not have')]);
  });

  it('rejects a text citing an [OPEN] fact that does not say it is uncertain, in each language', () => {
    copy = copyContent();
    copy.edit('contacts.yaml', (doc) => {
      doc.contacts[0].facts.push('H-04');
      doc.contacts[0].note.id = (doc.contacts[0].note.id as string) + ' Nomor WhatsApp-nya belum pasti.';
    });
    const found = errors(copy.dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/cites H-04 .* its en text does not say it is uncertain/);
  });

  it('accepts it when both languages say so', () => {
    copy = copyContent();
    copy.edit('contacts.yaml', (doc) => {
      doc.contacts[0].facts.push('H-04');
      doc.contacts[0].note.id = (doc.contacts[0].note.id as string) + ' Nomor WhatsApp-nya belum pasti.';
      doc.contacts[0].note.en = (doc.contacts[0].note.en as string) + ' Its WhatsApp number is not confirmed.';
    });
    expect(errors(copy.dir)).toEqual([]);
  });

  it('takes only http(s) source addresses', () => {
    copy = copyContent();
    copy.edit('contacts.yaml', (doc) => {
      doc.contacts[0].sources[0].url = 'ftp://example.org/list';
      doc.contacts[1].sources[0].url = 'javascript:alert(1)';
    });
    const found = errors(copy.dir);
    expect(found).toHaveLength(2);
    for (const e of found) expect(e).toMatch(/sources\.0\.url: expected a web address starting with https/);
  });
});
