import { describe, expect, it } from 'vitest';
import { createUnderstandingFor } from '../../src/bootstrap.js';
import { BARE_NUMBER } from '../../src/core/engine/step.js';
import { chat, last, makeEngine, realContent } from '../helpers/engine.js';

/** Work the engine skips because its answer is known: each shortcut is checked against the full path. */
describe('engine shortcuts', () => {
  it('a bare number of up to four digits is never distress, so the safety net need not read it', () => {
    const content = realContent();
    const understanding = createUnderstandingFor(content.catalog, content.scanner);
    const heard: string[] = [];
    for (let digits = 1; digits <= 4; digits++) {
      for (let n = 0; n < 10 ** digits; n++) {
        const text = String(n).padStart(digits, '0');
        expect(BARE_NUMBER.test(text)).toBe(true);
        if (understanding.distress(text)) heard.push(text);
      }
    }
    expect(heard).toEqual([]);
    for (const text of ['12345', '1a', ' 1', '١', '1.5', ''])
      expect(BARE_NUMBER.test(text), text).toBe(false);
  });

  it('still hears distress typed at a step, and takes numbers there as choices', async () => {
    const c = chat(makeEngine().engine);
    await c.say('2');
    const cry = await c.say('tolong saya dikurung majikan');
    expect(c.text(cry)).toMatch(/110|0800/);
    const out = await c.say('1');
    expect(c.text(out)).not.toMatch(/darurat/i);
    expect(last(out).choices.length).toBeGreaterThan(0);
  });
});
