/**
 * Every number of an area overview, read back from what people see: the desk's overview page (HTML)
 * and the admin `reports stats` text. The desk's bench and its test compare the two.
 */
export interface OverviewNumbers {
  readonly total: number;
  readonly open: number;
  readonly overdue: number;
  /** Medians in minutes as shown (rounded as shown), undefined for "-". */
  readonly acknowledge: number | undefined;
  readonly resolve: number | undefined;
  /** Day → [created, resolved]. */
  readonly days: ReadonlyMap<string, readonly [number, number]>;
  /** Area code → [all, open, overdue]. */
  readonly areas: ReadonlyMap<string, readonly [number, number, number]>;
}

const UNIT_MINUTES: Readonly<Record<string, number>> = {
  min: 1,
  menit: 1,
  minutes: 1,
  h: 60,
  jam: 60,
  hours: 60,
  days: 1440,
  hari: 1440,
};

/** "12.0 h", "12 jam", "3,5 hari", "–" → minutes (of the number as shown). */
export function shownMinutes(text: string): number | undefined {
  const m = /([\d.,]+)\s*([a-z]+)/i.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const unit = UNIT_MINUTES[m[2].toLowerCase()];
  if (unit === undefined) throw new Error(`unknown unit in "${text}"`);
  return Math.round(Number(m[1].replace(',', '.')) * unit * 100) / 100;
}

const strip = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const int = (s: string | undefined): number => {
  const n = Number((s ?? '').replace(/[.,\s]/g, ''));
  if (!Number.isInteger(n)) throw new Error(`not a whole number: "${s ?? ''}"`);
  return n;
};

/** The numbers of the desk's overview page. */
export function deskNumbers(html: string): OverviewNumbers {
  const boxes = [...html.matchAll(/<div class="box">\s*<b\s*>([\s\S]*?)<\/b\s*>/g)].map((m) =>
    strip(m[1] ?? ''),
  );
  if (boxes.length < 5) throw new Error(`overview page: ${boxes.length} number boxes`);
  const [open, overdue, ack, resolve, total] = boxes;
  const days = new Map<string, [number, number]>();
  for (const m of html.matchAll(/<title>\s*(\d{4}-\d{2}-\d{2}):[^\d<]*(\d+),[^\d<]*(\d+)\s*<\/title>/g)) {
    days.set(m[1] ?? '', [int(m[2]), int(m[3])]);
  }
  const areas = new Map<string, [number, number, number]>();
  for (const m of html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const row = m[1] ?? '';
    const code = /<span class="muted">([\d.]+)<\/span>/.exec(row)?.[1];
    if (!code) continue;
    const cells = [...row.matchAll(/<td class="n">([\s\S]*?)<\/td>/g)].map((c) => int(strip(c[1] ?? '')));
    areas.set(code, [cells[0] ?? NaN, cells[1] ?? NaN, cells[2] ?? NaN]);
  }
  return {
    total: int(total),
    open: int(open),
    overdue: int(overdue),
    acknowledge: shownMinutes(ack ?? ''),
    resolve: shownMinutes(resolve ?? ''),
    days,
    areas,
  };
}

/** The numbers of `reports stats` (with or without `--area`). */
export function cliNumbers(text: string): OverviewNumbers {
  const head = /reports: (\d+) \(open: (\d+)/.exec(text);
  const overdue = /^overdue \(.*\): (\d+)$/m.exec(text);
  const ack = /^median time to acknowledge: (.*) \(\d+ reports?\)$/m.exec(text);
  const resolve = /^median time to resolve: (.*) \(\d+ reports?\)$/m.exec(text);
  if (!head || !overdue || !ack || !resolve) throw new Error('reports stats: header lines missing');
  const days = new Map<string, [number, number]>();
  for (const m of text.matchAll(/^(\d{4}-\d{2}-\d{2})\s+(\d+)\s+(\d+)$/gm))
    days.set(m[1] ?? '', [int(m[2]), int(m[3])]);
  const areas = new Map<string, [number, number, number]>();
  for (const m of text.matchAll(/^(\d{2}(?:\.\d{2}){1,2}(?:\.\d{4})?) .*?\s(\d+)\s+(\d+)\s+(\d+)$/gm)) {
    areas.set(m[1] ?? '', [int(m[2]), int(m[3]), int(m[4])]);
  }
  return {
    total: int(head[1]),
    open: int(head[2]),
    overdue: int(overdue[1]),
    acknowledge: shownMinutes(ack[1] ?? ''),
    resolve: shownMinutes(resolve[1] ?? ''),
    days,
    areas,
  };
}

/**
 * Where the desk's numbers differ from the CLI's: headline numbers, every day, and every area row the
 * page shows (it shows the busiest rows of long tables; the CLI shows all). Empty when they agree.
 */
export function overviewDifferences(desk: OverviewNumbers, cli: OverviewNumbers): string[] {
  const out: string[] = [];
  for (const k of ['total', 'open', 'overdue', 'acknowledge', 'resolve'] as const) {
    if (desk[k] !== cli[k]) out.push(`${k}: desk ${String(desk[k])}, CLI ${String(cli[k])}`);
  }
  if (desk.days.size !== cli.days.size) out.push(`days: desk ${desk.days.size}, CLI ${cli.days.size}`);
  for (const [day, n] of cli.days) {
    if (desk.days.get(day)?.join() !== n.join())
      out.push(`${day}: desk ${String(desk.days.get(day))}, CLI ${n.join()}`);
  }
  if (desk.areas.size === 0) out.push('the page shows no area rows');
  for (const [code, n] of desk.areas) {
    if (cli.areas.get(code)?.join() !== n.join())
      out.push(`${code}: desk ${n.join()}, CLI ${String(cli.areas.get(code))}`);
  }
  return out;
}
