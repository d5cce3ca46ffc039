/** Files with fewer rows than this import too fast to need a progress bar. */
const MIN_ROWS = 1000;
const WIDTH = 30;

/**
 * A progress bar for long imports: redrawn in place on a terminal, a line every quarter otherwise.
 * Returns a callback for `(done, total)`.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  label: string,
): (done: number, total: number) => void {
  let lastQuarter = -1;
  return (done, total) => {
    if (total < MIN_ROWS) return;
    const share = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const filled = Math.round(share * WIDTH);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.round(share * 100)}% ${done}/${total}`,
      );
      if (done >= total) stream.write('\n');
      return;
    }
    const quarter = Math.floor(share * 4);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      stream.write(`${label}: ${Math.round(share * 100)}% (${done}/${total} rows)\n`);
    }
  };
}
