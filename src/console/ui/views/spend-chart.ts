/**
 * Spend per UTC day, stacked by model, as a hand-drawn SVG sized to its container (redrawn on
 * resize so the text stays crisp at any width). The most expensive models get their own colour,
 * the rest are summed as "Other". The numbers are also in a table, for screen readers and for
 * anyone who wants them exact.
 */
import type { DailySpend } from '../api-types.js';
import { h, svg } from '../dom.js';
import { axisTicks, formatCount, formatDay, formatUsd, formatUsdTick } from '../format.js';

const MAX_SERIES = 7;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 60 };

interface Series {
  name: string;
  /** Per day, aligned with `days`. */
  values: number[];
  total: number;
}

type Metric = 'cost' | 'requests';

export function spendChart(rows: DailySpend[], days: string[], signal: AbortSignal): HTMLElement {
  // With nothing priced (local or unknown models) the chart shows requests rather than a flat zero.
  const metric: Metric = rows.some((row) => row.costUsd > 0) ? 'cost' : 'requests';
  const series = buildSeries(rows, days, metric);
  const format = (value: number) => (metric === 'cost' ? formatUsd(value) : formatCount(value));
  const formatTick = (value: number) => (metric === 'cost' ? formatUsdTick(value) : formatCount(value));
  const title = metric === 'cost' ? 'Spend per day (UTC), by model' : 'Requests per day (UTC), by model — nothing priced in this range';
  const canvas = h('div', { class: 'chart-canvas' });
  const figure = h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    canvas,
    h('ul', { class: 'legend' }, ...series.map((entry, index) => h('li', {}, h('span', { class: `swatch series-${index}`, 'aria-hidden': 'true' }), `${entry.name} `, h('span', { class: 'muted' }, format(entry.total))))),
    dataTable(series, days, format),
  );
  const draw = () => {
    const width = Math.max(260, Math.floor(canvas.clientWidth));
    canvas.replaceChildren(drawBars(series, days, width, { format, formatTick, whole: metric === 'requests' }, title));
  };
  const observer = new ResizeObserver(() => draw());
  observer.observe(canvas);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return figure;
}

function buildSeries(rows: DailySpend[], days: string[], metric: Metric): Series[] {
  const index = new Map(days.map((day, position) => [day, position]));
  const byModel = new Map<string, number[]>();
  for (const row of rows) {
    const position = index.get(row.day);
    if (position === undefined) continue;
    const values = byModel.get(row.model) ?? days.map(() => 0);
    values[position] = (values[position] ?? 0) + (metric === 'cost' ? row.costUsd : row.requests);
    byModel.set(row.model, values);
  }
  const all = [...byModel].map(([name, values]) => ({ name, values, total: values.reduce((sum, value) => sum + value, 0) }));
  all.sort((left, right) => right.total - left.total || (left.name < right.name ? -1 : 1));
  if (all.length <= MAX_SERIES) return all;
  const rest = all.slice(MAX_SERIES - 1);
  const other = days.map((_, position) => rest.reduce((sum, entry) => sum + (entry.values[position] ?? 0), 0));
  return [...all.slice(0, MAX_SERIES - 1), { name: `Other (${rest.length} models)`, values: other, total: other.reduce((sum, value) => sum + value, 0) }];
}

interface Formats {
  format: (value: number) => string;
  formatTick: (value: number) => string;
  /** Whole-number ticks (request counts). */
  whole: boolean;
}

function drawBars(series: Series[], days: string[], width: number, formats: Formats, title: string): SVGSVGElement {
  const { format, formatTick } = formats;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = days.map((_, position) => series.reduce((sum, entry) => sum + (entry.values[position] ?? 0), 0));
  const ticks = axisTicks(Math.max(0, ...totals), 4, formats.whole);
  const top = ticks.at(-1) ?? 1;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const band = plotWidth / days.length;
  const barWidth = Math.max(2, Math.min(40, band * 0.72));
  const chart = svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': `${title}. The numbers are in the table below.` });

  for (const value of ticks) {
    chart.append(
      svg('line', { class: 'grid', x1: MARGIN.left, x2: width - MARGIN.right, y1: y(value), y2: y(value) }),
      svg('text', { class: 'axis', x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatTick(value)),
    );
  }
  // Label every n-th day counting back from today, so the newest day always has its date.
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / 64))));
  days.forEach((day, position) => {
    const x = MARGIN.left + band * position + (band - barWidth) / 2;
    let base = 0;
    series.forEach((entry, seriesIndex) => {
      const value = entry.values[position] ?? 0;
      if (value <= 0) return;
      const rect = svg('rect', { class: `series-${seriesIndex}`, x, y: y(base + value), width: barWidth, height: Math.max(1, y(base) - y(base + value)) }, svg('title', {}, `${day} · ${entry.name}: ${format(value)}`));
      chart.append(rect);
      base += value;
    });
    if ((days.length - 1 - position) % every === 0) {
      // The newest day's label would overhang the right edge if centred under its bar.
      const last = position === days.length - 1;
      const labelX = last ? width - 2 : x + barWidth / 2;
      chart.append(svg('text', { class: 'axis', x: labelX, y: HEIGHT - 8, 'text-anchor': last ? 'end' : 'middle' }, formatDay(day)));
    }
  });
  return chart;
}

function dataTable(series: Series[], days: string[], format: (value: number) => string): HTMLElement {
  const rows = days
    .map((day, position) => ({ day, values: series.map((entry) => entry.values[position] ?? 0) }))
    .filter((row) => row.values.some((value) => value > 0))
    .reverse();
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, 'Show the numbers'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day (UTC)'), ...series.map((entry) => h('th', { scope: 'col' }, entry.name)))),
        h('tbody', {}, ...rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.day), ...row.values.map((value) => h('td', { class: 'number' }, format(value)))))),
      ),
    ),
  );
}
