import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { LOCALES } from '../../../src/core/locale.js';
import { createTranslator } from '../../../src/i18n/translator.js';

const base = { WHATSAPP_ENABLED: 'true', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('WhatsApp configuration and texts', () => {
  it('has defaults: about one message a second, no groups, 5 MB photos, QR pairing', () => {
    const r = loadConfig(base);
    expect(r.ok && r.config.whatsapp).toEqual({
      account: 'main',
      sendIntervalMs: 1000,
      sendJitterMs: 500,
      groups: [],
      mediaMaxBytes: 5 * 1024 * 1024,
      libLogLevel: 'error',
    });
    expect(loadConfig({ REDIS_URL: base.REDIS_URL }).ok && loadConfig({}).ok).toBe(true);
    const off = loadConfig({});
    expect(off.ok && off.config.whatsapp).toBeUndefined();
  });

  it('reads a pairing number, pacing and groups', () => {
    const r = loadConfig({
      ...base,
      WHATSAPP_ACCOUNT: 'desa-1',
      WHATSAPP_PAIRING_PHONE: '+6281234567890',
      WHATSAPP_SEND_INTERVAL_MS: '2000',
      WHATSAPP_SEND_JITTER_MS: '0',
      WHATSAPP_GROUPS: '120363012345678901@g.us, 120363098765432109@g.us',
      WHATSAPP_MEDIA_MAX_MB: '2',
    });
    expect(r.ok && r.config.whatsapp).toMatchObject({
      account: 'desa-1',
      pairingPhone: '6281234567890',
      sendIntervalMs: 2000,
      sendJitterMs: 0,
      groups: ['120363012345678901@g.us', '120363098765432109@g.us'],
      mediaMaxBytes: 2 * 1024 * 1024,
    });
  });

  it('names each wrong WhatsApp variable', () => {
    const r = loadConfig({
      ...base,
      WHATSAPP_PAIRING_PHONE: '0812-3456',
      WHATSAPP_SEND_INTERVAL_MS: '5',
      WHATSAPP_GROUPS: 'my group',
      WHATSAPP_ACCOUNT: 'a b',
    });
    expect(r.ok ? [] : r.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'WHATSAPP_ACCOUNT',
      'WHATSAPP_GROUPS',
      'WHATSAPP_PAIRING_PHONE',
      'WHATSAPP_SEND_INTERVAL_MS',
    ]);
  });

  it('has every note the channel adds, in every language', () => {
    const tr = createTranslator('locales');
    for (const locale of LOCALES) {
      for (const key of ['unsupported', 'photoType', 'photoTooLarge', 'photoFailed']) {
        const text = tr.t(locale, `whatsapp.${key}`, { mb: 5 });
        expect(text).not.toBe(`whatsapp.${key}`);
        expect(text).not.toContain('{{');
      }
    }
  });
});
