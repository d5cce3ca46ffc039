import { DisconnectReason } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type ConnectionOptions } from '../../../src/channels/whatsapp/connection.js';
import { backoffDelay, closeAction, type BackoffPolicy } from '../../../src/channels/whatsapp/reconnect.js';
import { silentLogger } from '../../helpers/engine.js';
import { FakeSocket } from './fake-socket.js';

const policy: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, stableMs: 30_000 };

function setup(extra: Partial<ConnectionOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const calls = { saveCreds: 0, forgetAuth: 0, qr: [] as string[], codes: [] as string[], opened: 0 };
  const fatal: string[] = [];
  let registered = false;
  const attached: FakeSocket[] = [];
  const connection = createConnection({
    makeSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    attach: (sock) => {
      attached.push(sock as FakeSocket);
      return () => attached.splice(attached.indexOf(sock as FakeSocket), 1);
    },
    saveCreds: () => {
      calls.saveCreds++;
      return Promise.resolve();
    },
    forgetAuth: () => {
      calls.forgetAuth++;
      return Promise.resolve();
    },
    pairing: {
      isRegistered: () => registered,
      showQr: (qr) => calls.qr.push(qr),
      showCode: (code) => calls.codes.push(code),
    },
    onOpen: () => calls.opened++,
    onFatal: (status) => fatal.push(status),
    logger: silentLogger,
    backoff: policy,
    random: () => 0.5,
    ...extra,
  });
  const last = () => sockets[sockets.length - 1]!;
  return { connection, sockets, calls, fatal, attached, last, register: () => (registered = true) };
}

describe('WhatsApp reconnect policy', () => {
  it('backs off exponentially with jitter up to the cap', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(policy, a, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(policy, a, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(policy, 50, () => 1)).toBe(60_000);
    expect(backoffDelay(policy, 50, () => 0)).toBe(30_000);
  });

  it('classifies Baileys disconnect reasons', () => {
    const err = (statusCode: number) => ({ output: { statusCode } });
    expect(closeAction(err(DisconnectReason.restartRequired))).toEqual({ type: 'restart' });
    expect(closeAction(err(DisconnectReason.loggedOut))).toEqual({ type: 'stop', status: 'logged_out' });
    expect(closeAction(err(DisconnectReason.connectionReplaced))).toEqual({
      type: 'stop',
      status: 'replaced',
    });
    expect(closeAction(err(DisconnectReason.connectionLost))).toEqual({ type: 'retry' });
    expect(closeAction(new Error('socket hang up'))).toEqual({ type: 'retry' });
    expect(closeAction(undefined)).toEqual({ type: 'retry' });
  });
});

describe('WhatsApp connection (fake socket, fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the QR code, opens, saves credentials on every creds.update, and is ready', () => {
    const { connection, calls, last, attached } = setup();
    connection.start();
    expect(connection.health()).toMatchObject({ status: 'connecting', healthy: true, ready: false });
    last().emit('connection.update', { qr: 'QR-1' });
    last().emit('connection.update', { qr: 'QR-2' });
    expect(calls.qr).toEqual(['QR-1', 'QR-2']);
    last().emit('creds.update', { registered: true });
    last().emit('creds.update', { me: { id: '62812:1@s.whatsapp.net' } });
    expect(calls.saveCreds).toBe(2);
    last().open();
    expect(connection.health()).toMatchObject({ status: 'open', healthy: true, ready: true });
    expect(connection.openSocket()).toBe(last());
    expect(calls.opened).toBe(1);
    expect(attached).toEqual([last()]);
  });

  it('asks once per socket for a pairing code when a phone number is configured and the device is not paired', () => {
    const codes: string[] = [];
    const qrs: string[] = [];
    const { connection, last } = setup({
      pairing: {
        phone: '6281234567890',
        isRegistered: () => false,
        showQr: (qr) => qrs.push(qr),
        showCode: (code) => codes.push(code),
      },
    });
    connection.start();
    last().emit('connection.update', { connection: 'connecting', qr: 'QR-1' });
    last().emit('connection.update', { qr: 'QR-2' });
    return vi.waitFor(() => {
      expect(last().pairingRequests).toEqual(['6281234567890']);
      expect(codes).toEqual(['ABCD1234']);
      expect(qrs).toEqual([]);
    });
  });

  it('reconnects at once when WhatsApp asks for a restart (after pairing)', () => {
    const { connection, sockets, last } = setup();
    connection.start();
    last().close(DisconnectReason.restartRequired);
    expect(connection.health().status).toBe('reconnecting');
    vi.advanceTimersByTime(0);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(connection.health()).toMatchObject({ status: 'open', reconnects: 1 });
  });

  it('survives a reconnect storm: one socket at a time, delays growing to the cap, stale events ignored', () => {
    const { connection, sockets, attached, last } = setup();
    connection.start();
    const delays: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = sockets.length;
      last().close(DisconnectReason.connectionLost);
      // A late event of a socket already replaced changes nothing.
      sockets[0]!.close(DisconnectReason.connectionLost);
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
      expect(sockets.length).toBe(before + 1);
      expect(attached).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    }
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(Math.max(...delays)).toBe(45_000); // 60 s cap, half of it random (0.5 here)
    expect(connection.health()).toMatchObject({ status: 'reconnecting', healthy: true, reconnects: 40 });

    // Open and stay up: the next failure starts from the base delay again.
    last().open();
    vi.advanceTimersByTime(policy.stableMs);
    const before = sockets.length;
    last().close(DisconnectReason.timedOut);
    vi.advanceTimersByTime(750);
    expect(sockets.length).toBe(before + 1);
  });

  it('keeps backing off when connections open and drop at once (flapping)', () => {
    const { connection, sockets, last } = setup();
    connection.start();
    for (let i = 0; i < 6; i++) {
      last().open();
      last().close(DisconnectReason.connectionClosed);
      vi.advanceTimersByTime(policy.maxMs);
    }
    const before = sockets.length;
    last().open();
    last().close(DisconnectReason.connectionClosed);
    vi.advanceTimersByTime(backoffDelay(policy, 6, () => 0.5) - 1);
    expect(sockets.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(sockets.length).toBe(before + 1);
  });

  it('stops, unhealthy, forgetting the auth state, when WhatsApp logs the device out', () => {
    const { connection, sockets, calls, fatal, last, attached } = setup();
    connection.start();
    last().open();
    last().close(DisconnectReason.loggedOut);
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets).toHaveLength(1);
    expect(attached).toHaveLength(0);
    expect(calls.forgetAuth).toBe(1);
    expect(fatal).toEqual(['logged_out']);
    expect(connection.health()).toMatchObject({ status: 'logged_out', healthy: false, ready: false });
    connection.start();
    expect(sockets).toHaveLength(1);
  });

  it('stops, unhealthy, keeping the auth state, when another session replaces this one', () => {
    const { connection, sockets, calls, fatal, last } = setup();
    connection.start();
    last().open();
    last().close(DisconnectReason.connectionReplaced);
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets).toHaveLength(1);
    expect(calls.forgetAuth).toBe(0);
    expect(fatal).toEqual(['replaced']);
    expect(connection.health()).toMatchObject({ status: 'replaced', healthy: false });
  });

  it('stop() cancels a pending reconnect and ends the socket', async () => {
    const { connection, sockets, last } = setup();
    connection.start();
    last().open();
    await connection.stop();
    expect(last().ended).toBe(true);
    expect(connection.health().status).toBe('stopped');

    const other = setup();
    other.connection.start();
    other.last().close(DisconnectReason.connectionLost);
    await other.connection.stop('lease_lost');
    vi.advanceTimersByTime(10 * 60_000);
    expect(other.sockets).toHaveLength(1);
    expect(other.connection.health()).toMatchObject({ status: 'lease_lost', healthy: false });
    expect(sockets).toHaveLength(1);
  });
});
