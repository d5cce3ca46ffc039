import { createInterface } from 'node:readline';
import type { Engine } from '../../core/engine.js';
import type { InboundMessage, OutboundMessage } from '../../core/message.js';
import { renderConsoleMessage } from './render.js';

export interface ConsoleChannelOptions {
  readonly engine: Engine;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Interactive terminal: prompt and colours. Otherwise a script is read line by line and echoed. */
  readonly interactive: boolean;
  readonly user: string;
  /** Waits for work a message set off (the demo's in-memory report queue), so alerts print in order. */
  readonly settle?: () => Promise<void>;
}

const SEPARATOR = '-'.repeat(40);
/** `/as petugas-desa` switches to another console user; `/as` alone back to the first. */
const PERSONA = /^\s*\/as(?:\s+([a-z0-9_-]{1,32}))?\s*$/i;

/**
 * The console chat. Interactive: a prompt in the terminal. Script (stdin not a terminal): each line is
 * one message; the line is echoed after `> ` and the replies follow, so a piped conversation reads
 * like a transcript. Resolves when the input ends.
 */
export async function runConsoleChannel(opts: ConsoleChannelOptions): Promise<void> {
  let userKey = `console:${opts.user}`;
  const write = (messages: readonly OutboundMessage[]) => {
    for (const m of messages)
      opts.output.write(`${renderConsoleMessage(m, { color: opts.interactive })}\n\n`);
  };
  const send = async (msg: Omit<InboundMessage, 'channel' | 'userKey' | 'receivedAt'>) => {
    const result = await opts.engine.handle({ ...msg, channel: 'console', userKey, receivedAt: new Date() });
    write(result.messages);
  };

  await send({ start: true });
  const rl = createInterface({ input: opts.input, terminal: opts.interactive, crlfDelay: Infinity });
  if (opts.interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (!opts.interactive) opts.output.write(`> ${line}\n${SEPARATOR}\n`);
    const persona = PERSONA.exec(line);
    if (persona) {
      // Another person at the same terminal (an officer of the demo): their own session and alerts.
      userKey = `console:${persona[1] ?? opts.user}`;
      opts.output.write(`[${userKey}]\n\n`);
      if (opts.interactive) rl.setPrompt(`${persona[1] ?? ''}> `);
    } else {
      await send({ text: line });
      await opts.settle?.();
    }
    if (opts.interactive) rl.prompt();
  }
  rl.close();
}
