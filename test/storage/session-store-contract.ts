import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/core/ports.js';
import { freshSession, type Session } from '../../src/core/session.js';

export interface StoreHarness {
  readonly store: SessionStore;
  /** A second store on the same backend, as another bot process would have. */
  readonly other: SessionStore;
  /** Writes a raw encoded value as an older bot would have stored it. */
  putRaw(userKey: string, raw: string): Promise<void>;
  /** Lets `ms` of idle time pass. */
  idle(ms: number): Promise<void>;
  /** Waits until every save is in the backend (write-behind stores). */
  settle(): Promise<void>;
  /**
   * Whether a save that races another process's save is refused at once (write-through), or
   * accepted and dropped when it reaches the backend (write-behind, the other process wins).
   */
  readonly immediateConflicts: boolean;
  cleanup(): Promise<void>;
}

const inGuide: Session = { locale: 'en', flow: 'guide', step: 'topic', data: { id: 'scheme-p2p', p: 2 } };

/** The behaviour every SessionStore must have; run against memory and against real Redis. */
export function sessionStoreContract(name: string, make: (ttlMs: number) => Promise<StoreHarness>): void {
  describe(`${name} session store contract`, () => {
    const TTL = 400;
    let h: StoreHarness;
    beforeEach(async () => {
      h = await make(TTL);
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('gives a fresh menu session with revision 0 to a new user', async () => {
      const loaded = await h.store.load('console:new');
      expect(loaded.rev).toBe(0);
      expect(loaded.decoded).toEqual({ type: 'ok', session: freshSession() });
    });

    it('saves and loads a session, bumping the revision', async () => {
      const saved = await h.store.save('u1', inGuide, 0);
      expect(saved).toEqual({ type: 'saved', rev: 1 });
      await h.settle();
      const loaded = await h.other.load('u1');
      expect(loaded).toEqual({ decoded: { type: 'ok', session: inGuide }, rev: 1 });
      expect(await h.store.save('u1', freshSession('en'), 1)).toEqual({ type: 'saved', rev: 2 });
    });

    it('refuses a save against a stale revision and returns what is stored', async () => {
      await h.store.save('u2', inGuide, 0);
      const result = await h.store.save('u2', freshSession(), 0);
      expect(result.type).toBe('conflict');
      if (result.type === 'conflict')
        expect(result.current).toEqual({ decoded: { type: 'ok', session: inGuide }, rev: 1 });
    });

    it('detects that another process saved in between', async () => {
      await h.store.save('u3', freshSession(), 0);
      const mine = await h.store.load('u3');
      const theirs = await h.other.load('u3');
      expect(await h.other.save('u3', inGuide, theirs.rev)).toEqual({ type: 'saved', rev: 2 });
      await h.settle();
      const result = await h.store.save('u3', freshSession(), mine.rev);
      if (h.immediateConflicts) {
        expect(result.type).toBe('conflict');
        if (result.type === 'conflict') expect(result.current.decoded.session).toEqual(inGuide);
      }
      await h.settle();
      expect((await h.other.load('u3')).decoded.session).toEqual(inGuide);
      expect((await h.store.load('u3')).decoded.session).toEqual(inGuide);
    });

    it('forgets a session after the idle TTL', async () => {
      await h.store.save('u4', inGuide, 0);
      await h.idle(TTL + 200);
      expect(await h.other.load('u4')).toEqual({ decoded: { type: 'ok', session: freshSession() }, rev: 0 });
      expect(await h.store.save('u4', inGuide, 0)).toEqual({ type: 'saved', rev: 1 });
    });

    it('resets a session of an older version to the menu, keeping the language', async () => {
      await h.putRaw('u5', JSON.stringify({ v: 0, l: 'en', f: 'oldflow', s: 'x' }));
      const loaded = await h.store.load('u5');
      expect(loaded.decoded).toEqual({ type: 'reset', reason: 'version', session: freshSession('en') });
      expect(loaded.rev).toBe(1);
    });

    it('resets a corrupt session instead of failing', async () => {
      await h.putRaw('u6', '{not json');
      expect((await h.store.load('u6')).decoded).toEqual({
        type: 'reset',
        reason: 'corrupt',
        session: freshSession(),
      });
      await h.putRaw('u7', JSON.stringify({ v: 1, l: 'id', f: 7, s: 'root' }));
      expect((await h.store.load('u7')).decoded.type).toBe('reset');
    });

    it('deletes a session', async () => {
      await h.store.save('u8', inGuide, 0);
      await h.store.delete('u8');
      expect((await h.other.load('u8')).rev).toBe(0);
      expect((await h.store.load('u8')).rev).toBe(0);
    });
  });
}
