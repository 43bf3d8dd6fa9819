/**
 * `npm run bench`: starts the fake upstream, the bare Fastify+undici proxy and the gateway as child
 * processes on their own CPUs (taskset), drives each with the same load (wrk when installed,
 * otherwise autocannon) and prints one table per measure with ratios and verdicts against
 * /work/shared/performance.md. Every run is written to bench/results/<timestamp>.json and copied
 * to bench/results/latest.json. Knobs: see bench/README.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadBenchConfig } from './lib/bench-config.js';
import { buildCells, type Cell, type TargetName } from './lib/cells.js';
import { isAlive, type ChildServer } from './lib/child-server.js';
import { moveProcess, parsePinning } from './lib/cpu-pinning.js';
import { setStreamDefaults } from './lib/fake-control.js';
import { connectProfiler } from './lib/inspector-profiler.js';
import { chooseLoadGenerator } from './lib/load-generator.js';
import { measureCells, type MeasureHooks } from './lib/measure-cells.js';
import { measureFirstByte } from './lib/measure-first-byte.js';
import { measureMemory } from './lib/measure-memory.js';
import { createPlacer } from './lib/placement.js';
import { printReport } from './lib/print-report.js';
import { writeResults, type BenchReport, type CellResult } from './lib/results.js';
import { repositoryRoot, startFakeUpstream } from './lib/servers.js';
import { startTargets } from './lib/start-targets.js';
import { formatProfileSummary, summarizeCpuProfile } from './lib/summarize-cpu-profile.js';

const config = loadBenchConfig();
const startedAt = new Date().toISOString();
const pinning = parsePinning(config.pin);
const scratch = mkdtempSync(join(tmpdir(), 'switchyard-bench-run-'));
const { generator, hint } = chooseLoadGenerator(config.load, pinning, scratch);
const allCells = buildCells(config.connections);
const cells: Cell[] = allCells.filter((cell) => config.cells.length === 0 || config.cells.includes(cell.id));
const streamCell = allCells.find((cell) => cell.id === 'stream');
const children: ChildServer[] = [];
const notes: string[] = [];
let profileSummary: string | undefined;

if (hint !== undefined) {
  process.stderr.write(`${hint}\n`);
  notes.push(hint);
}
if (generator.name === 'autocannon') {
  notes.push('Load: autocannon in the bench process. Its CPU cost per request caps the direct row, so x direct understates headroom; compare ratios within one run.');
}

async function stopAll(): Promise<void> {
  await Promise.all(children.map((child) => child.stop().catch(() => undefined)));
}

process.once('SIGINT', () => {
  void stopAll().then(() => process.exit(130));
});

const measuredRequests = (results: CellResult[], target: TargetName): number =>
  results.filter((result) => result.target === target).reduce((sum, result) => sum + result.runs.reduce((total, run) => total + run.ok, 0), 0);

async function main(): Promise<BenchReport> {
  // This process is load side too: probes, first-byte samples, slow streams (and autocannon).
  await moveProcess(pinning, process.pid, pinning.load);
  const fake = await startFakeUpstream(pinning);
  children.push(fake);
  await setStreamDefaults(fake.origin, { chunks: config.streamChunks, intervalMs: 0 });
  const wantDirect = config.targets.length === 0 || config.targets.includes('direct');
  const started = await startTargets(config, pinning, fake.origin, children, notes);
  const targets = [
    ...(wantDirect ? [{ name: 'direct' as const, label: 'direct', origin: fake.origin, pid: fake.pid, apiKey: 'bench', unpinned: false }] : []),
    ...started.targets,
  ];
  process.stderr.write(`servers up: ${children.map((child) => `${child.name} ${child.origin} (pid ${child.pid})`).join(', ')}\n`);
  process.stderr.write(`load: ${generator.description}; CPU pinning: ${pinning.description}\n`);

  const placer = createPlacer(pinning, fake.pid);
  const gatewayServer = started.gateway;
  let logBytesBefore = 0;
  let logBytesMeasured = 0;
  const profiling = await profilingHooks(started.inspectPort);
  const hooks: MeasureHooks = {
    beforeRuns: async () => {
      logBytesBefore = gatewayServer?.outputBytes() ?? 0;
      await profiling?.beforeRuns();
    },
    afterRuns: async () => {
      logBytesMeasured = (gatewayServer?.outputBytes() ?? 0) - logBytesBefore;
      await profiling?.afterRuns();
    },
  };
  const cellResults = await measureCells(config, cells, targets, started.missing, { generator, placer }, hooks);
  const singleTargets = targets.filter((target) => target.onlyCells === undefined);
  const ttfb = streamCell === undefined || !cells.some((cell) => cell.id === 'stream') ? [] : await measureFirstByte(config, streamCell, singleTargets, fake.origin, placer);
  const memory = streamCell === undefined ? [] : await measureMemory(config, streamCell, started.watched, fake.origin);
  for (const result of cellResults) {
    if (!result.probe.ok) notes.push(`${result.title} / ${result.label}: probe ${result.probe.detail}`);
    const failure = result.runs.find((run) => run.failure !== undefined)?.failure;
    if (failure !== undefined) notes.push(`${result.title} / ${result.label}: the load generator could not run: ${failure.slice(0, 300)}`);
  }
  for (const child of children.filter((candidate) => !isAlive(candidate.pid))) {
    notes.push(`${child.name} (pid ${child.pid}) stopped during the bench; its later rows are not valid. Last output: ${child.outputTail().slice(-400).replace(/\s*\n\s*/g, ' | ')}`);
  }
  const gatewayLog =
    gatewayServer === undefined
      ? null
      : {
          level: config.gatewayLogLevel ?? 'info (the gateway default)',
          path: gatewayServer.logPath,
          bytes: gatewayServer.outputBytes(),
          measuredBytes: logBytesMeasured,
          measuredRequests: measuredRequests(cellResults, 'gateway'),
        };
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
    load: generator.description,
    pinning: pinning.description,
    settings: {
      quick: config.quick,
      durationSeconds: config.durationSeconds,
      runs: config.runs,
      warmupSecondsPerCell: config.warmupSecondsPerCell,
      connections: config.connections,
      streamChunks: config.streamChunks,
      slowStreams: config.slowStreams,
      slowStreamSeconds: config.slowStreamSeconds,
      slowStreamRounds: config.slowStreamRounds,
      ttfbSamples: config.ttfbSamples,
      load: config.load,
      pin: config.pin === '' ? 'default' : config.pin,
      key: config.key,
      gatewayLog: config.gatewayLogLevel ?? 'default',
      gatewayWorkers: config.gatewayWorkers,
      workersRow: config.workersRow,
      targets: targets.map((target) => target.label),
    },
    gatewayLog,
    cells: cellResults,
    ttfb,
    memory,
    notes,
  };
}

/** With BENCH_CPU_PROF=1: profile the gateway during the measured runs only, then summarise. */
async function profilingHooks(inspectPort: number | undefined): Promise<MeasureHooks | undefined> {
  if (inspectPort === undefined) return undefined;
  const profiler = await connectProfiler(inspectPort, 250);
  return {
    beforeRuns: () => profiler.start(),
    afterRuns: async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'switchyard-bench-prof-')), 'gateway.cpuprofile');
      writeFileSync(path, await profiler.stop());
      profiler.close();
      profileSummary = `Gateway CPU profile (measured runs only) ${path}:\n${formatProfileSummary(summarizeCpuProfile(path, 25))}`;
    },
  };
}

try {
  const report = await main();
  await stopAll();
  const profile = profileSummary;
  const written = writeResults(resolve(repositoryRoot, config.resultsDirectory), report, { cpuProfileSummary: profile ?? null });
  console.log(printReport(report));
  if (profile !== undefined) console.log(`\n${profile}`);
  console.log(`\nwritten: ${written} (and latest.json)`);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  for (const child of children) console.error(`--- ${child.name} output ---\n${child.outputTail()}`);
} finally {
  await stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
