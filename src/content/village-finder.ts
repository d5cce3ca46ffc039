import { loadVillageDirectory, type Village, type VillageDirectory } from './villages.js';

/** Villages by name or by Kemendagri code (what the core's `VillageFinder` port asks for). */
export interface VillageLookup {
  find(query: string, limit: number): readonly Village[];
  byCode(code: string): Village | undefined;
  /** Builds the directory now rather than on first use. */
  warm(): void;
}

/**
 * The village look-up the report wizard uses. The directory (83,762 villages, about half a second to
 * build) is loaded on first use, or ahead of time with `warm()` once the bot is answering.
 */
export function createVillageFinder(load: () => VillageDirectory = loadVillageDirectory): VillageLookup {
  let directory: VillageDirectory | undefined;
  const dir = () => (directory ??= load());
  return {
    find: (query, limit) => dir().find(query, limit).map((m) => m.village),
    byCode: (code) => dir().byCode(code),
    warm: () => void dir(),
  };
}
