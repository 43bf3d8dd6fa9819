/**
 * Memory of the proxies (not the fake upstream), summed over each one's processes (workers):
 * idle, after the load cells, and while many slow streams are held open, round after round (growth
 * of the post-round RSS between rounds hints at a leak). The slow streams run on undici in this
 * process whatever the load generator of the cells is.
 */
import type { BenchConfig } from './bench-config.js';
import type { Cell, Target, TargetName } from './cells.js';
import { setStreamDefaults } from './fake-control.js';
import { processTree } from './process-tree.js';
import { readTreeMemory } from './proc-memory.js';
import type { MemoryResult } from './results.js';
import { holdSlowStreams, type SlowStreamRound } from './slow-streams.js';
import { judgeMemory } from './verdicts.js';

export interface WatchedProcess {
  target: Target;
  idleRssMb: number;
}

export async function measureMemory(
  config: BenchConfig,
  streamCell: Cell,
  processes: WatchedProcess[],
  fakeOrigin: string,
): Promise<MemoryResult[]> {
  const afterLoad = new Map<TargetName, number>();
  for (const watched of processes) afterLoad.set(watched.target.name, readTreeMemory(watched.target.pid).rssMb);
  const rounds = new Map<TargetName, SlowStreamRound[]>();
  if (config.slowStreams > 0) {
    const intervalMs = (config.slowStreamSeconds * 1000) / config.streamChunks;
    await setStreamDefaults(fakeOrigin, { chunks: config.streamChunks, intervalMs });
    const deadlineMs = config.slowStreamSeconds * 4000 + 30_000;
    try {
      for (const watched of processes) {
        const list: SlowStreamRound[] = [];
        for (let round = 1; round <= config.slowStreamRounds; round += 1) {
          const result = await holdSlowStreams(streamCell.request(watched.target), config.slowStreams, deadlineMs, watched.target.pid);
          list.push(result);
          process.stderr.write(
            `slow streams ${watched.target.label} round ${round}: ${result.completed}/${result.streams} ok, at most ${result.peakOpen} open at once, in ${result.seconds.toFixed(1)} s, peak ${result.peakRssMb.toFixed(0)} MB, after ${result.afterRssMb.toFixed(0)} MB\n`,
          );
        }
        rounds.set(watched.target.name, list);
      }
    } finally {
      await setStreamDefaults(fakeOrigin, { chunks: config.streamChunks, intervalMs: 0 });
    }
  }
  return processes.map((watched) => {
    const list = rounds.get(watched.target.name) ?? [];
    const first = list[0]?.afterRssMb ?? Number.NaN;
    const last = list.at(-1)?.afterRssMb ?? Number.NaN;
    const growth = list.length > 1 ? (last - first) / first : 0;
    const peakRssMb = readTreeMemory(watched.target.pid).peakRssMb;
    const completedAll = list.every((round) => round.completed === round.streams);
    const peakOpen = Math.max(0, ...list.map((round) => round.peakOpen));
    const streamsPeakRssMb = Math.max(...list.map((round) => round.peakRssMb));
    const verdict =
      watched.target.name === 'gateway'
        ? judgeMemory(streamsPeakRssMb, list.length === 0 ? 0 : peakOpen, growth, completedAll)
        : { status: 'info' as const, reason: '' };
    return {
      target: watched.target.name,
      processes: processTree(watched.target.pid).length,
      idleRssMb: watched.idleRssMb,
      afterLoadRssMb: afterLoad.get(watched.target.name) ?? Number.NaN,
      peakRssMb,
      slowStreamRounds: list,
      growth,
      verdict,
    };
  });
}
