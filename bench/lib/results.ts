/** The benchmark's result records (also the shape of bench/results/latest.json). */
import type { CellId, TargetName } from './cells.js';
import type { LoadMeasurement } from './load.js';
import type { ProbeResult } from './probe.js';
import type { SlowStreamRound } from './slow-streams.js';
import type { TtfbMeasurement } from './ttfb.js';

export interface Summary {
  /** Median over runs of successful requests (or streams) per second. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Highest error rate of any run, 0..1. */
  errorRate: number;
  /** Median CPU time the target's own process spent per successful request, µs. */
  cpuMicrosPerRequest: number;
}

export interface Verdict {
  status: 'pass' | 'miss' | 'fail' | 'info';
  reason: string;
}

export interface CellResult {
  cell: CellId;
  title: string;
  unit: string;
  target: TargetName;
  probe: ProbeResult;
  runs: (LoadMeasurement & { cpuMicrosPerRequest: number })[];
  summary: Summary;
  ratioToDirect: number;
  ratioToBare: number;
  verdict: Verdict;
}

export interface TtfbResult {
  target: TargetName;
  probe: ProbeResult;
  measurement: TtfbMeasurement;
  /** Median TTFB minus the direct one, ms. */
  addedMs: number;
  verdict: Verdict;
}

export interface MemoryResult {
  target: TargetName;
  idleRssMb: number;
  afterLoadRssMb: number;
  peakRssMb: number;
  slowStreamRounds: SlowStreamRound[];
  /** RSS growth from the first to the last slow-stream round (after each), 0..1. */
  growth: number;
  verdict: Verdict;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  settings: Record<string, number | string | boolean | string[]>;
  cells: CellResult[];
  ttfb: TtfbResult[];
  memory: MemoryResult[];
  notes: string[];
}
