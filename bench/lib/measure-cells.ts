/**
 * Probe and warm-up, then every cell against every target, run after run (interleaved so machine
 * noise spreads evenly over targets), then medians, ratios and verdicts. CPU per request is read
 * from the target's whole process tree (its workers included).
 */
import type { BenchConfig } from './bench-config.js';
import type { Cell, CellId, Target, TargetName } from './cells.js';
import type { LoadGenerator } from './load-generator.js';
import type { LoadMeasurement } from './load-measurement.js';
import type { Placer } from './placement.js';
import { readTreeCpuSeconds } from './proc-cpu.js';
import { probe, type ProbeResult } from './probe.js';
import type { CellResult, Summary } from './results.js';
import { median, ratio } from './stats.js';
import { judgeCell } from './verdicts.js';

/** A target that should be measured but is not running (the gateway failed to start). */
export interface MissingTarget {
  name: TargetName;
  label: string;
  reason: string;
  onlyCells?: CellId[];
}

type Measured = LoadMeasurement & { cpuMicrosPerRequest: number };

const notMeasured: Measured = {
  durationSeconds: 0,
  ok: 0,
  non2xx: 0,
  errors: 0,
  okPerSecond: Number.NaN,
  p50Ms: Number.NaN,
  p99Ms: Number.NaN,
  errorRate: 1,
  statusCodes: {},
  cpuMicrosPerRequest: Number.NaN,
};

function summarize(runs: Measured[]): Summary {
  return {
    okPerSecond: median(runs.map((run) => run.okPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    errorRate: Math.max(...runs.map((run) => run.errorRate)),
    cpuMicrosPerRequest: median(runs.map((run) => run.cpuMicrosPerRequest)),
  };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Called right around the measured runs (after warm-up), e.g. to profile only those. */
export interface MeasureHooks {
  beforeRuns(): Promise<void>;
  afterRuns(): Promise<void>;
}

export interface LoadSetup {
  generator: LoadGenerator;
  placer: Placer;
}

const measuredIn = (cell: Cell, target: { onlyCells?: CellId[] }): boolean => target.onlyCells === undefined || target.onlyCells.includes(cell.id);

export async function measureCells(
  config: BenchConfig,
  cells: Cell[],
  targets: Target[],
  missing: MissingTarget[],
  setup: LoadSetup,
  hooks: MeasureHooks | undefined,
): Promise<CellResult[]> {
  const probes = new Map<string, ProbeResult>();
  const runs = new Map<string, Measured[]>();
  const key = (cell: Cell, target: TargetName): string => `${cell.id}/${target}`;
  const { generator, placer } = setup;

  for (const target of targets) {
    for (const cell of cells.filter((candidate) => measuredIn(candidate, target))) {
      const request = cell.request(target);
      const loadCpus = await placer.place(target);
      probes.set(key(cell, target.name), await probe(request));
      if (config.warmupSecondsPerCell > 0) await generator.run(request, cell.connections, config.warmupSecondsPerCell, loadCpus);
    }
    log(`warmed up ${target.label}`);
  }
  await hooks?.beforeRuns();
  for (let run = 1; run <= config.runs; run += 1) {
    for (const cell of cells) {
      for (const target of targets.filter((candidate) => measuredIn(cell, candidate))) {
        const loadCpus = await placer.place(target);
        const cpuBefore = readTreeCpuSeconds(target.pid);
        const load = await generator.run(cell.request(target), cell.connections, config.durationSeconds, loadCpus);
        const cpuSeconds = readTreeCpuSeconds(target.pid) - cpuBefore;
        const measurement: Measured = { ...load, cpuMicrosPerRequest: load.ok > 0 ? (cpuSeconds * 1e6) / load.ok : Number.NaN };
        runs.set(key(cell, target.name), [...(runs.get(key(cell, target.name)) ?? []), measurement]);
        const errors = measurement.errorRate > 0 ? `, ${(measurement.errorRate * 100).toFixed(2)}% errors${load.failure === undefined ? '' : ` (${load.failure})`}` : '';
        log(`run ${run}/${config.runs} ${cell.id} ${target.label}: ${measurement.okPerSecond.toFixed(0)}/s, p50 ${measurement.p50Ms.toFixed(3)} ms${errors}`);
      }
    }
  }
  await hooks?.afterRuns();
  await placer.reset();
  return collect(cells, targets, missing, probes, runs);
}

function collect(
  cells: Cell[],
  targets: Target[],
  missing: MissingTarget[],
  probes: Map<string, ProbeResult>,
  runs: Map<string, Measured[]>,
): CellResult[] {
  const results: CellResult[] = [];
  for (const cell of cells) {
    const summaryOf = (name: TargetName): Summary | undefined => {
      const list = runs.get(`${cell.id}/${name}`);
      return list === undefined ? undefined : summarize(list);
    };
    const direct = summaryOf('direct');
    const bare = summaryOf('bare');
    const rows: { name: TargetName; label: string; absent?: string }[] = [
      ...targets.filter((target) => measuredIn(cell, target)).map((target) => ({ name: target.name, label: target.label })),
      ...missing.filter((entry) => measuredIn(cell, entry)).map((entry) => ({ name: entry.name, label: entry.label, absent: entry.reason })),
    ];
    for (const row of rows) {
      const summary = summaryOf(row.name) ?? summarize([notMeasured]);
      const probeResult = row.absent === undefined ? probes.get(`${cell.id}/${row.name}`) : { ok: false, detail: row.absent };
      results.push({
        cell: cell.id,
        kind: cell.kind,
        title: cell.title,
        unit: cell.unit,
        connections: cell.connections,
        target: row.name,
        label: row.label,
        probe: probeResult ?? { ok: false, detail: 'not probed' },
        runs: runs.get(`${cell.id}/${row.name}`) ?? [],
        summary,
        ratioToDirect: ratio(summary.okPerSecond, direct?.okPerSecond ?? Number.NaN),
        ratioToBare: ratio(summary.okPerSecond, bare?.okPerSecond ?? Number.NaN),
        verdict: judgeCell(cell.kind, row.name, summary, probeResult?.ok === true, direct, bare, summaryOf('gateway-one')),
      });
    }
  }
  return results;
}
