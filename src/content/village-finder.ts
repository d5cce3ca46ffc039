import type { VillageFinder } from '../core/report.js';
import { loadVillageDirectory, type VillageDirectory } from './villages.js';

/**
 * The village look-up the report wizard uses. The directory (83,762 villages, about half a second to
 * build) is loaded on first use, or ahead of time with `warm()` once the bot is answering.
 */
export function createVillageFinder(load: () => VillageDirectory = loadVillageDirectory): VillageFinder & {
  warm(): void;
} {
  let directory: VillageDirectory | undefined;
  const dir = () => (directory ??= load());
  return {
    find: (query, limit) => dir().find(query, limit).map((m) => m.village),
    byCode: (code) => dir().byCode(code),
    warm: () => void dir(),
  };
}
