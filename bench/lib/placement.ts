/**
 * Puts the processes of one measured row on their CPUs (cpu-pinning.ts): for a proxy row the fake
 * upstream sits with the load generator; for the `direct` row the fake upstream *is* the system
 * under test and moves to the SUT CPUs; an unpinned row (`gateway --workers 2`) spreads everything
 * over every CPU. Returns the CPU list the load generator runs on.
 */
import type { Target } from './cells.js';
import { moveProcess, type CpuPinning } from './cpu-pinning.js';

export interface Placer {
  pinning: CpuPinning;
  /** Places the upstream for `target`; resolves to the load generator's CPU list. */
  place(target: Target): Promise<string>;
  /** The upstream back on its own CPUs. */
  reset(): Promise<void>;
}

export function createPlacer(pinning: CpuPinning, upstreamPid: number): Placer {
  let upstreamOn = pinning.upstream;
  const moveUpstream = async (cpuList: string): Promise<void> => {
    if (cpuList === upstreamOn) return;
    await moveProcess(pinning, upstreamPid, cpuList);
    upstreamOn = cpuList;
  };
  return {
    pinning,
    place: async (target) => {
      if (target.unpinned) {
        await moveUpstream(pinning.all);
        return pinning.all;
      }
      await moveUpstream(target.name === 'direct' ? pinning.sut : pinning.upstream);
      return pinning.load;
    },
    reset: () => moveUpstream(pinning.upstream),
  };
}
