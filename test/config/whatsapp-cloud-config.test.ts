import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

const base = { REDIS_URL: 'redis://127.0.0.1:6399', WHATSAPP_ENABLED: 'true' };
const cloud = {
  ...base,
  WHATSAPP_PROVIDER: 'cloud',
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1234567890',
  WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG-access-token-of-test',
  WHATSAPP_CLOUD_APP_SECRET: '0123456789abcdef0123',
  WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-token-0123456',
};

describe('WHATSAPP_PROVIDER', () => {
  it('is Baileys by default', () => {
    const r = loadConfig(base);
    expect(r.ok && r.config.whatsapp?.account).toBe('main');
    expect(r.ok && r.config.whatsappCloud).toBeUndefined();
  });

  it('cloud: the Cloud settings, the Graph API root by default, no Baileys', () => {
    const r = loadConfig(cloud);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.mode).toBe('service');
    expect(r.config.whatsapp).toBeUndefined();
    expect(r.config.whatsappCloud).toMatchObject({
      phoneNumberId: '1234567890',
      webhookPath: '/whatsapp/webhook',
      graphApiRoot: 'https://graph.facebook.com/v21.0',
    });
    // A received event a silent (crashed) process held is taken over after 15 s.
    expect(r.config.whatsappCloud?.claimMs).toBe(15_000);
    expect(loadConfig({ ...cloud, WHATSAPP_CLOUD_CLAIM_MS: '2000' })).toMatchObject({
      config: { whatsappCloud: { claimMs: 2000 } },
    });
    expect(loadConfig({ ...cloud, WHATSAPP_CLOUD_CLAIM_MS: '100' }).ok).toBe(false);
    const local = loadConfig({ ...cloud, GRAPH_API_ROOT: 'http://127.0.0.1:9999/' });
    expect(local.ok && local.config.whatsappCloud?.graphApiRoot).toBe('http://127.0.0.1:9999');
  });

  it('cloud without its settings: one line per missing setting', () => {
    const r = loadConfig({
      ...base,
      WHATSAPP_PROVIDER: 'cloud',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1234567890',
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        'WHATSAPP_CLOUD_ACCESS_TOKEN: required with WHATSAPP_PROVIDER=cloud',
        'WHATSAPP_CLOUD_APP_SECRET: required with WHATSAPP_PROVIDER=cloud',
        'WHATSAPP_CLOUD_VERIFY_TOKEN: required with WHATSAPP_PROVIDER=cloud',
      ],
    });
    expect(loadConfig({ ...cloud, WHATSAPP_PROVIDER: 'twilio' }).ok).toBe(false);
  });
});
