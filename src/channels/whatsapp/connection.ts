import type { ConnectionState } from '@whiskeysockets/baileys';
import type { Logger } from '../../core/ports.js';
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  closeAction,
  closeStatusCode,
  type BackoffPolicy,
  type CloseAction,
} from './reconnect.js';
import type { WhatsAppSocket } from './socket.js';

export type WhatsAppStatus =
  'connecting' | 'open' | 'reconnecting' | 'logged_out' | 'replaced' | 'forbidden' | 'lease_lost' | 'stopped';

/** For /healthz and /readyz. */
export interface WhatsAppHealth {
  readonly status: WhatsAppStatus;
  /** False once a person must act (logged out, replaced by another session, refused, lease lost). */
  readonly healthy: boolean;
  /** Connected: messages go out now. */
  readonly ready: boolean;
  readonly since: Date;
  /** Reconnections since start. */
  readonly reconnects: number;
}

const UNHEALTHY: ReadonlySet<WhatsAppStatus> = new Set(['logged_out', 'replaced', 'forbidden', 'lease_lost']);

export interface Pairing {
  /** Pair by a code for this number (digits with country code) instead of a QR code. */
  readonly phone?: string;
  /** True once this device is paired (no QR code or pairing code needed). */
  isRegistered(): boolean;
  showQr(qr: string): void;
  showCode(code: string): void;
}

export interface ConnectionOptions {
  /** A new socket with the auth state and options applied; called for every (re)connection. */
  readonly makeSocket: () => WhatsAppSocket;
  /** Attaches the message handlers to a new socket; returns what detaches them. */
  readonly attach: (sock: WhatsAppSocket) => () => void;
  /** Persists the credentials; called on every `creds.update`. */
  readonly saveCreds: () => Promise<void>;
  /** WhatsApp logged this device out: forget the auth state so the next start pairs again. */
  readonly forgetAuth: () => Promise<void>;
  readonly pairing: Pairing;
  /** The connection opened (the outbox can send). */
  readonly onOpen?: () => void;
  /** The connection stopped for good and will not reconnect by itself. */
  readonly onFatal?: (status: WhatsAppStatus) => void;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface Connection {
  start(): void;
  /** The socket while the connection is open. */
  openSocket(): WhatsAppSocket | undefined;
  health(): WhatsAppHealth;
  /** Closes the socket and stops reconnecting. */
  stop(status?: 'stopped' | 'lease_lost'): Promise<void>;
}

const FATAL_MESSAGES: Readonly<Record<Extract<CloseAction, { type: 'stop' }>['status'], string>> = {
  logged_out:
    'WhatsApp logged this device out; its auth state was deleted. Restart the bot and pair again (QR code or WHATSAPP_PAIRING_PHONE)',
  replaced:
    'another WhatsApp Web session of this number replaced this one; WhatsApp is stopped. Close the other session or bot process, then restart',
  forbidden: 'WhatsApp refused this number (403, possibly banned); WhatsApp is stopped',
};

/**
 * Keeps one WhatsApp connection: a new socket per attempt, reconnecting with exponential backoff and
 * jitter, at once when WhatsApp asks for a restart (after pairing), and never by itself after a logout,
 * a replacing session or a refusal — those need a person, and the health status says so.
 */
export function createConnection(opts: ConnectionOptions): Connection {
  const policy = opts.backoff ?? DEFAULT_BACKOFF;
  const now = opts.now ?? Date.now;
  const log = opts.logger;
  let current: { sock: WhatsAppSocket; detach: () => void; pairingAsked: boolean } | undefined;
  let status: WhatsAppStatus = 'connecting';
  let since = new Date(now());
  let reconnects = 0;
  let attempt = 0;
  let openedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const setStatus = (next: WhatsAppStatus) => {
    if (next === status) return;
    status = next;
    since = new Date(now());
  };

  function connect(): void {
    timer = undefined;
    if (stopped) return;
    const sock = opts.makeSocket();
    const onUpdate = (update: Partial<ConnectionState>) => {
      if (current?.sock === sock) onConnectionUpdate(update);
    };
    const onCreds = () => {
      opts.saveCreds().catch((err: unknown) => {
        log.error({ err, channel: 'whatsapp' }, 'WhatsApp credentials not saved; retried on the next change');
      });
    };
    sock.ev.on('connection.update', onUpdate);
    sock.ev.on('creds.update', onCreds);
    const detachHandlers = opts.attach(sock);
    current = {
      sock,
      pairingAsked: false,
      detach: () => {
        sock.ev.off('connection.update', onUpdate);
        sock.ev.off('creds.update', onCreds);
        detachHandlers();
      },
    };
  }

  function onConnectionUpdate(update: Partial<ConnectionState>): void {
    if (update.qr && current) showPairing(current, update.qr);
    if (update.connection === 'open') {
      openedAt = now();
      setStatus('open');
      log.info({ channel: 'whatsapp', reconnects }, 'WhatsApp connected');
      opts.onOpen?.();
    } else if (update.connection === 'close') {
      current?.detach();
      current = undefined;
      onClose(update.lastDisconnect?.error);
    }
  }

  function showPairing(conn: NonNullable<typeof current>, qr: string): void {
    const phone = opts.pairing.phone;
    if (!phone || opts.pairing.isRegistered()) {
      opts.pairing.showQr(qr);
      return;
    }
    if (conn.pairingAsked) return;
    conn.pairingAsked = true;
    conn.sock.requestPairingCode(phone).then(
      (code) => opts.pairing.showCode(code),
      (err: unknown) => log.error({ err, channel: 'whatsapp' }, 'WhatsApp pairing code not received'),
    );
  }

  function onClose(error: unknown): void {
    // A connection that stayed up long enough was healthy: the next failure starts from the base delay.
    if (openedAt !== undefined && now() - openedAt >= policy.stableMs) attempt = 0;
    openedAt = undefined;
    const action = closeAction(error);
    const code = closeStatusCode(error);
    if (action.type === 'stop') {
      stopped = true;
      setStatus(action.status);
      log.error({ channel: 'whatsapp', code }, FATAL_MESSAGES[action.status]);
      if (action.status === 'logged_out') {
        opts.forgetAuth().catch((err: unknown) => {
          log.error({ err, channel: 'whatsapp' }, 'WhatsApp auth state not deleted after logout');
        });
      }
      opts.onFatal?.(action.status);
      return;
    }
    reconnects++;
    setStatus('reconnecting');
    const delayMs = action.type === 'restart' ? 0 : backoffDelay(policy, attempt++, opts.random);
    log.warn({ channel: 'whatsapp', code, delayMs, attempt }, 'WhatsApp connection closed; reconnecting');
    if (timer) clearTimeout(timer);
    timer = setTimeout(connect, delayMs);
  }

  return {
    start() {
      if (current || timer || stopped) return;
      connect();
    },
    openSocket: () => (status === 'open' ? current?.sock : undefined),
    health: () => ({
      status,
      healthy: !UNHEALTHY.has(status),
      ready: status === 'open',
      since,
      reconnects,
    }),
    async stop(final = 'stopped') {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!UNHEALTHY.has(status) || final === 'lease_lost') setStatus(final);
      const conn = current;
      current = undefined;
      if (!conn) return;
      conn.detach();
      await conn.sock.end(undefined).catch(() => undefined);
    },
  };
}
