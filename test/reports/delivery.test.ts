import { describe, expect, it } from 'vitest';
import type { MessageSender } from '../../src/core/ports.js';
import { RecipientUnreachable } from '../../src/core/ports.js';
import { SendFailed } from '../../src/reports/jobs.js';
import { createDelivery } from '../../src/reports/delivery.js';
import { sendersGate } from '../../src/main/senders-gate.js';
import { silentLogger } from '../helpers/engine.js';

const message = [{ body: 'Laporan baru', choices: [] }];

describe('delivery and the channels starting', () => {
  it('waits for the senders before looking one up: a sender set meanwhile is used', async () => {
    const senders: Partial<Record<'telegram', MessageSender>> = {};
    const gate = sendersGate();
    const { deliver } = createDelivery(senders, silentLogger, gate.ready);
    const sent: string[] = [];
    const delivered = deliver('telegram:5006', message);
    senders.telegram = { send: (address) => Promise.resolve(void sent.push(address)) };
    gate.open();
    await delivered;
    expect(sent).toEqual(['telegram:5006']);
  });

  it('a process stopping before its channels started fails the delivery for a retry, not as unreachable', async () => {
    const gate = sendersGate();
    const { deliver } = createDelivery({}, silentLogger, gate.ready);
    const delivered = deliver('telegram:5006', message).catch((err: unknown) => err);
    gate.close();
    const err = await delivered;
    expect(err).toBeInstanceOf(SendFailed);
    expect(err).not.toBeInstanceOf(RecipientUnreachable);
  });

  it('once started, a channel nobody runs is unreachable', async () => {
    const gate = sendersGate();
    gate.open();
    const { deliver } = createDelivery({}, silentLogger, gate.ready);
    await expect(deliver('whatsapp:62812', message)).rejects.toBeInstanceOf(RecipientUnreachable);
  });
});
