import { describe, expect, it } from 'vitest';
import {
  CHUNK_LIMIT,
  escapeWhatsApp,
  formatMessage,
  renderWhatsApp,
  splitMessage,
} from '../../../src/channels/whatsapp/render.js';
import type { OutboundMessage } from '../../../src/core/message.js';

const msg = (body: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  body,
  choices: [],
  ...extra,
});

describe('WhatsApp rendering', () => {
  it('writes a bold title, the body and a numbered list with the menu choice last, in italics', () => {
    const text = formatMessage(
      msg('Pilih topik.', {
        title: 'Cara kerja',
        choices: [
          { id: 'menu', n: 0, label: 'Menu utama' },
          { id: 'a', n: 1, label: 'Jalur resmi' },
          { id: 'b', n: 2, label: 'Biaya' },
        ],
      }),
    );
    expect(text).toBe('*Cara kerja*\nPilih topik.\n\n1. Jalur resmi\n2. Biaya\n_0. Menu utama_');
  });

  it('neutralises formatting characters in text that could pair up, and leaves lone ones and links alone', () => {
    expect(escapeWhatsApp('gaji *besar* dan _cepat_ ~pasti~')).toBe('gaji ∗besar∗ dan ＿cepat＿ ∼pasti∼');
    expect(escapeWhatsApp('5 * 3 = 15')).toBe('5 * 3 = 15');
    expect(escapeWhatsApp('lihat https://bp2mi.go.id/a_b_c dan *ini*')).toBe(
      'lihat https://bp2mi.go.id/a_b_c dan ∗ini∗',
    );
    expect(escapeWhatsApp('https://x.id/a_b_c')).toBe('https://x.id/a_b_c');
    // Pairs form within a line only.
    expect(escapeWhatsApp('a * b\nc * d')).toBe('a * b\nc * d');
    expect(escapeWhatsApp('```kode```')).toBe('ˋˋˋkodeˋˋˋ');
  });

  it('keeps a title with a single marker inside its bold markers from breaking them', () => {
    expect(formatMessage(msg('', { title: 'PT *Maju' }))).toBe('*PT ∗Maju*');
    expect(formatMessage(msg('x', { choices: [{ id: 'menu', n: 0, label: 'menu_utama' }] }))).toBe(
      'x\n\n_0. menu＿utama_',
    );
  });

  it('writes links out as they are', () => {
    const text = formatMessage(msg('Sumber: https://www.bp2mi.go.id/page?x=1_2 (dicek 2026)'));
    expect(text).toContain('https://www.bp2mi.go.id/page?x=1_2');
  });

  it('splits long text below the limit at paragraph ends, never inside a link', () => {
    const para = 'kata '.repeat(300).trim();
    const chunks = splitMessage([para, para, para].join('\n\n'), 2000);
    expect(chunks).toHaveLength(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(2000);
    expect(chunks.join('\n\n')).toBe([para, para, para].join('\n\n'));

    const link = 'https://example.org/' + 'a'.repeat(60);
    const withLink = `${'x'.repeat(70)} ${link} tail`;
    const parts = splitMessage(withLink, 100);
    expect(parts.some((p) => p.includes(link))).toBe(true);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(100);
  });

  it('cuts a text with no spaces at the limit', () => {
    const parts = splitMessage('a'.repeat(CHUNK_LIMIT * 2 + 5));
    expect(parts.map((p) => p.length)).toEqual([CHUNK_LIMIT, CHUNK_LIMIT, 5]);
  });

  it('joins short replies of one turn, but never after a list of choices, and splits long ones', () => {
    const turn = renderWhatsApp([
      msg('Halo!'),
      msg('Pilih.', { title: 'Menu', choices: [{ id: 'a', n: 1, label: 'A' }] }),
      msg('Catatan.'),
    ]);
    expect(turn).toEqual(['Halo!\n\n*Menu*\nPilih.\n\n1. A', 'Catatan.']);
    const long = renderWhatsApp([msg('kata '.repeat(1000))]);
    expect(long.length).toBeGreaterThan(1);
    for (const t of long) expect(t.length).toBeLessThanOrEqual(CHUNK_LIMIT);
  });
});
