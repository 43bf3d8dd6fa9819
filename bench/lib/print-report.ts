/** Renders the report as the aligned tables `npm run bench` prints. */
import { formatNumber, formatTable } from './format-table.js';
import type { BenchReport, Verdict } from './results.js';

function verdictText(verdict: Verdict): string {
  if (verdict.status === 'info') return verdict.reason;
  return `${verdict.status.toUpperCase()} ${verdict.reason}`.trim();
}

function cellTable(report: BenchReport): string {
  const rows = report.cells.map((result) => [
    result.title,
    result.target,
    `${formatNumber(result.summary.okPerSecond, 0)} ${result.unit}`,
    formatNumber(result.summary.p50Ms, 3),
    formatNumber(result.summary.p99Ms, 3),
    formatNumber(result.summary.errorRate * 100, 2),
    formatNumber(result.summary.cpuMicrosPerRequest, 0),
    formatNumber(result.ratioToDirect, 2),
    formatNumber(result.ratioToBare, 2),
    verdictText(result.verdict),
  ]);
  return formatTable(
    ['cell', 'target', 'rate', 'p50 ms', 'p99 ms', 'err %', 'CPU us/req', 'x direct', 'x bare', 'verdict'],
    rows,
    [false, false, true, true, true, true, true, true, true, false],
  );
}

function ttfbTable(report: BenchReport): string {
  const rows = report.ttfb.map((result) => [
    result.target,
    String(result.measurement.samples),
    formatNumber(result.measurement.ttfbP50Ms, 3),
    formatNumber(result.measurement.ttfbP99Ms, 3),
    formatNumber(result.measurement.totalP50Ms, 2),
    formatNumber(result.addedMs, 3),
    result.probe.ok ? verdictText(result.verdict) : `FAIL ${result.probe.detail}`,
  ]);
  return formatTable(
    ['target', 'samples', 'TTFB p50 ms', 'TTFB p99 ms', 'stream p50 ms', '+ms vs direct', 'verdict'],
    rows,
    [false, true, true, true, true, true, false],
  );
}

function memoryTable(report: BenchReport): string {
  const rows = report.memory.map((result) => {
    const rounds = result.slowStreamRounds;
    const streamsText =
      rounds.length === 0
        ? '-'
        : rounds
            .map((round) => `${round.completed}/${round.streams} ok, ${round.peakOpen} open, ${formatNumber(round.seconds, 0)} s, peak ${formatNumber(round.peakRssMb, 0)}`)
            .join('; ');
    return [
      result.target,
      formatNumber(result.idleRssMb, 1),
      formatNumber(result.afterLoadRssMb, 1),
      formatNumber(result.peakRssMb, 1),
      streamsText,
      rounds.length > 1 ? formatNumber(result.growth * 100, 1) : '-',
      verdictText(result.verdict),
    ];
  });
  return formatTable(
    ['target', 'idle RSS MB', 'RSS after MB', 'peak (VmHWM) MB', 'slow-stream rounds (RSS MB)', 'growth %', 'verdict'],
    rows,
    [false, true, true, true, false, true, false],
  );
}

/** Gateway CPU per request over bare's, per cell: steadier than req/s on a busy machine. */
function cpuRatioLine(report: BenchReport): string | undefined {
  const parts: string[] = [];
  for (const result of report.cells) {
    if (result.target !== 'gateway') continue;
    const bare = report.cells.find((other) => other.cell === result.cell && other.target === 'bare');
    const value = result.summary.cpuMicrosPerRequest / (bare?.summary.cpuMicrosPerRequest ?? Number.NaN);
    if (Number.isFinite(value)) parts.push(`${result.cell} ${value.toFixed(1)}x`);
  }
  return parts.length === 0 ? undefined : `Gateway CPU per request / bare proxy's: ${parts.join(', ')}`;
}

export function printReport(report: BenchReport): string {
  const parts = [
    `Switchyard bench — ${report.machine.cpus} x ${report.machine.cpuModel}, node ${report.machine.node}, ${report.startedAt}`,
    `settings: ${Object.entries(report.settings)
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
      .join(' ')}`,
    '',
    cellTable(report),
  ];
  const cpuLine = cpuRatioLine(report);
  if (cpuLine !== undefined) parts.push('', cpuLine);
  if (report.ttfb.length > 0) parts.push('', 'Time to first byte (paced 20-chunk stream, 1 connection):', ttfbTable(report));
  if (report.memory.length > 0) parts.push('', 'Memory:', memoryTable(report));
  if (report.notes.length > 0) parts.push('', 'Notes:', ...report.notes.map((note) => `- ${note}`));
  return parts.join('\n');
}
