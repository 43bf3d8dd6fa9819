/**
 * Resident memory from /proc/<pid>/status (Linux): current (VmRSS) and peak (VmHWM), of one process
 * or summed over a server's process tree (its workers included).
 */
import { readFileSync } from 'node:fs';
import { processTree } from './process-tree.js';

export interface ProcessMemory {
  rssMb: number;
  /** VmHWM; over a tree, the sum of each process's own peak (an upper bound of the tree's peak). */
  peakRssMb: number;
}

function fieldKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

export function readProcessMemory(pid: number): ProcessMemory {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rssMb: fieldKb(status, 'VmRSS') / 1024, peakRssMb: fieldKb(status, 'VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakRssMb: Number.NaN };
  }
}

/** The sum over `root` and its descendants alive now. */
export function readTreeMemory(root: number): ProcessMemory {
  const parts = processTree(root).map(readProcessMemory).filter((memory) => Number.isFinite(memory.rssMb));
  if (parts.length === 0) return { rssMb: Number.NaN, peakRssMb: Number.NaN };
  return {
    rssMb: parts.reduce((sum, memory) => sum + memory.rssMb, 0),
    peakRssMb: parts.reduce((sum, memory) => sum + memory.peakRssMb, 0),
  };
}
