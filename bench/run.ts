/**
 * `npm run bench`: starts the fake upstream, the bare Fastify+undici proxy and the gateway as child
 * processes, drives each with the same autocannon load from this process, and prints one table
 * (plus first-byte and memory tables) with ratios and verdicts against /work/shared/performance.md.
 * A machine-readable copy goes to bench/results/latest.json. Knobs: see bench/README.md.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadBenchConfig } from './lib/bench-config.js';
import { buildCells, type Cell, type Target, type TargetName } from './lib/cells.js';
import { pickFreePort, type ChildServer } from './lib/child-server.js';
import { connectProfiler } from './lib/inspector-profiler.js';
import { setStreamDefaults } from './lib/fake-control.js';
import { measureCells, type MeasureHooks, type MissingTarget } from './lib/measure-cells.js';
import { measureFirstByte } from './lib/measure-first-byte.js';
import { measureMemory, type WatchedProcess } from './lib/measure-memory.js';
import { printReport } from './lib/print-report.js';
import { readProcessMemory } from './lib/proc-memory.js';
import type { BenchReport } from './lib/results.js';
import { repositoryRoot, startBareProxy, startFakeUpstream, startGateway } from './lib/servers.js';
import { formatProfileSummary, summarizeCpuProfile } from './lib/summarize-cpu-profile.js';

const config = loadBenchConfig();
const startedAt = new Date().toISOString();
const wanted = (name: TargetName): boolean => config.targets.length === 0 || config.targets.includes(name);
const cells: Cell[] = buildCells(config.connections).filter((cell) => config.cells.length === 0 || config.cells.includes(cell.id));
const streamCell = buildCells(config.connections).find((cell) => cell.id === 'stream');
const streamCellSelected = cells.some((cell) => cell.id === 'stream');
const children: ChildServer[] = [];
const notes: string[] = [
  'Load: autocannon, one process, 1 worker. Its own ceiling (tens of thousands of req/s on 2 cores) caps the direct row, so x direct understates headroom; compare ratios within one run.',
];
let profileSummary: string | undefined;

async function stopAll(): Promise<void> {
  await Promise.all(children.map((child) => child.stop().catch(() => undefined)));
}

process.once('SIGINT', () => {
  void stopAll().then(() => process.exit(130));
});

async function main(): Promise<BenchReport> {
  const fake = await startFakeUpstream();
  children.push(fake);
  await setStreamDefaults(fake.origin, { chunks: config.streamChunks, intervalMs: 0 });
  const targets: Target[] = [];
  const missing: MissingTarget[] = [];
  const watched: WatchedProcess[] = [];
  let inspectPort: number | undefined;
  if (wanted('direct')) targets.push({ name: 'direct', origin: fake.origin, pid: fake.pid });
  if (wanted('bare')) {
    const bare = await startBareProxy(fake.origin);
    children.push(bare);
    const target: Target = { name: 'bare', origin: bare.origin, pid: bare.pid };
    targets.push(target);
    watched.push({ target, idleRssMb: readProcessMemory(bare.pid).rssMb });
  }
  if (wanted('gateway')) {
    try {
      const gatewayInspectPort = config.cpuProfile ? await pickFreePort() : undefined;
      const gateway = await startGateway({ upstreamOrigin: fake.origin, inspectPort: gatewayInspectPort });
      children.push(gateway);
      inspectPort = gatewayInspectPort;
      const target: Target = { name: 'gateway', origin: gateway.origin, pid: gateway.pid };
      targets.push(target);
      watched.push({ target, idleRssMb: readProcessMemory(gateway.pid).rssMb });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      missing.push({ name: 'gateway', reason: `gateway not running: ${reason.split('\n')[0] ?? ''}` });
      notes.push(`The gateway did not start, its rows are FAIL: ${reason.replace(/\s*\n\s*/g, ' | ').slice(0, 600)}`);
    }
  }
  process.stderr.write(`servers up: ${children.map((child) => `${child.name} ${child.origin} (pid ${child.pid})`).join(', ')}\n`);

  const cellResults = await measureCells(config, cells, targets, missing, await profilingHooks(inspectPort));
  const ttfb = streamCell === undefined || !streamCellSelected ? [] : await measureFirstByte(config, streamCell, targets, fake.origin);
  const memory = streamCell === undefined ? [] : await measureMemory(config, streamCell, watched, fake.origin);
  for (const result of cellResults) {
    if (!result.probe.ok) notes.push(`${result.title} / ${result.target}: probe ${result.probe.detail}`);
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
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
      targets: targets.map((target) => target.name),
    },
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
  const resultsPath = resolve(repositoryRoot, config.resultsPath);
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify({ ...report, cpuProfileSummary: profile ?? null }, null, 2)}\n`);
  console.log(printReport(report));
  if (profile !== undefined) console.log(`\n${profile}`);
  console.log(`\nwritten: ${resultsPath}`);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  for (const child of children) console.error(`--- ${child.name} output ---\n${child.outputTail()}`);
} finally {
  await stopAll();
}
