/**
 * Judges the gateway's figures against the targets of /work/shared/performance.md and issue #11;
 * direct and bare rows are references only, and so is `gateway --workers 2` (unpinned, two cores).
 */
import type { CellKind, TargetName } from './cells.js';
import type { Summary, Verdict } from './results.js';
import { ratio } from './stats.js';
import { targets } from './targets.js';

const reference: Verdict = { status: 'info', reason: '' };

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** `+0.120` / `-0.050`: an added latency, which noise can make negative. */
function signed(value: number, digits: number): string {
  return Number.isFinite(value) && value >= 0 ? `+${fixed(value, digits)}` : fixed(value, digits);
}

function throughputVerdict(gateway: Summary, bare: Summary | undefined, minimumRatio: number, floor: number): Verdict {
  const toBare = ratio(gateway.okPerSecond, bare?.okPerSecond ?? Number.NaN);
  const misses: string[] = [];
  if (bare === undefined) misses.push('no bare row to compare');
  else if (!(toBare >= minimumRatio)) misses.push(`${fixed(toBare, 2)}x bare < ${minimumRatio}`);
  if (!(gateway.okPerSecond >= floor)) misses.push(`< ${floor}/s`);
  if (misses.length === 0) return { status: 'pass', reason: `>= ${minimumRatio}x bare, >= ${floor}/s` };
  return { status: 'miss', reason: misses.join(', ') };
}

function latencyVerdict(gateway: Summary, direct: Summary | undefined): Verdict {
  if (direct === undefined) return { status: 'info', reason: 'no direct row to compare' };
  const addedP50 = gateway.p50Ms - (direct?.p50Ms ?? Number.NaN);
  const addedP99 = gateway.p99Ms - (direct?.p99Ms ?? Number.NaN);
  const text = `${signed(addedP50, 3)} / ${signed(addedP99, 3)} ms`;
  const pass = addedP50 <= targets.addedP50Ms && addedP99 <= targets.addedP99Ms;
  return pass
    ? { status: 'pass', reason: `${text} (<= ${targets.addedP50Ms} / ${targets.addedP99Ms})` }
    : { status: 'miss', reason: `${text} (> ${targets.addedP50Ms} / ${targets.addedP99Ms})` };
}

export function judgeCell(
  kind: CellKind,
  target: TargetName,
  summary: Summary,
  probeOk: boolean,
  direct: Summary | undefined,
  bare: Summary | undefined,
  /** The one-process gateway measured unpinned, for the --workers 2 row. */
  oneProcess?: Summary,
): Verdict {
  if (!probeOk) return { status: 'fail', reason: 'probe failed (see notes)' };
  if (summary.errorRate > 0) return { status: 'fail', reason: `${fixed(summary.errorRate * 100, 2)}% errors` };
  if (target === 'gateway-one') return { status: 'info', reason: 'unpinned, both cores: the reference for --workers 2' };
  if (target === 'gateway-workers') {
    const scale = ratio(summary.okPerSecond, oneProcess?.okPerSecond ?? Number.NaN);
    const reason = `${fixed(scale, 2)}x the one-process gateway unpinned; ${fixed(ratio(summary.okPerSecond, bare?.okPerSecond ?? Number.NaN), 2)}x the pinned bare proxy`;
    return { status: Number.isFinite(scale) && scale > 1 ? 'pass' : 'fail', reason };
  }
  if (target !== 'gateway') return reference;
  switch (kind) {
    case 'passthrough':
      return throughputVerdict(summary, bare, targets.passthroughRatioToBare, targets.passthroughFloor);
    case 'translated':
      return throughputVerdict(summary, bare, targets.translatedRatioToBare, targets.translatedFloor);
    case 'stream':
      return throughputVerdict(summary, bare, targets.streamRatioToBare, targets.streamFloor);
    case 'latency':
      return latencyVerdict(summary, direct);
    case 'failover':
      return { status: 'pass', reason: 'every call answered while one deployment fails half its calls' };
  }
}

export function judgeFirstByte(addedMs: number, ttfbMs: number, totalMs: number, directBuffered: boolean): Verdict {
  const buffered = !directBuffered && ttfbMs > totalMs * 0.5;
  if (buffered) return { status: 'fail', reason: `buffers: first byte at ${fixed(ttfbMs, 1)} of ${fixed(totalMs, 1)} ms` };
  const text = `${signed(addedMs, 3)} ms over direct`;
  return addedMs <= targets.firstByteAddedMs
    ? { status: 'pass', reason: `${text} (<= ${targets.firstByteAddedMs})` }
    : { status: 'miss', reason: `${text} (> ${targets.firstByteAddedMs})` };
}

/** `streams` is how many were open at once at the peak (a pool limit may hold the rest back). */
export function judgeMemory(peakRssMb: number, streams: number, growth: number, completedAll: boolean): Verdict {
  if (streams === 0) return { status: 'info', reason: 'no slow streams held (BENCH_STREAMS=0)' };
  const misses: string[] = [];
  if (!completedAll) misses.push('not every stream completed');
  if (!(peakRssMb <= targets.streamsRssMb)) misses.push(`peak ${fixed(peakRssMb, 0)} MB > ${targets.streamsRssMb}`);
  if (growth > targets.rssGrowth) misses.push(`grew ${fixed(growth * 100, 1)}% > ${targets.rssGrowth * 100}%`);
  if (streams < targets.streamsConcurrent) misses.push(`only ${streams} streams open at once (target: ${targets.streamsConcurrent})`);
  if (misses.length === 0) return { status: 'pass', reason: `<= ${targets.streamsRssMb} MB, growth ${fixed(growth * 100, 1)}%` };
  return { status: completedAll ? 'miss' : 'fail', reason: misses.join('; ') };
}
