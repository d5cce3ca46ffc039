import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

const service = { TELEGRAM_BOT_TOKEN: `123456:${'A'.repeat(35)}`, REDIS_URL: 'redis://127.0.0.1:6379' };

describe('desk configuration (DESK_*)', () => {
  it('is off by default', () => {
    const r = loadConfig(service);
    expect(r.ok && r.config.desk).toBeUndefined();
  });

  it('reads the session, code and cookie settings when enabled', () => {
    const r = loadConfig({
      ...service,
      DESK_ENABLED: 'true',
      DESK_SESSION_MINUTES: '30',
      DESK_CODE_MINUTES: '5',
      DESK_SECURE_COOKIE: 'true',
    });
    expect(r.ok && r.config.desk).toEqual({
      sessionIdleMs: 30 * 60_000,
      codeMs: 5 * 60_000,
      secureCookie: true,
      trustProxy: false,
    });
  });

  it('names each bad value, and refuses the desk outside service mode', () => {
    const bad = loadConfig({
      ...service,
      DESK_ENABLED: 'true',
      DESK_SESSION_MINUTES: '1',
      DESK_CODE_MINUTES: 'x',
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.split(':')[0])).toEqual([
      'DESK_SESSION_MINUTES',
      'DESK_CODE_MINUTES',
    ]);
    const demo = loadConfig({ DESK_ENABLED: 'true' });
    expect(demo.ok).toBe(false);
    expect(demo.ok ? '' : demo.errors[0]).toMatch(/^DESK_ENABLED: /);
  });
});
