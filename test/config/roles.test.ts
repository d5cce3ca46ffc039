import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';

const REDIS = 'redis://127.0.0.1:6390';
const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function ok(env: Record<string, string>): Config {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

function errors(env: Record<string, string>): readonly string[] {
  const r = loadConfig(env);
  if (r.ok) throw new Error('expected a configuration error');
  return r.errors;
}

describe('ROLE (DESIGN §10)', () => {
  it('is all by default: what REPORT_WORKERS and SESSION_WRITE_MODE say', () => {
    const all = ok({ REDIS_URL: REDIS, TELEGRAM_BOT_TOKEN: TOKEN });
    expect(all.role).toBe('all');
    expect(all.reports.workers).toBe(true);
    expect(all.sessionWriteMode).toBe('behind');
    const quiet = ok({ REDIS_URL: REDIS, TELEGRAM_BOT_TOKEN: TOKEN, REPORT_WORKERS: 'false' });
    expect(quiet.reports.workers).toBe(false);
  });

  it('bot: no workers, sessions written through, whatever the .env copied from the example says', () => {
    const bot = ok({
      ROLE: 'bot',
      REDIS_URL: REDIS,
      TELEGRAM_BOT_TOKEN: TOKEN,
      REPORT_WORKERS: 'true',
      SESSION_WRITE_MODE: 'behind',
    });
    expect(bot.role).toBe('bot');
    expect(bot.mode).toBe('service');
    expect(bot.reports.workers).toBe(false);
    expect(bot.sessionWriteMode).toBe('through');
  });

  it('worker: a service with the workers and no channel needed; REPORT_WORKERS=false does not turn them off', () => {
    const worker = ok({ ROLE: 'worker', REDIS_URL: REDIS, REPORT_WORKERS: 'false' });
    expect(worker.mode).toBe('service');
    expect(worker.reports.workers).toBe(true);
    expect(worker.channels).toEqual({ telegram: false, whatsapp: false });
  });

  it('refuses an unknown role, a bot without a channel and either role without Redis, in one line naming the variable', () => {
    expect(errors({ ROLE: 'workers' })).toEqual(['ROLE: expected all, bot or worker']);
    expect(errors({ ROLE: 'bot', REDIS_URL: REDIS })).toEqual([
      'ROLE: bot needs a channel (TELEGRAM_BOT_TOKEN or WHATSAPP_ENABLED=true)',
    ]);
    expect(errors({ ROLE: 'worker' })).toEqual([
      'REDIS_URL: required with ROLE=worker (the processes share one Redis)',
    ]);
    expect(errors({ ROLE: 'bot', TELEGRAM_BOT_TOKEN: TOKEN })).toEqual([
      'REDIS_URL: required with ROLE=bot (the processes share one Redis)',
    ]);
  });
});
