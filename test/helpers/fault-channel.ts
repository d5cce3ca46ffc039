import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { OutboundMessage } from '../../src/core/message.js';

/** A small seeded generator (mulberry32): the same seed gives the same numbers in every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Which sends fail: in every run of three sends in arrival order exactly one is refused, at a position
 * drawn from the seed. So exactly a third of the sends fail (give or take one for the last run of
 * three), and which ones is decided by the seed, not by chance.
 */
export function thirdFailing(seed: number): (n: number) => boolean {
  const next = seededRandom(seed);
  const failing: number[] = [];
  return (n) => {
    const block = Math.floor(n / 3);
    while (failing.length <= block) failing.push(Math.floor(next() * 3));
    return failing[block] === n % 3;
  };
}

/** One message the channel took (a send it answered with a failure is not one). */
export interface Delivery {
  /** Place among all sends, failed ones included. */
  readonly seq: number;
  readonly address: string;
  /** The report code in the title. */
  readonly code: string;
  readonly title: string;
  /** Carries the "you may have had this before" note. */
  readonly resent: boolean;
}

/**
 * What happens to a send the channel took, before it answers: `answer` (200), or a chaos step run
 * first; the step ends the exchange itself (it may kill the process that sent it).
 */
export type OnDelivered = (d: Delivery, res: ServerResponse) => 'answer' | Promise<void>;

export interface FaultChannel {
  readonly url: string;
  readonly delivered: readonly Delivery[];
  /** Sends answered with a failure (nothing delivered). */
  failed(): number;
  /** Sends received in all. */
  sends(): number;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
    // The sender died while sending: the message never fully arrived, so it was not delivered.
    req.on('aborted', () => resolve(undefined));
    req.on('error', () => resolve(undefined));
  });

/**
 * A fake chat transport over HTTP for fault tests: it refuses a seeded third of the sends (500,
 * nothing delivered) and records the rest; `onDelivered` may hold an answer to crash things in the
 * exact moment between "the channel took it" and "the sender learned so".
 */
export async function startFaultChannel(opts: {
  seed: number;
  marker: string;
  onDelivered?: OnDelivered;
}): Promise<FaultChannel> {
  const fails = thirdFailing(opts.seed);
  const delivered: Delivery[] = [];
  let sends = 0;
  let failed = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === undefined) return;
      const seq = sends++;
      if (fails(seq)) {
        failed++;
        res.writeHead(500).end();
        return;
      }
      const { address, messages } = JSON.parse(body) as { address: string; messages: OutboundMessage[] };
      const first = messages[0];
      const title = first?.title ?? '';
      const d: Delivery = {
        seq,
        address,
        code: /R-[A-Z0-9]{6}/.exec(title)?.[0] ?? '',
        title,
        resent: messages.some((m) => m.body.includes(opts.marker)),
      };
      delivered.push(d);
      const next = opts.onDelivered?.(d, res) ?? 'answer';
      if (next === 'answer') res.writeHead(200).end();
      else await next;
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/send`,
    delivered,
    failed: () => failed,
    sends: () => sends,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
