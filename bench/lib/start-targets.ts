/**
 * Starts what the bench measures behind the already running fake upstream: the bare proxy, the
 * gateway (on the SUT CPUs, called with a virtual key that has limits) and, in a full run, a second
 * gateway with `serve --workers 2`, unpinned, for one extra row in the passthrough cell.
 */
import type { BenchConfig } from './bench-config.js';
import type { Target, TargetName } from './cells.js';
import type { ChildServer } from './child-server.js';
import { pickFreePort } from './child-server.js';
import type { CpuPinning } from './cpu-pinning.js';
import { gatewaySupportsWorkers } from './gateway-features.js';
import type { MissingTarget } from './measure-cells.js';
import type { WatchedProcess } from './measure-memory.js';
import { readTreeMemory } from './proc-memory.js';
import { benchMasterKey, repositoryRoot, startBareProxy, startGateway, type GatewayServer } from './servers.js';
import { createVirtualKey, waitForKey } from './virtual-key.js';

export interface StartedTargets {
  targets: Target[];
  missing: MissingTarget[];
  /** Proxies whose memory the memory cell follows. */
  watched: WatchedProcess[];
  /** The gateway target's server (for its log), when it runs. */
  gateway: GatewayServer | undefined;
  inspectPort: number | undefined;
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' | ').slice(0, 600);

interface GatewayStart {
  name: TargetName;
  label: string;
  workers: number;
  cpuList: string;
  unpinned: boolean;
  inspectPort: number | undefined;
}

export async function startTargets(
  config: BenchConfig,
  pinning: CpuPinning,
  fakeOrigin: string,
  children: ChildServer[],
  notes: string[],
): Promise<StartedTargets> {
  const wanted = (name: string): boolean => config.targets.length === 0 || config.targets.includes(name);
  const started: StartedTargets = { targets: [], missing: [], watched: [], gateway: undefined, inspectPort: undefined };
  if (wanted('bare')) {
    const bare = await startBareProxy(fakeOrigin, pinning);
    children.push(bare);
    const target: Target = { name: 'bare', label: 'bare', origin: bare.origin, pid: bare.pid, apiKey: 'bench', unpinned: false };
    started.targets.push(target);
    started.watched.push({ target, idleRssMb: readTreeMemory(bare.pid).rssMb });
  }
  if (!wanted('gateway')) return started;

  const supportsWorkers = gatewaySupportsWorkers(repositoryRoot);
  let workers = config.gatewayWorkers;
  if (workers > 1 && !supportsWorkers) {
    notes.push(`BENCH_GATEWAY_WORKERS=${workers} ignored: this build's CLI lists no serve --workers; the gateway runs one process.`);
    workers = 1;
  } else if (workers > 1 && pinning.enabled) {
    notes.push(`The gateway runs ${workers} workers pinned to CPUs ${pinning.sut} (BENCH_PIN sut=…); set BENCH_PIN=off to let them use every core.`);
  }
  const inspectPort = config.cpuProfile ? await pickFreePort() : undefined;
  const label = workers > 1 ? `gateway --workers ${workers}` : 'gateway';
  const gateway = await startOne(config, pinning, fakeOrigin, children, notes, started, { name: 'gateway', label, workers, cpuList: pinning.sut, unpinned: false, inspectPort });
  if (gateway !== undefined) {
    started.gateway = gateway.server;
    started.inspectPort = inspectPort;
    started.watched.push({ target: gateway.target, idleRssMb: readTreeMemory(gateway.server.pid).rssMb });
  }

  const workersRowWanted = config.workersRow && (config.cells.length === 0 || config.cells.includes('openai'));
  if (workersRowWanted && !supportsWorkers) notes.push('No gateway --workers 2 row: this build of the gateway has no serve --workers.');
  if (workersRowWanted && supportsWorkers) {
    // The same gateway in one process, under the same unpinned conditions: what the second worker is measured against.
    const rows: GatewayStart[] = [
      { name: 'gateway-one', label: 'gateway, unpinned', workers: 1, cpuList: pinning.all, unpinned: true, inspectPort: undefined },
      { name: 'gateway-workers', label: 'gateway --workers 2', workers: 2, cpuList: pinning.all, unpinned: true, inspectPort: undefined },
    ];
    for (const row of rows) {
      const extra = await startOne(config, pinning, fakeOrigin, children, notes, started, row);
      if (extra !== undefined) extra.target.onlyCells = ['openai'];
    }
    notes.push(
      'gateway, unpinned and gateway --workers 2 (passthrough cell only) run with pinning off for their rows: the gateway, wrk and the fake upstream share both cores. --workers 2 is judged against the one-process gateway under those same conditions; its ratio to the pinned one-core bare proxy is shown as well.',
    );
  }
  return started;
}

async function startOne(
  config: BenchConfig,
  pinning: CpuPinning,
  fakeOrigin: string,
  children: ChildServer[],
  notes: string[],
  started: StartedTargets,
  start: GatewayStart,
): Promise<{ server: GatewayServer; target: Target } | undefined> {
  try {
    const server = await startGateway({
      upstreamOrigin: fakeOrigin,
      inspectPort: start.inspectPort,
      pinning,
      cpuList: start.cpuList,
      workers: start.workers,
      logLevel: config.gatewayLogLevel,
    });
    children.push(server);
    let apiKey = benchMasterKey;
    if (config.key === 'virtual') {
      apiKey = await createVirtualKey(server.origin, benchMasterKey);
      await waitForKey(server.origin, apiKey, start.workers * 2, 10_000);
    }
    const target: Target = { name: start.name, label: start.label, origin: server.origin, pid: server.pid, apiKey, unpinned: start.unpinned };
    started.targets.push(target);
    return { server, target };
  } catch (error) {
    const onlyCells = start.name === 'gateway-workers' || start.name === 'gateway-one' ? { onlyCells: ['openai' as const] } : {};
    started.missing.push({ name: start.name, label: start.label, reason: `${start.label} not running: ${firstLine(error)}`, ...onlyCells });
    notes.push(`${start.label} did not start, its rows are FAIL: ${oneLine(error)}`);
    return undefined;
  }
}
