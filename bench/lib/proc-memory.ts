/** Resident memory of a process from /proc/<pid>/status (Linux): current (VmRSS) and peak (VmHWM). */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  rssMb: number;
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
