/**
 * Formats milliseconds the way OpenAI's x-ratelimit-reset-* headers do, which is Go's
 * time.Duration.String(): "0s", "20ms", "1s", "8.64s", "1m26.4s", "6m0s", "1h0m0s".
 */
export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.ceil(milliseconds));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = formatSeconds(ms % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** Whole seconds with the millisecond fraction trimmed of trailing zeros ("8.64", "0", "26.4"). */
function formatSeconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = ms % 1000;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}
