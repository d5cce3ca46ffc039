import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('runs in demo mode with no variables at all', () => {
    const r = loadConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.mode).toBe('demo');
    expect(r.config.redis).toBeUndefined();
    expect(r.config.defaultLocale).toBe('id');
    expect(r.config.sessionIdleTtlMs).toBe(30 * 86_400_000);
  });

  it('treats empty values as unset', () => {
    const r = loadConfig({ REDIS_URL: '  ', LOG_LEVEL: '' });
    expect(r.ok && r.config.redis === undefined && r.config.log.level === 'info').toBe(true);
  });

  it('reports every problem as one line naming the variable', () => {
    const r = loadConfig({
      REDIS_URL: 'localhost:6379',
      SESSION_IDLE_TTL_DAYS: 'ten',
      LOG_LEVEL: 'loud',
      DEFAULT_LOCALE: 'fr',
      WHATSAPP_ENABLED: 'maybe',
      TELEGRAM_BOT_TOKEN: 'abc',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const vars = r.errors.map((e) => e.split(':')[0]);
    expect(vars.sort()).toEqual(
      [
        'DEFAULT_LOCALE',
        'LOG_LEVEL',
        'REDIS_URL',
        'SESSION_IDLE_TTL_DAYS',
        'TELEGRAM_BOT_TOKEN',
        'WHATSAPP_ENABLED',
      ].sort(),
    );
    for (const e of r.errors) expect(e).not.toContain('\n');
  });

  it('rejects numbers out of range', () => {
    const r = loadConfig({ SESSION_IDLE_TTL_DAYS: '0' });
    expect(r.ok ? [] : r.errors).toEqual(['SESSION_IDLE_TTL_DAYS: expected a number from 1 to 365']);
  });

  it('takes a Redis database number from 0 to 9999 and nothing else in the URL path', () => {
    const db = (url: string) => loadConfig({ REDIS_URL: url });
    for (const url of ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/', 'redis://h:1/15', 'redis://h/99'])
      expect(db(url).ok, url).toBe(true);
    for (const url of ['redis://127.0.0.1:6379/abc', 'redis://h/99999', 'redis://h/1/2', 'redis://h/-1']) {
      const r = db(url);
      expect(r.ok ? [] : r.errors, url).toEqual([
        'REDIS_URL: expected a database number from 0 to 9999 after the address (redis://127.0.0.1:6379/0), or none',
      ]);
    }
  });

  it('requires Redis in service mode', () => {
    const r = loadConfig({ WHATSAPP_ENABLED: 'true' });
    expect(r.ok ? [] : r.errors).toEqual([
      'REDIS_URL: required when a channel (Telegram or WhatsApp) is configured',
    ]);
    const ok = loadConfig({ WHATSAPP_ENABLED: 'true', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(ok.ok && ok.config.mode).toBe('service');
  });

  it('configures Telegram: polling by default, a webhook only with its secret', () => {
    const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef012';
    const polling = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      REDIS_URL: 'redis://127.0.0.1:6379',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
    });
    expect(polling.ok && polling.config.telegram).toEqual({ token, apiRoot: 'http://127.0.0.1:8081' });
    const noSecret = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      REDIS_URL: 'redis://x:1',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
    });
    expect(noSecret.ok ? [] : noSecret.errors).toEqual([
      'TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL (Telegram sends it back on every update)',
    ]);
    const webhook = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      REDIS_URL: 'redis://x:1',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop',
    });
    expect(webhook.ok && webhook.config.telegram?.webhook).toEqual({
      url: 'https://bot.example.org/tg',
      secret: 'abcdefghijklmnop',
    });
    expect(loadConfig({ TELEGRAM_API_ROOT: 'not a url' }).ok).toBe(false);
  });

  it('does not read process.env', () => {
    process.env.DEFAULT_LOCALE = 'en';
    try {
      const r = loadConfig({});
      expect(r.ok && r.config.defaultLocale).toBe('id');
    } finally {
      delete process.env.DEFAULT_LOCALE;
    }
  });
});
