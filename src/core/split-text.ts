/** Web addresses, which a split must not cut (a cut link opens the wrong page). */
export const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>()]+[^\s<>().,;:!?'"]/giu;

/**
 * Splits plain text into chunks of at most `limit` characters, at a paragraph break, else a line break,
 * else a space (in the second half of the window), and never inside a web address.
 */
export function splitAtBreaks(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = window.lastIndexOf('\n\n');
    if (cut < limit / 2) cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = limit;
    // Move the cut before a link it would fall into.
    for (const m of window.matchAll(WEB_ADDRESS)) {
      if (m.index < cut && m.index + m[0].length > cut && m.index > 0) cut = m.index;
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}
