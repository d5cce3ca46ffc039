import { describe, expect, it } from 'vitest';
import { renderWhatsApp } from '../../../src/channels/whatsapp/render.js';
import { renderCloud } from '../../../src/channels/whatsapp-cloud/render.js';
import { loadTemplates, paramText, parseTemplates } from '../../../src/channels/whatsapp-cloud/templates.js';
import type { OutboundMessage, RenderedChoice } from '../../../src/core/message.js';

const labels = { choose: 'Pilih' };
const choices = (n: number, label = (i: number) => `Pilihan ${i}`): RenderedChoice[] => [
  ...Array.from({ length: n - 1 }, (_, i) => ({ id: `c${i + 1}`, n: i + 1, label: label(i + 1) })),
  { id: 'menu', n: 0, label: 'Menu utama' },
];
const msg = (c: RenderedChoice[], body = 'Apa yang ingin Anda lakukan?'): OutboundMessage => ({
  title: 'Judul',
  body,
  choices: c,
});

describe('Cloud API rendering of choices', () => {
  it('uses reply buttons for up to 3 short choices, the menu last', () => {
    const [p] = renderCloud(msg(choices(3)), labels);
    expect(p).toMatchObject({
      type: 'interactive',
      interactive: { type: 'button', header: { text: 'Judul' } },
    });
    const ids =
      p?.type === 'interactive' && p.interactive.type === 'button' ? p.interactive.action.buttons : [];
    expect(ids.map((b) => b.reply.id)).toEqual(['c1', 'c2', 'menu']);
  });

  it('uses a list for 4 to 10 choices with titles up to 24 characters', () => {
    const [p] = renderCloud(msg(choices(10)), labels);
    expect(p).toMatchObject({
      type: 'interactive',
      interactive: { type: 'list', action: { button: 'Pilih' } },
    });
    expect(renderCloud(msg(choices(3, () => 'a label over twenty c')), labels)[0]).toMatchObject({
      interactive: { type: 'list' },
    });
  });

  it('falls back to numbered text when choices do not fit (11 choices, a 25-character title, a long body)', () => {
    for (const m of [
      msg(choices(11)),
      msg(choices(4, () => 'x'.repeat(25))),
      msg(choices(3), 'y'.repeat(1025)),
    ]) {
      const out = renderCloud(m, labels);
      expect(out.every((p) => p.type === 'text')).toBe(true);
      const text = out.map((p) => (p.type === 'text' ? p.text.body : '')).join('\n');
      expect(text).toContain('1. ');
      expect(text).toContain('_0. Menu utama_');
    }
  });

  it('sends a reply without choices as text, and its actions as buttons when it has no choices', () => {
    expect(renderCloud({ body: 'Terima kasih.', choices: [] }, labels)).toEqual([
      { type: 'text', text: { body: 'Terima kasih.', preview_url: false } },
    ]);
    const [p] = renderCloud(
      { body: 'Laporan baru', choices: [], actions: [{ id: 'take:LP1', n: 1, label: 'Ambil' }] },
      labels,
    );
    expect(p).toMatchObject({ interactive: { type: 'button' } });
  });
});

describe('template registry', () => {
  it('reads approved templates per message key', () => {
    const r = parseTemplates('officer.alert:\n  name: demimas_alert\n  language: id\n  params: [title]\n');
    expect(r).toEqual({
      ok: true,
      registry: new Map([['officer.alert', { name: 'demimas_alert', language: 'id', params: ['title'] }]]),
    });
  });

  it('reads the documented example', async () => {
    const r = await loadTemplates('docs/whatsapp-cloud-templates.example.yaml');
    expect(r.ok && [...r.registry.keys()]).toEqual(['officer.alert', 'broadcast', 'notice']);
  });

  it('names every problem: an unknown key, a bad name, a bad parameter', () => {
    const r = parseTemplates(
      'alert:\n  name: x\n  language: id\nnotice:\n  name: Bad Name\n  language: id\nofficer.alert:\n  name: ok\n  language: id\n  params: [phone]\n',
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map((e) => e.split(':')[0])).toEqual([
      'alert',
      'notice.name',
      'officer.alert.params',
    ]);
  });
});

describe('Cloud API text: WhatsApp markup in what users typed is neutralised, as on Baileys', () => {
  // A report's details as an officer sees them: the reporter typed every marker.
  const typed = 'Perekrut: *PT Maju* _resmi_\nKata mereka: ~gratis~ ```cepat```, lihat https://x.id/a_b_c';
  const neutral =
    'Perekrut: ∗PT Maju∗ ＿resmi＿\nKata mereka: ∼gratis∼ ˋˋˋcepatˋˋˋ, lihat https://x.id/a_b_c';
  const alert: OutboundMessage = {
    title: 'Laporan *R-ABC123*',
    body: typed,
    choices: [],
    actions: [{ id: 'take:R-ABC123', n: 1, label: 'Ambil' }],
  };

  it('in the body of buttons and lists, and in numbered text the same as Baileys sends', () => {
    const [buttons] = renderCloud(alert, labels);
    expect(buttons?.type === 'interactive' && buttons.interactive.body.text).toBe(neutral);
    // The header shows text as it is (no markup there).
    expect(buttons).toMatchObject({ interactive: { header: { text: 'Laporan *R-ABC123*' } } });
    const asText = renderCloud({ ...alert, actions: [], choices: choices(12) }, labels);
    const text = asText.map((p) => (p.type === 'text' ? p.text.body : '')).join('\n');
    expect(text).toBe(renderWhatsApp([{ ...alert, actions: [], choices: choices(12) }]).join('\n'));
    expect(text).toContain(neutral);
    expect(text.startsWith('*Laporan ∗R-ABC123∗*\n')).toBe(true);
  });

  it('in template parameters, on one line', () => {
    expect(paramText(typed)).toBe(neutral.replace('\n', ' '));
  });
});
