import type { SocketConfig, UserFacingSocketConfig, WASocket } from '@whiskeysockets/baileys';

/** Baileys' logger interface (pino-compatible); not exported by name from the package. */
export type BaileysLogger = SocketConfig['logger'];

/**
 * The part of a Baileys socket the channel uses. `makeWASocket` returns a superset; tests pass a fake
 * socket that emits Baileys' own events.
 */
export type WhatsAppSocket = Pick<
  WASocket,
  'ev' | 'sendMessage' | 'end' | 'requestPairingCode' | 'updateMediaMessage' | 'readMessages'
> & {
  /** Baileys 7's LID ↔ phone number mappings, to name a LID-only sender by number when it is known. */
  readonly signalRepository?: {
    readonly lidMapping: { getPNForLID(lid: string): Promise<string | null> };
  };
};

/**
 * Builds a socket. Only the composition root passes Baileys' `makeWASocket` (DESIGN §2: main.ts
 * constructs the socket); a new socket is made for every (re)connection.
 */
export type SocketFactory = (config: UserFacingSocketConfig) => WhatsAppSocket;
