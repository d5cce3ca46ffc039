import type { OutboundMessage } from '../../core/message.js';
import type { MessageSender } from '../../core/ports.js';
import { renderConsoleMessage } from './render.js';

/**
 * Delivers alerts and notices to console addresses by printing them, marked with the address they
 * are for (`console:petugas-desa`), so a demo shows both sides of a report in one terminal.
 */
export function createConsoleSender(output: NodeJS.WritableStream, color: boolean): MessageSender {
  return {
    send(address: string, messages: readonly OutboundMessage[]): Promise<void> {
      const mark = color ? `\u001b[7m ${address} \u001b[0m` : `[${address}]`;
      const text = messages.map((m) => renderConsoleMessage(m, { color })).join('\n\n');
      output.write(`\n${mark}\n${text}\n\n`);
      return Promise.resolve();
    },
  };
}
