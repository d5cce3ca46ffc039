import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/message.js';
import { escapeWhatsApp, formatWhatsApp } from '../../src/core/whatsapp-markup.js';

const msg = (body: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  body,
  choices: [],
  ...extra,
});

/** The text both WhatsApp providers send (Baileys always, the Cloud API when buttons and lists do not fit). */
describe('WhatsApp text and markup', () => {
  it('writes a bold title, the body and a numbered list with the menu choice last, in italics', () => {
    const text = formatWhatsApp(
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
    expect(formatWhatsApp(msg('', { title: 'PT *Maju' }))).toBe('*PT ∗Maju*');
    expect(formatWhatsApp(msg('x', { choices: [{ id: 'menu', n: 0, label: 'menu_utama' }] }))).toBe(
      'x\n\n_0. menu＿utama_',
    );
  });

  it('writes links out as they are', () => {
    const text = formatWhatsApp(msg('Sumber: https://www.bp2mi.go.id/page?x=1_2 (dicek 2026)'));
    expect(text).toContain('https://www.bp2mi.go.id/page?x=1_2');
  });
});
