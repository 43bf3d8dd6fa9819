/**
 * The benchmark's knobs, read from the environment in this one place.
 * Quick mode (BENCH_QUICK=1) is a smoke run: short cells, one run, no memory soak.
 */
export interface BenchConfig {
  quick: boolean;
  /** Seconds each measured cell runs. */
  durationSeconds: number;
  /** Measured runs per cell; the table shows medians. */
  runs: number;
  /** Connections for the throughput cells. */
  connections: number;
  /** Content chunks per stream in the streaming cell. */
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
  /** Only these cells (`openai`, `latency`, `stream`, `anthropic`, `gemini`, `failover`); all when empty. */
  cells: string[];
  /** Write a V8 CPU profile of the gateway and summarise it. */
  cpuProfile: boolean;
  /** Where the machine-readable copy goes. */
  resultsPath: string;
}

function readList(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readFlag(name: string): boolean {
  const raw = process.env[name];
  return raw === '1' || raw === 'true';
}

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

export function loadBenchConfig(): BenchConfig {
  const quick = readFlag('BENCH_QUICK');
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
    cpuProfile: readFlag('BENCH_CPU_PROF'),
    resultsPath: process.env.BENCH_RESULTS ?? 'bench/results/latest.json',
  };
}
