import { afterAll, describe, expect, it } from 'vitest';
import { BullBroadcastQueue } from '../../src/broadcasts/bull-broadcasts.js';
import { createFanOut } from '../../src/broadcasts/fan-out.js';
import { createNoticeDelivery } from '../../src/broadcasts/officer-notices.js';
import type { OutboundMessage } from '../../src/core/message.js';
import type { MessageSender } from '../../src/core/ports.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createKeys } from '../../src/storage/keys.js';
import { silentLogger } from '../helpers/engine.js';
import { testRedis } from '../helpers/redis.js';
import { MALANG, TERNYANG } from '../helpers/report-script.js';
import { until } from './worker-process.js';
import { testWorkers } from './test-workers.js';
import { startWarnings } from './warning-harness.js';

const parts = testRedis();
const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closing.reverse()) await close();
  await parts.cleanup();
});

const WARNING = 'Ada calo menawarkan kerja ke Taiwan tanpa biaya lewat grup WhatsApp. Jangan bayar apa pun.';
const translator = createTranslator('locales');

/**
 * Officers' warnings as the service wires them: broadcasts started and notices queued on BullMQ
 * (the harness's prefix), the workers sending notices through a Telegram that refuses while `down`.
 * `lost`: the process "dies" right after each step — nothing is started or queued by it.
 */
async function queued() {
  let queue: BullBroadcastQueue | undefined;
  const state = { lost: false, refusals: 0, refuseNext: 0 };
  const h = await startWarnings(parts.prefix, undefined, (prefix) => {
    const q = new BullBroadcastQueue(parts.redis, createKeys(prefix).bull, { attempts: 5, backoffMs: 50 });
    queue = q;
    const lost = () => Promise.reject(new Error('process gone'));
    return {
      start: (id) => (state.lost ? lost() : q.start(id)),
      tell: (notices) => (state.lost ? lost() : q.tell(notices)),
    };
  });
  if (!queue) throw new Error('no queue');
  const got: { address: string; messages: OutboundMessage[] }[] = [];
  const telegram: MessageSender = {
    send(address, messages) {
      if (state.refuseNext > 0) {
        state.refuseNext--;
        state.refusals++;
        return Promise.reject(new Error('502 Bad Gateway'));
      }
      got.push({ address, messages: [...messages] });
      return Promise.resolve();
    },
  };
  const fanOut = createFanOut({
    subscribers: h.subscribers,
    broadcasts: h.broadcasts,
    senders: { telegram },
    translator,
    logger: silentLogger,
  });
  const workers = testWorkers(fanOut, queue, createKeys(h.prefix).bull, {
    notice: createNoticeDelivery({ telegram }, translator),
  });
  const q = queue;
  closing.push(async () => {
    await workers.close();
    await q.close();
    await h.close();
  });
  const texts = (address: string) =>
    got.filter((g) => g.address === address).flatMap((g) => g.messages.map((m) => m.body));
  return { h, state, queue: q, texts };
}

describe('officers’ notices about warnings are durable', () => {
  it('a proposal’s notices are queued, retried while Telegram refuses, and reach each reviewer once', async () => {
    const { h, state, texts } = await queued();
    await h.join('vil1', 'village', TERNYANG);
    await h.join('dist1', 'district', MALANG);
    await h.join('dist2', 'district', MALANG);
    state.refuseNext = 3;
    const r = await h.warnings.confirm('telegram:vil1', 'draft00a1', WARNING);
    expect(r).toMatchObject({ type: 'proposed', reviewers: 2 });
    await until(
      () => texts('telegram:dist1').length + texts('telegram:dist2').length >= 2,
      20_000,
      'the notices',
    );
    await new Promise((res) => setTimeout(res, 500));
    expect(state.refusals).toBe(3);
    for (const d of ['telegram:dist1', 'telegram:dist2']) {
      expect(texts(d)).toHaveLength(1);
      expect(texts(d)[0]).toContain('mengusulkan peringatan untuk warga Kabupaten Malang');
    }
    // Pressed again: queued again with the same ids, sent nothing more.
    expect(await h.warnings.confirm('telegram:vil1', 'draft00a1', WARNING)).toMatchObject({
      type: 'already',
    });
    await new Promise((res) => setTimeout(res, 500));
    expect(texts('telegram:dist1')).toHaveLength(1);
  });

  it('a process that dies right after a step loses nothing: the catch-up over the audit stream starts the warning and tells the officers, once', async () => {
    const { h, state, queue, texts } = await queued();
    await h.join('vil1', 'village', TERNYANG);
    await h.join('dist1', 'district', MALANG);
    await h.subscribe('telegram:501', MALANG);
    await h.subscribe('telegram:502', MALANG);
    const from = Date.now() - 1000;
    state.lost = true;
    expect(await h.warnings.confirm('telegram:vil1', 'draft00b1', WARNING)).toMatchObject({
      type: 'proposed',
    });
    const [proposal] = await h.warnings.proposals('telegram:dist1');
    expect(await h.warnings.decide('telegram:dist1', proposal?.id ?? '', 'approve')).toMatchObject({
      type: 'sent',
      recipients: 2,
    });
    await new Promise((res) => setTimeout(res, 300));
    expect(texts('telegram:dist1')).toEqual([]);
    expect(texts('telegram:vil1')).toEqual([]);
    expect(await h.broadcasts.status(`warn-${proposal?.id ?? ''}`)).toMatchObject({ sent: 0 });
    expect((await h.broadcasts.status(`warn-${proposal?.id ?? ''}`))?.total).toBeUndefined();

    // A worker's minute check: the steps of the window, followed up.
    state.lost = false;
    expect(await h.warnings.catchUp(from, Date.now())).toBe(2);
    await until(
      async () =>
        (await h.broadcasts.status(`warn-${proposal?.id ?? ''}`))?.sent === 2 &&
        texts('telegram:vil1').length > 0,
      20_000,
      'the warning and the notices',
    );
    expect(texts('telegram:dist1')).toHaveLength(1);
    expect(texts('telegram:vil1')).toEqual([
      'Usulan peringatan Anda untuk Kabupaten Malang disetujui oleh Officer dist1 dan dikirim ke 2 pelanggan.',
    ]);
    expect(texts('telegram:501')).toHaveLength(1);
    // The next minute's check finds the same steps: nothing is sent twice.
    expect(await h.warnings.catchUp(from, Date.now())).toBe(2);
    await new Promise((res) => setTimeout(res, 800));
    expect(texts('telegram:dist1')).toHaveLength(1);
    expect(texts('telegram:vil1')).toHaveLength(1);
    expect(texts('telegram:501')).toHaveLength(1);
    expect((await queue.depths())['warning-notice-telegram']).toBe(0);
  });
});
