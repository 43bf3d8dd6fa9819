/**
 * Renders the report as the tables `npm run bench` prints: one row per cell with direct / bare /
 * gateway side by side (the `gateway --workers 2` row under its cell), then first byte and memory.
 */
import type { TargetName } from './cells.js';
import { formatNumber, formatTable } from './format-table.js';
import type { BenchReport, CellResult, MemoryResult, Verdict } from './results.js';

function verdictText(verdict: Verdict): string {
  if (verdict.status === 'info') return verdict.reason;
  return `${verdict.status.toUpperCase()} ${verdict.reason}`.trim();
}

const references: TargetName[] = ['direct', 'bare'];

/** `a / b / c` for the given targets, `-` where one was not measured. */
function triple(rows: (CellResult | undefined)[], pick: (row: CellResult) => number, digits: number): string {
  return rows.map((row) => (row === undefined ? '-' : formatNumber(pick(row), digits))).join(' / ');
}

function rate(row: CellResult | undefined): string {
  return row === undefined ? '-' : formatNumber(row.summary.okPerSecond, 0);
}

function cellRows(report: BenchReport): string[][] {
  const out: string[][] = [];
  for (const cellId of new Set(report.cells.map((result) => result.cell))) {
    const rows = report.cells.filter((result) => result.cell === cellId);
    const find = (name: TargetName): CellResult | undefined => rows.find((row) => row.target === name);
    const first = rows[0];
    if (first === undefined) continue;
    const gateway = find('gateway');
    const line = [find('direct'), find('bare'), gateway];
    const failedReferences = references
      .map((name) => find(name))
      .filter((row): row is CellResult => row !== undefined && row.verdict.status === 'fail')
      .map((row) => `${row.target} ${verdictText(row.verdict)}`);
    out.push([
      first.title,
      String(first.connections),
      ...line.map(rate),
      triple(line, (row) => row.summary.p50Ms, 3),
      triple(line, (row) => row.summary.p99Ms, 3),
      triple(line, (row) => row.summary.cpuMicrosPerRequest, 0),
      gateway === undefined ? '-' : formatNumber(gateway.ratioToBare, 2),
      [gateway === undefined ? '' : verdictText(gateway.verdict), ...failedReferences].filter((text) => text !== '').join('; '),
    ]);
    for (const extra of [find('gateway-one'), find('gateway-workers')]) {
      if (extra === undefined) continue;
      out.push([
        `  ${extra.label}`,
        String(extra.connections),
        '',
        '',
        rate(extra),
        formatNumber(extra.summary.p50Ms, 3),
        formatNumber(extra.summary.p99Ms, 3),
        formatNumber(extra.summary.cpuMicrosPerRequest, 0),
        formatNumber(extra.ratioToBare, 2),
        verdictText(extra.verdict),
      ]);
    }
  }
  return out;
}

function cellTable(report: BenchReport): string {
  return formatTable(
    ['cell (rate: req/s, streams/s)', 'conn', 'direct', 'bare', 'gateway', 'p50 ms d / b / g', 'p99 ms d / b / g', 'CPU us/req d / b / g', 'g/bare', 'verdict'],
    cellRows(report),
    [false, true, true, true, true, true, true, true, true, false],
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
  const roundCount = Math.max(0, ...report.memory.map((result) => result.slowStreamRounds.length));
  const roundHeaders = Array.from({ length: roundCount }, (_, index) => `round ${index + 1} peak/after MB`);
  const rows = report.memory.map((result: MemoryResult) => {
    const rounds = result.slowStreamRounds;
    const roundCells = Array.from({ length: roundCount }, (_, index) => {
      const round = rounds[index];
      return round === undefined ? '-' : `${formatNumber(round.peakRssMb, 0)} / ${formatNumber(round.afterRssMb, 0)}`;
    });
    const streams = rounds.map((round) => `${round.completed}/${round.streams} ok (${round.peakOpen} open)`).join('; ');
    return [
      result.target,
      String(result.processes),
      formatNumber(result.idleRssMb, 1),
      formatNumber(result.afterLoadRssMb, 1),
      ...roundCells,
      rounds.length === 0 ? '-' : streams,
      rounds.length > 1 ? formatNumber(result.growth * 100, 1) : '-',
      verdictText(result.verdict),
    ];
  });
  return formatTable(
    ['target', 'procs', 'idle MB', 'after cells MB', ...roundHeaders, 'streams per round', 'growth %', 'verdict'],
    rows,
    [false, true, true, true, ...roundHeaders.map(() => true), false, true, false],
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
  const log = report.gatewayLog;
  const parts = [
    `Switchyard bench — ${report.machine.cpus} x ${report.machine.cpuModel}, node ${report.machine.node}, ${report.startedAt}`,
    `load: ${report.load}; CPU pinning: ${report.pinning}`,
    `settings: ${Object.entries(report.settings)
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
      .join(' ')}`,
    ...(log === null
      ? []
      : [`gateway log (level ${log.level}): ${formatNumber(log.bytes / 1e6, 1)} MB, ${formatNumber(log.measuredBytes / Math.max(1, log.measuredRequests), 0)} bytes per request in the measured runs (${log.path}, removed at exit)`]),
    '',
    cellTable(report),
  ];
  const cpuLine = cpuRatioLine(report);
  if (cpuLine !== undefined) parts.push('', cpuLine);
  if (report.ttfb.length > 0) parts.push('', 'Time to first byte (paced 20-chunk stream, 1 connection):', ttfbTable(report));
  if (report.memory.length > 0) parts.push('', 'Memory (RSS summed over each server\'s processes):', memoryTable(report));
  if (report.notes.length > 0) parts.push('', 'Notes:', ...report.notes.map((note) => `- ${note}`));
  return parts.join('\n');
}
