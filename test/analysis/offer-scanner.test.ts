import { describe, expect, it } from 'vitest';
import { offerRisk } from '../../src/core/risk.js';
import { OFFERS } from '../fixtures/offers.js';
import { RED_TEAM_OFFERS } from '../fixtures/offers-redteam.js';
import { realContent } from '../helpers/engine.js';

describe('offer scanner on realistic pasted offers', () => {
  const { scanner, catalog } = realContent();

  it('has at least 20 cases', () => {
    expect(OFFERS.length).toBeGreaterThanOrEqual(20);
  });

  it.each([...OFFERS, ...RED_TEAM_OFFERS].map((o) => [o.name, o] as const))('%s', (_name, offer) => {
    const r = scanner.scan(offer.text);
    const signs = r.findings.map((f) => f.signId);
    if (offer.level === 'unreadable') {
      expect(r.readable).toBe(false);
      return;
    }
    expect(r.readable).toBe(true);
    for (const s of offer.must) expect(signs, `must show ${s}`).toContain(s);
    if (offer.mustNot?.includes('*')) expect(signs).toEqual([]);
    for (const s of offer.mustNot ?? []) if (s !== '*') expect(signs, `must not show ${s}`).not.toContain(s);
    const level = offerRisk(
      r.findings.map((f) => ({ weight: f.weight, alwaysHigh: catalog.sign(f.signId)?.always_high ?? false })),
    );
    expect(level).toBe(offer.level);
    for (const [key, values] of Object.entries(offer.found ?? {})) {
      for (const v of values) expect(r[key as keyof typeof offer.found], key).toContain(v);
    }
  });

  it('answers a 20,000-character paste quickly enough and without failing', () => {
    const text = `${OFFERS[0]?.text ?? ''} `.repeat(80).slice(0, 20_000);
    const r = scanner.scan(text);
    expect(r.findings.map((f) => f.signId)).toContain('scam-hotspot');
    expect(r.phones).toHaveLength(1);
  });

  it('only gives sign ids that exist in the content', () => {
    for (const o of OFFERS)
      for (const f of scanner.scan(o.text).findings) expect(catalog.sign(f.signId)).toBeDefined();
  });
});
