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
}

const SEPARATOR = '-'.repeat(40);

/**
 * The console chat. Interactive: a prompt in the terminal. Script (stdin not a terminal): each line is
 * one message; the line is echoed after `> ` and the replies follow, so a piped conversation reads
 * like a transcript. Resolves when the input ends.
 */
export async function runConsoleChannel(opts: ConsoleChannelOptions): Promise<void> {
  const userKey = `console:${opts.user}`;
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
    await send({ text: line });
    if (opts.interactive) rl.prompt();
  }
  rl.close();
}
