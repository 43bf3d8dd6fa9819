/**
 * Keeps the load generator off the system under test's cores with `taskset` (util-linux), so the
 * proxy is measured, not the fight for a core. BENCH_PIN="sut=0,load=1,upstream=1" (the default on
 * a machine with two or more CPUs) or BENCH_PIN=off. A CPU list is taskset's `-c` syntax with `+`
 * for the comma (`sut=0+2`, or a range `sut=0-1`).
 * - sut: the proxy measured (bare, gateway); for the `direct` rows the fake upstream moves here.
 * - load: wrk (or, with autocannon, the bench process itself).
 * - upstream: the fake upstream while a proxy is measured (it is cheap next to wrk).
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CpuPinning {
  enabled: boolean;
  /** CPU lists in taskset -c syntax. */
  sut: string;
  load: string;
  upstream: string;
  /** Every CPU: what an unpinned row gets. */
  all: string;
  /** What the results record: the layout, or why there is none. */
  description: string;
}

/** Where each process of one measured row runs. `undefined` CPUs mean: leave it alone. */
export interface RowPlacement {
  load: string | undefined;
  upstream: string | undefined;
}

const roles = ['sut', 'load', 'upstream'] as const;
type Role = (typeof roles)[number];

function hasTaskset(): boolean {
  const result = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  return result.error === undefined;
}

function validList(list: string, cpuCount: number): boolean {
  return list.split(',').every((part) => {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (match === null) return false;
    const high = Number(match[2] ?? match[1]);
    return Number(match[1]) <= high && high < cpuCount;
  });
}

export function parsePinning(raw: string): CpuPinning {
  const cpuCount = cpus().length;
  const all = `0-${Math.max(0, cpuCount - 1)}`;
  const off = (why: string): CpuPinning => ({ enabled: false, sut: all, load: all, upstream: all, all, description: `off (${why})` });
  if (raw === 'off' || raw === '0') return off('BENCH_PIN=off');
  if (raw === '' && cpuCount < 2) return off('one CPU');
  if (!hasTaskset()) return off('taskset not found: apt-get install util-linux');
  const layout: Record<Role, string> = { sut: '0', load: '1', upstream: '1' };
  for (const entry of raw === '' ? [] : raw.split(',')) {
    const [role, list] = entry.split('=').map((part) => part.trim());
    const known = roles.find((name) => name === role);
    const cpuList = (list ?? '').replaceAll('+', ',');
    if (known === undefined || !validList(cpuList, cpuCount)) {
      throw new Error(`BENCH_PIN: "${entry}" is not role=CPUs with role sut, load or upstream and CPUs below ${cpuCount}`);
    }
    layout[known] = cpuList;
  }
  return { enabled: true, ...layout, all, description: `sut=${layout.sut} load=${layout.load} upstream=${layout.upstream}` };
}

/** The command line that starts `command` on `cpuList` (unchanged when pinning is off). */
export function pinnedCommand(pinning: CpuPinning, cpuList: string, command: string, args: string[]): { command: string; args: string[] } {
  if (!pinning.enabled) return { command, args };
  return { command: 'taskset', args: ['-c', cpuList, command, ...args] };
}

/** Moves a running process, all its threads, to `cpuList`. */
export async function moveProcess(pinning: CpuPinning, pid: number, cpuList: string | undefined): Promise<void> {
  if (!pinning.enabled || cpuList === undefined) return;
  await run('taskset', ['-a', '-p', '-c', cpuList, String(pid)]);
}
