/**
 * The benchmark's result records (the shape of bench/results/<timestamp>.json and latest.json),
 * and where they are written.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellId, CellKind, TargetName } from './cells.js';
import type { LoadMeasurement } from './load-measurement.js';
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
  kind: CellKind;
  title: string;
  unit: string;
  connections: number;
  target: TargetName;
  /** The row's name in the table (`gateway --workers 2`). */
  label: string;
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
  /** Processes summed (the gateway's workers). */
  processes: number;
  idleRssMb: number;
  afterLoadRssMb: number;
  peakRssMb: number;
  slowStreamRounds: SlowStreamRound[];
  /** RSS growth from the first to the last slow-stream round (after each), 0..1. */
  growth: number;
  verdict: Verdict;
}

export interface GatewayLogRecord {
  level: string;
  path: string;
  /** The whole log: start-up, warm-up, measured runs, first-byte and memory phases. */
  bytes: number;
  /** Written during the measured runs of the cells only. */
  measuredBytes: number;
  /** Answers the gateway gave in those measured runs. */
  measuredRequests: number;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  /** The load generator as run. */
  load: string;
  /** The CPU layout (BENCH_PIN) or why there is none. */
  pinning: string;
  settings: Record<string, number | string | boolean | string[]>;
  gatewayLog: GatewayLogRecord | null;
  cells: CellResult[];
  ttfb: TtfbResult[];
  memory: MemoryResult[];
  notes: string[];
}

/** `2026-12-07T13:22:25.500Z` → `2026-12-07T13-22-25Z`: ISO time, no colons (Windows checkouts of recorded/). */
export function resultsFileName(startedAt: string): string {
  return `${startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.json`;
}

/** Writes `<timestamp>.json` and copies it to `latest.json`; returns the timestamped path. */
export function writeResults(directory: string, report: BenchReport, extra: Record<string, unknown>): string {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, resultsFileName(report.startedAt));
  writeFileSync(path, `${JSON.stringify({ ...report, ...extra }, null, 2)}\n`);
  copyFileSync(path, join(directory, 'latest.json'));
  return path;
}
