import type { z } from 'zod';
import { int } from './env-values.js';

/** Opt-in alerts' environment variables, part of the one schema in config.ts (`.env.example` documents them). */
export const BROADCAST_ENV = {
  WARNINGS_PER_OFFICER_PER_DAY: int(1, 20).default(3),
  WARNINGS_PER_AREA_PER_DAY: int(1, 50).default(5),
  BROADCAST_DIGEST_OVER: int(1, 20).default(3),
  BROADCAST_DIGEST_HOUR_UTC: int(0, 23).default(1),
  BROADCAST_WHATSAPP_PER_MINUTE: int(1, 60).default(6),
  BROADCAST_WHATSAPP_PER_DAY: int(1, 100_000).default(200),
};

/** Officers' warnings and the broadcasts to subscribers (issue 20, DESIGN §12). */
export interface BroadcastConfig {
  /** Warnings (or, from a village, proposals) one officer may send in any 24 hours. */
  readonly warningsPerOfficer: number;
  /** Warnings one area (a district, a province) may receive in any 24 hours, from all its officers. */
  readonly warningsPerArea: number;
  /** More new listings than this for one subscriber make one digest message (a line per country). */
  readonly digestOver: number;
  /** The hour (UTC) daily digests go out: 1 is 08:00 WIB. */
  readonly digestHourUtc: number;
  /**
   * Broadcasts through a linked WhatsApp device (Baileys): at most this many a minute, spread out, and
   * this many a day (UTC); the rest wait for the next day. See docs/whatsapp-broadcasts.md.
   */
  readonly baileys: { readonly perMinute: number; readonly perDay: number };
}

type BroadcastEnv = { [K in keyof typeof BROADCAST_ENV]: z.infer<(typeof BROADCAST_ENV)[K]> };

export function broadcastConfig(e: BroadcastEnv): BroadcastConfig {
  return {
    warningsPerOfficer: e.WARNINGS_PER_OFFICER_PER_DAY,
    warningsPerArea: e.WARNINGS_PER_AREA_PER_DAY,
    digestOver: e.BROADCAST_DIGEST_OVER,
    digestHourUtc: e.BROADCAST_DIGEST_HOUR_UTC,
    baileys: { perMinute: e.BROADCAST_WHATSAPP_PER_MINUTE, perDay: e.BROADCAST_WHATSAPP_PER_DAY },
  };
}
