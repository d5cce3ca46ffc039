import type { Month } from '../core/register.js';
import { areasOf, monthScore, type RegisterRecord, type RegisterStore } from './register-store.js';

/** Register entries in process memory (console demo, flow tests). */
export class MemoryRegisterStore implements RegisterStore {
  private readonly entries = new Map<string, RegisterRecord>();

  save(record: RegisterRecord): Promise<void> {
    this.entries.set(record.id, record);
    return Promise.resolve();
  }

  get(id: string): Promise<RegisterRecord | undefined> {
    return Promise.resolve(this.entries.get(id));
  }

  idsByArea(area: string): Promise<string[]> {
    return this.ids((r) => area === '' || areasOf(r.village).includes(area));
  }

  idsByRecorder(recorder: string): Promise<string[]> {
    return this.ids((r) => r.recorder === recorder);
  }

  idsAnchoredBefore(month: Month): Promise<string[]> {
    return this.ids((r) => monthScore(r.anchor) < monthScore(month));
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(id));
  }

  /** Matching ids, oldest first (as the Redis indexes order them). */
  private ids(match: (r: RegisterRecord) => boolean): Promise<string[]> {
    const found = [...this.entries.values()]
      .filter(match)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return Promise.resolve(found.map((r) => r.id));
  }
}
