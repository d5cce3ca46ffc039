import type { Clock } from '../../src/core/ports.js';
import { MemorySessionStore } from '../../src/storage/memory-session-store.js';
import { sessionStoreContract } from './session-store-contract.js';

sessionStoreContract('memory', (ttlMs) => {
  let now = Date.parse('2026-11-29T00:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const store = new MemorySessionStore(ttlMs, clock);
  return Promise.resolve({
    store,
    other: store,
    putRaw: (key, raw) => Promise.resolve(store.putRaw(key, raw)),
    idle: (ms) => {
      now += ms;
      return Promise.resolve();
    },
    cleanup: () => Promise.resolve(),
    settle: () => Promise.resolve(),
    immediateConflicts: true,
  });
});
