import { describe, expect, it } from 'vitest';
import {
  PARAMS_MAX,
  TEMPLATE_BODY_MAX,
  cutParam,
  fitParams,
  templateParams,
} from '../../../src/channels/whatsapp-cloud/templates.js';

/** A lone half of a surrogate pair: not valid text (the Graph API refuses or garbles it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('template parameters within the Cloud API limits', () => {
  it('keeps the room for the template’s own words under the body limit', () => {
    expect(PARAMS_MAX).toBeLessThan(TEMPLATE_BODY_MAX);
  });

  it('cuts a long text at a word end, with "…", within the limit', () => {
    const text = 'kata '.repeat(400).trim();
    const cut = cutParam(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/kata…$/);
    expect(cutParam('pendek', 100)).toBe('pendek');
  });

  it.each([0, 1, 2, 3])('never splits an emoji in two (offset %i)', (offset) => {
    const text = `${'a'.repeat(offset)}${'🚨'.repeat(200)}`;
    for (const max of [10, 11, 50, 51]) {
      const cut = cutParam(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
    }
  });

  it('never cuts a web address in half', () => {
    const text = `Lihat https://example.org/${'x'.repeat(80)} untuk info lebih lanjut.`;
    const cut = cutParam(text, 60);
    expect(cut).toBe('Lihat…');
  });

  it('shares the budget: a short parameter whole, the long ones evenly, one line each', () => {
    const title = 'Peringatan dari Kabupaten Malang';
    const body = 'Hati-hati dengan tawaran kerja.\n\n'.repeat(100);
    const { params, whole } = fitParams([title, body, body]);
    expect(whole).toBe(false);
    expect(params[0]).toBe(title);
    expect(params.join('').length).toBeLessThanOrEqual(PARAMS_MAX);
    expect(Math.abs((params[1]?.length ?? 0) - (params[2]?.length ?? 0))).toBeLessThanOrEqual(12);
    for (const p of params) expect(p).not.toMatch(/\n|\t| {5}/);
  });

  it('leaves texts that fit as they are (whole), a blank one as "-"', () => {
    expect(fitParams(['Laporan R-ABC123', '  '])).toEqual({ params: ['Laporan R-ABC123', '-'], whole: true });
  });

  it('fills a template from the first message: title and body together within the limit', () => {
    const entry = { name: 'demimas_broadcast', language: 'id', params: ['title', 'body'] as const };
    const body = 'Lowongan resmi di Taiwan. '.repeat(80);
    const { params, whole } = templateParams(entry, [{ title: 'Lowongan baru', body, choices: [] }]);
    expect(whole).toBe(false);
    expect(params[0]).toBe('Lowongan baru');
    expect(params.join('').length).toBeLessThanOrEqual(PARAMS_MAX);
  });
});
