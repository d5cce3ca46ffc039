import type { Locale } from '../core/locale.js';
import type { AreaLevel } from '../core/report.js';

/** A registered officer: one chat address acting for one area at one level. */
export interface Officer {
  readonly id: string;
  readonly role: AreaLevel;
  /** Kemendagri code of the area (`PP.KK.CC.VVVV` village, `PP.KK` district, `PP` province); '' for admins. */
  readonly area: string;
  /** Chat address alerts go to (`telegram:123`). */
  readonly address: string;
  readonly name: string;
  readonly locale: Locale;
  readonly active: boolean;
  readonly joinedAt: string;
}

/** Registered officers by area and address. Redis in service mode; memory in the console demo. */
export interface OfficerDirectory {
  get(id: string): Promise<Officer | undefined>;
  byAddress(address: string): Promise<Officer | undefined>;
  /** Active officers of one area at one level. */
  forArea(role: AreaLevel, area: string): Promise<Officer[]>;
  /** Adds or replaces an officer (one address belongs to one officer). */
  save(officer: Officer): Promise<void>;
  list(): Promise<Officer[]>;
}
