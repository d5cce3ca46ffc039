import type { AreaLevel } from '../core/report.js';
import type { Officer, OfficerDirectory } from './officer.js';

/** Officers in process memory (console demo and tests of flows). */
export class MemoryOfficerDirectory implements OfficerDirectory {
  private readonly officers = new Map<string, Officer>();

  get(id: string): Promise<Officer | undefined> {
    return Promise.resolve(this.officers.get(id));
  }

  byAddress(address: string): Promise<Officer | undefined> {
    return Promise.resolve([...this.officers.values()].find((o) => o.active && o.address === address));
  }

  forArea(role: AreaLevel, area: string): Promise<Officer[]> {
    return Promise.resolve(
      [...this.officers.values()]
        .filter((o) => o.active && o.role === role && o.area === area)
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  }

  save(officer: Officer): Promise<void> {
    for (const other of this.officers.values()) {
      if (other.id !== officer.id && other.active && other.address === officer.address) {
        this.officers.set(other.id, { ...other, active: false });
      }
    }
    this.officers.set(officer.id, officer);
    return Promise.resolve();
  }

  list(): Promise<Officer[]> {
    return Promise.resolve([...this.officers.values()].sort((a, b) => a.id.localeCompare(b.id)));
  }
}
