import { describe, expect, it } from 'vitest';
import { CHUNK_LIMIT, renderWhatsApp, splitMessage } from '../../../src/channels/whatsapp/render.js';
import type { OutboundMessage } from '../../../src/core/message.js';

const msg = (body: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  body,
  choices: [],
  ...extra,
});

describe('WhatsApp rendering', () => {
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

  it('never joins a separate reply (a result held to a length) with the replies around it', () => {
    const result = msg('Alasannya.', { title: 'Risiko tinggi', separate: true });
    expect(renderWhatsApp([msg('Polisi: 110'), result, msg('Catatan.')])).toEqual([
      'Polisi: 110',
      '*Risiko tinggi*\nAlasannya.',
      'Catatan.',
    ]);
  });
});
