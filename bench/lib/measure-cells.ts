/**
 * Warm-up, then every cell against every target, run after run (interleaved so machine noise
 * spreads evenly over targets), then medians, ratios and verdicts.
 */
import type { BenchConfig } from './bench-config.js';
import type { Cell, Target, TargetName } from './cells.js';
import { runLoad, type LoadMeasurement } from './load.js';
import { readCpuSeconds } from './proc-cpu.js';
import { probe, type ProbeResult } from './probe.js';
import type { CellResult, Summary } from './results.js';
import { median, ratio } from './stats.js';
import { judgeCell } from './verdicts.js';

/** A target that should be measured but is not running (the gateway failed to start). */
export interface MissingTarget {
  name: TargetName;
  reason: string;
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

export async function measureCells(
  config: BenchConfig,
  cells: Cell[],
  targets: Target[],
  missing: MissingTarget[],
  hooks: MeasureHooks | undefined,
): Promise<CellResult[]> {
  const probes = new Map<string, ProbeResult>();
  const runs = new Map<string, Measured[]>();
  const key = (cell: Cell, target: TargetName): string => `${cell.id}/${target}`;

  for (const target of targets) {
    for (const cell of cells) {
      const request = cell.request(target);
      probes.set(key(cell, target.name), await probe(request));
      if (config.warmupSecondsPerCell > 0) await runLoad(request, cell.connections, config.warmupSecondsPerCell);
    }
    log(`warmed up ${target.name}`);
  }
  await hooks?.beforeRuns();
  for (let run = 1; run <= config.runs; run += 1) {
    for (const cell of cells) {
      for (const target of targets) {
        const cpuBefore = readCpuSeconds(target.pid);
        const load = await runLoad(cell.request(target), cell.connections, config.durationSeconds);
        const cpuSeconds = readCpuSeconds(target.pid) - cpuBefore;
        const measurement: Measured = { ...load, cpuMicrosPerRequest: load.ok > 0 ? (cpuSeconds * 1e6) / load.ok : Number.NaN };
        runs.set(key(cell, target.name), [...(runs.get(key(cell, target.name)) ?? []), measurement]);
        const errors = measurement.errorRate > 0 ? `, ${(measurement.errorRate * 100).toFixed(2)}% errors` : '';
        log(`run ${run}/${config.runs} ${cell.id} ${target.name}: ${measurement.okPerSecond.toFixed(0)}/s, p50 ${measurement.p50Ms.toFixed(3)} ms${errors}`);
      }
    }
  }
  await hooks?.afterRuns();

  const results: CellResult[] = [];
  for (const cell of cells) {
    const summaries = new Map<TargetName, Summary>();
    for (const target of targets) summaries.set(target.name, summarize(runs.get(key(cell, target.name)) ?? [notMeasured]));
    for (const name of ['direct', 'bare', 'gateway'] as const) {
      const absent = missing.find((entry) => entry.name === name);
      const present = targets.some((target) => target.name === name);
      if (!present && absent === undefined) continue;
      const summary = summaries.get(name) ?? summarize([notMeasured]);
      const probeResult = absent === undefined ? probes.get(key(cell, name)) : { ok: false, detail: absent.reason };
      const direct = summaries.get('direct');
      const bare = summaries.get('bare');
      results.push({
        cell: cell.id,
        title: cell.title,
        unit: cell.unit,
        target: name,
        probe: probeResult ?? { ok: false, detail: 'not probed' },
        runs: runs.get(key(cell, name)) ?? [],
        summary,
        ratioToDirect: ratio(summary.okPerSecond, direct?.okPerSecond ?? Number.NaN),
        ratioToBare: ratio(summary.okPerSecond, bare?.okPerSecond ?? Number.NaN),
        verdict: judgeCell(cell.id, name === 'gateway', summary, probeResult?.ok === true, direct, bare),
      });
    }
  }
  return results;
}
