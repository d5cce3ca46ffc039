import { describe, expect, it } from 'vitest';
import { cleanText, MAX_TEXT_LENGTH } from '../../src/core/input.js';
import type { Clock, SessionStore } from '../../src/core/ports.js';
import { UserRateLimiter } from '../../src/core/rate-limit.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { TODAY, chat, last, makeEngine } from '../helpers/engine.js';

/** A clock the test moves, and a session store that counts saves. */
function setup(perMinute?: number) {
  let now = TODAY.getTime();
  const clock: Clock = { now: () => new Date(now) };
  const inner = new MemorySessionStore(86_400_000, clock);
  let saves = 0;
  let loads = 0;
  const store: SessionStore = {
    load: (k) => {
      loads++;
      return inner.load(k);
    },
    save: (k, s, rev) => {
      saves++;
      return inner.save(k, s, rev);
    },
    delete: (k) => inner.delete(k),
  };
  const { engine } = makeEngine({ store, clock, userMessagesPerMinute: perMinute ?? 30 });
  return {
    engine,
    advance: (ms: number) => (now += ms),
    counts: () => ({ saves, loads }),
  };
}

const LONE_HIGH = '\uD83D';
/** No half surrogate pair anywhere (String.prototype.isWellFormed, without the ES2024 lib). */
const wellFormed = (s: string): boolean => !/[\uD800-\uDFFF]/u.test(s);

describe('per-user message rate limit', () => {
  it('answers 30 messages a minute (the default), says "slow down" once, then stays silent without touching the session', async () => {
    const { engine, counts } = setup();
    const c = chat(engine, 'telegram:1001');
    for (let i = 0; i < 30; i++) expect((await c.say('halo')).length).toBeGreaterThan(0);
    expect(counts().saves).toBe(30);
    const warned = await c.say('halo');
    expect(c.text(warned)).toContain('Mohon tunggu sebentar');
    expect(warned).toHaveLength(1);
    expect(last(warned).choices).toEqual([]);
    const before = counts();
    for (let i = 0; i < 20; i++) expect(await c.say('halo')).toEqual([]);
    expect(counts()).toEqual(before);
    expect(before.saves).toBe(30);
  });

  it('counts each user apart, and answers again once the minute is over', async () => {
    const { engine, advance } = setup(3);
    const a = chat(engine, 'whatsapp:6281100000001');
    const b = chat(engine, 'whatsapp:6281100000002');
    for (let i = 0; i < 3; i++) await a.say('menu');
    expect(a.text(await a.say('menu'))).toContain('Mohon tunggu');
    expect(await a.say('menu')).toEqual([]);
    expect(last(await b.say('menu')).title).toBe('Menu utama');
    advance(59_999);
    expect(await a.say('menu')).toEqual([]);
    advance(1);
    expect(last(await a.say('menu')).title).toBe('Menu utama');
  });

  it('says "slow down" in the user\'s language', async () => {
    const { engine } = setup(2);
    const c = chat(engine, 'telegram:1002');
    await c.say('bahasa');
    await c.say('6');
    expect(c.text(await c.say('menu'))).toContain('Please wait a moment');
  });

  it('keeps only recent senders in memory', () => {
    const limiter = new UserRateLimiter(5);
    for (let i = 0; i < 2000; i++) limiter.check(`telegram:${i}`, i < 1000 ? 0 : 61_000);
    expect(limiter.size).toBeLessThanOrEqual(1000);
    expect(limiter.check('telegram:1500', 61_001)).toBe('answer');
  });
});

describe('oversized and odd messages', () => {
  it('reads the start of a 100 KB message, says so, and stores no more than the cap', async () => {
    const { engine } = setup();
    const c = chat(engine, 'telegram:1003');
    await c.say('lapor');
    const huge = `Pak ${'x'.repeat(100 * 1024)}`;
    const out = await c.say(huge);
    expect(c.text(out)).toContain('Saya hanya membaca bagian awalnya');
    expect(cleanText(huge).text.length).toBe(MAX_TEXT_LENGTH);
  });

  it('cuts by code points and never leaves half an emoji or a lone surrogate', () => {
    const emoji = '😀'.repeat(MAX_TEXT_LENGTH + 10);
    const cut = cleanText(`a${emoji}`);
    expect(cut.truncated).toBe(true);
    expect(Array.from(cut.text)).toHaveLength(MAX_TEXT_LENGTH);
    expect(wellFormed(cut.text)).toBe(true);
    // Invisible characters removed after the first cut leave a text under the cap that ended in half a pair.
    const tricky = `${'\u200B'.repeat(99)}${'😀'.repeat(3950)}${LONE_HIGH}${'😀'.repeat(100)}`;
    expect(wellFormed(cleanText(tricky).text)).toBe(true);
    expect(wellFormed(cleanText(`halo ${LONE_HIGH} dan \uDC00`).text)).toBe(true);
  });

  it('handles controls, bidi overrides, zero-width joiners, combining marks and full-width digits', async () => {
    const { engine } = setup();
    const c = chat(engine, 'telegram:1004');
    expect(cleanText('\u202Ememu\u0000\u200B').text).toBe('memu');
    expect(cleanText('１').text).toBe('1');
    expect(last(await c.say('\u202E１\u200F')).title).toBe('Cara kerja ke luar negeri secara resmi');
    const family = '👨‍👩‍👧'.repeat(50);
    expect((await c.say(family)).length).toBeGreaterThan(0);
    expect((await c.say(`e${'\u0301'.repeat(20_000)}`)).length).toBeGreaterThan(0);
    expect((await c.say(`${LONE_HIGH}${LONE_HIGH}`)).length).toBeGreaterThan(0);
  });
});
