/** How numbers, money, durations and times read in the console. Pure functions (unit-tested). */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const formatCount = (value: number): string => integer.format(value);

/** 1234567 → "1.2M": for headline numbers where the exact count is in a tooltip. */
export const formatCompact = (value: number): string => compact.format(value);

/** Two significant digits below a cent (a single answer often costs $0.000090), cents above. */
export function formatUsd(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '$0.00';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(10, Math.max(2, 1 - magnitude));
  return `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(decimals)}`;
}

export function formatMs(value: number | null): string {
  if (value === null) return '—';
  if (value < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

export function formatPercent(ratio: number): string {
  if (ratio === 0) return '0%';
  const percent = ratio * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** "Mar 4": chart axes. `day` is YYYY-MM-DD (UTC). */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Local date and time to the second, e.g. "2025-03-04 14:05:09". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The UTC days from `days - 1` days before `now` through today, oldest first, as YYYY-MM-DD. */
export function lastUtcDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) => new Date(today - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Evenly spaced axis values from 0 to just above `max`, on a round step (1, 2, 2.5 or 5 × 10ⁿ), about
 * `target` of them. Whole numbers only when `whole` (request counts).
 */
export function axisTicks(max: number, target = 4, whole = false): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((multiple) => multiple * power).find((candidate) => candidate >= raw) ?? 10 * power;
  if (whole) step = Math.max(1, Math.ceil(step));
  const steps = Math.ceil(max / step - 1e-9);
  // toPrecision drops float noise such as 0.30000000000000004.
  return Array.from({ length: steps + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}

/** An axis label: like formatUsd without trailing zeros ("$0.0001", "$2.5"). */
export function formatUsdTick(value: number): string {
  if (value === 0) return '$0';
  return formatUsd(value).replace(/(\.\d*?[1-9])0+$/, '$1').replace(/\.0+$/, '');
}
