import type { OutboundMessage } from '../../core/message.js';

export interface ConsoleStyle {
  /** ANSI bold titles when writing to a terminal. */
  readonly color: boolean;
}

/** Formats one message for a terminal: title, body, then the numbered choices (0 = menu last). */
export function renderConsoleMessage(msg: OutboundMessage, style: ConsoleStyle): string {
  const lines: string[] = [];
  if (msg.title) lines.push(style.color ? `\u001b[1m${msg.title}\u001b[0m` : `*${msg.title}*`);
  if (msg.body) lines.push(msg.body);
  const numbered = [...msg.choices.filter((c) => c.n > 0), ...msg.choices.filter((c) => c.n === 0)];
  if (numbered.length > 0) {
    lines.push('');
    for (const c of numbered) lines.push(`${c.n}. ${c.label}`);
  }
  return lines.join('\n');
}
