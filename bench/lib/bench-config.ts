/**
 * The benchmark's knobs, read from the environment in this one place (bench/README.md lists them).
 * Quick mode (BENCH_QUICK=1) is a smoke run: short cells, one run, no memory soak, no workers row.
 */
export type LoadChoice = 'auto' | 'wrk' | 'autocannon';
export type KeyChoice = 'virtual' | 'master';

export interface BenchConfig {
  quick: boolean;
  /** Seconds each measured cell runs. */
  durationSeconds: number;
  /** Measured runs per cell; the table shows medians. */
  runs: number;
  /** Connections for the throughput cells. */
  connections: number;
  /** Content chunks per stream in the streaming cells. */
  streamChunks: number;
  /** Concurrent slow streams held open for the memory cell (0 = skip). */
  slowStreams: number;
  /** How long each slow stream lasts, in seconds. */
  slowStreamSeconds: number;
  /** Samples per target for the time-to-first-byte probe. */
  ttfbSamples: number;
  /** Slow-stream rounds (RSS growth is measured across them). */
  slowStreamRounds: number;
  /** Seconds of warm-up load per cell and target before measuring. */
  warmupSecondsPerCell: number;
  /** Only these targets (`direct`, `bare`, `gateway`); all when empty. */
  targets: string[];
  /** Only these cells (ids in bench/lib/cells.ts); all when empty. */
  cells: string[];
  /** Which load generator: `auto` is wrk when it is on PATH, else autocannon. */
  load: LoadChoice;
  /** BENCH_PIN as given: `sut=0,load=1,upstream=1` or `off`. */
  pin: string;
  /** The gateway's log level; undefined leaves the gateway's own default (info). */
  gatewayLogLevel: string | undefined;
  /** Which key the gateway is called with: a virtual key with limits, or the master key. */
  key: KeyChoice;
  /** `serve --workers N` for the gateway target (1 = no flag). */
  gatewayWorkers: number;
  /** Add a `gateway --workers 2` row to the passthrough cell (full runs only by default). */
  workersRow: boolean;
  /** Write a V8 CPU profile of the gateway and summarise it. */
  cpuProfile: boolean;
  /** Folder for `<timestamp>.json` and `latest.json`, relative to the repository. */
  resultsDirectory: string;
}

function readList(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readFlag(name: string, fallback = false): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw === '1' || raw === 'true';
}

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function readChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const raw = (process.env[name] ?? '').trim();
  if (raw === '') return fallback;
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) throw new Error(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return found;
}

export function loadBenchConfig(): BenchConfig {
  const quick = readFlag('BENCH_QUICK');
  const logLevel = (process.env.BENCH_GATEWAY_LOG ?? '').trim();
  return {
    quick,
    durationSeconds: readNumber('BENCH_DURATION_S', quick ? 2 : 5),
    warmupSecondsPerCell: readNumber('BENCH_WARMUP_S', quick ? 1 : 2),
    runs: Math.max(1, Math.round(readNumber('BENCH_RUNS', quick ? 1 : 3))),
    connections: Math.max(1, Math.round(readNumber('BENCH_CONNECTIONS', 16))),
    streamChunks: Math.max(1, Math.round(readNumber('BENCH_CHUNKS', 20))),
    slowStreams: Math.round(readNumber('BENCH_STREAMS', quick ? 0 : 1000)),
    slowStreamSeconds: readNumber('BENCH_STREAM_SECONDS', 15),
    ttfbSamples: Math.max(1, Math.round(readNumber('BENCH_TTFB_SAMPLES', quick ? 50 : 200))),
    slowStreamRounds: Math.max(1, Math.round(readNumber('BENCH_STREAM_ROUNDS', 3))),
    targets: readList('BENCH_TARGETS'),
    cells: readList('BENCH_CELLS'),
    load: readChoice('BENCH_LOAD', ['auto', 'wrk', 'autocannon'] as const, 'auto'),
    pin: (process.env.BENCH_PIN ?? '').trim(),
    gatewayLogLevel: logLevel === '' ? undefined : logLevel,
    key: readChoice('BENCH_KEY', ['virtual', 'master'] as const, 'virtual'),
    gatewayWorkers: Math.max(1, Math.round(readNumber('BENCH_GATEWAY_WORKERS', 1))),
    workersRow: readFlag('BENCH_WORKERS_ROW', !quick),
    cpuProfile: readFlag('BENCH_CPU_PROF'),
    resultsDirectory: process.env.BENCH_RESULTS_DIR ?? 'bench/results',
  };
}
