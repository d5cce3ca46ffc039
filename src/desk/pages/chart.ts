import type { DayCount } from '../../reports/area-overview.js';
import { html, type Html } from '../html.js';
import type { T } from '../locale.js';

const W = 320;
const H = 140;
const PAD = { left: 24, right: 6, top: 10, bottom: 20 };

/**
 * Reports created and resolved per day as an inline SVG: bars for created, a line of dots for resolved,
 * with a text alternative (the numbers are in the table too). No script, no external file.
 */
export function dailyChart(t: T, days: readonly DayCount[]): Html {
  const max = Math.max(1, ...days.map((d) => Math.max(d.created, d.resolved)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH;
  const bars = days.map((d, i) => {
    const h = (d.created / max) * plotH;
    return html`<rect
      x="${(PAD.left + i * step + 1).toFixed(1)}"
      y="${y(d.created).toFixed(1)}"
      width="${Math.max(1, step - 2).toFixed(1)}"
      height="${h.toFixed(1)}"
      fill="#0b4f6c"
      ><title>
        ${d.day}: ${t('desk.overview.created')} ${d.created}, ${t('desk.overview.resolved')} ${d.resolved}
      </title></rect
    >`;
  });
  const points = days
    .map((d, i) => `${(PAD.left + (i + 0.5) * step).toFixed(1)},${y(d.resolved).toFixed(1)}`)
    .join(' ');
  const first = days[0]?.day.slice(5) ?? '';
  const last = days[days.length - 1]?.day.slice(5) ?? '';
  const label = t('desk.overview.chartAlt', {
    created: days.reduce((a, d) => a + d.created, 0),
    resolved: days.reduce((a, d) => a + d.resolved, 0),
    days: days.length,
  });
  return html`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label}">
      <line
        x1="${PAD.left}"
        y1="${PAD.top + plotH}"
        x2="${W - PAD.right}"
        y2="${PAD.top + plotH}"
        stroke="#999"
      />
      <text x="${PAD.left - 4}" y="${PAD.top + 4}" font-size="10" text-anchor="end">${max}</text>
      <text x="${PAD.left - 4}" y="${PAD.top + plotH}" font-size="10" text-anchor="end">0</text>
      ${bars}
      <polyline points="${points}" fill="none" stroke="#d9822b" stroke-width="1.5" />
      <text x="${PAD.left}" y="${H - 4}" font-size="10">${first}</text>
      <text x="${W - PAD.right}" y="${H - 4}" font-size="10" text-anchor="end">${last}</text>
    </svg>
    <p class="muted">
      <span style="color:#0b4f6c">■</span> ${t('desk.overview.created')} ·
      <span style="color:#d9822b">━</span> ${t('desk.overview.resolved')}
    </p>`;
}
