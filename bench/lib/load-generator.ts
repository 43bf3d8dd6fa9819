/**
 * Picks the load generator: wrk when it is on PATH (BENCH_LOAD=auto, the default) or asked for,
 * autocannon otherwise, and runs it on the load CPUs: wrk is started under taskset, autocannon runs
 * in this process, which is moved there.
 */
import { spawnSync } from 'node:child_process';
import { runAutocannon } from './autocannon-load.js';
import type { LoadChoice } from './bench-config.js';
import { moveProcess, type CpuPinning } from './cpu-pinning.js';
import type { BenchRequest } from './http-request.js';
import type { LoadMeasurement } from './load-measurement.js';
import { runWrk } from './wrk-load.js';

export interface LoadGenerator {
  name: 'wrk' | 'autocannon';
  /** For the results: the tool and how it is driven. */
  description: string;
  /** One run of `durationSeconds` on `cpuList` (taskset syntax). */
  run(request: BenchRequest, connections: number, durationSeconds: number, cpuList: string): Promise<LoadMeasurement>;
}

function wrkVersion(): string | undefined {
  const result = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (result.error !== undefined) return undefined;
  return /wrk\s+(\S+)/.exec(`${result.stdout}${result.stderr}`)?.[1] ?? 'unknown version';
}

export function chooseLoadGenerator(choice: LoadChoice, pinning: CpuPinning, scriptDirectory: string): { generator: LoadGenerator; hint?: string } {
  const version = choice === 'autocannon' ? undefined : wrkVersion();
  if (version !== undefined) {
    return {
      generator: {
        name: 'wrk',
        description: `wrk ${version}, 1 thread, Lua script per cell`,
        run: (request, connections, seconds, cpuList) =>
          runWrk(request, connections, seconds, { prefix: pinning.enabled ? ['taskset', '-c', cpuList] : [], scriptDirectory }),
      },
    };
  }
  let placedOn: string | undefined;
  const generator: LoadGenerator = {
    name: 'autocannon',
    description: 'autocannon 9, programmatic, in the bench process',
    run: async (request, connections, seconds, cpuList) => {
      if (placedOn !== cpuList) await moveProcess(pinning, process.pid, cpuList);
      placedOn = cpuList;
      return runAutocannon(request, connections, seconds);
    },
  };
  const hint = choice === 'autocannon' ? undefined : 'wrk not found, using autocannon (its CPU cost caps the direct row): apt-get install wrk';
  return hint === undefined ? { generator } : { generator, hint };
}
