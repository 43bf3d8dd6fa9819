/**
 * CPU seconds a process has used (user + system), from /proc/<pid>/stat (Linux), alone or summed
 * over its process tree (workers). On a shared, noisy machine the CPU a server spends per request is
 * steadier than its requests per second.
 */
import { readFileSync } from 'node:fs';
import { processTree } from './process-tree.js';

/** Kernel clock ticks per second as user space sees them (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

export function readCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return (user + system) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** The sum over `root` and its descendants alive now. */
export function readTreeCpuSeconds(root: number): number {
  return processTree(root)
    .map(readCpuSeconds)
    .filter((seconds) => Number.isFinite(seconds))
    .reduce((sum, seconds) => sum + seconds, 0);
}
