/** Time to first byte of a paced stream through each target, compared with direct. */
import type { BenchConfig } from './bench-config.js';
import type { Cell, Target } from './cells.js';
import { setStreamDefaults } from './fake-control.js';
import type { Placer } from './placement.js';
import { probe } from './probe.js';
import type { TtfbResult } from './results.js';
import { measureTtfb } from './ttfb.js';
import { judgeFirstByte } from './verdicts.js';

/** Chunk pace of the TTFB stream: slow enough that buffering shows, fast enough for many samples. */
const intervalMs = 1;

export async function measureFirstByte(
  config: BenchConfig,
  streamCell: Cell,
  targets: Target[],
  fakeOrigin: string,
  placer: Placer,
): Promise<TtfbResult[]> {
  await setStreamDefaults(fakeOrigin, { chunks: config.streamChunks, intervalMs });
  const results: TtfbResult[] = [];
  try {
    for (const target of targets) {
      const request = streamCell.request(target);
      await placer.place(target);
      const probeResult = await probe(request);
      const measurement = await measureTtfb(request, config.ttfbSamples, 60_000);
      results.push({ target: target.name, probe: probeResult, measurement, addedMs: Number.NaN, verdict: { status: 'info', reason: '' } });
      process.stderr.write(`ttfb ${target.label}: p50 ${measurement.ttfbP50Ms.toFixed(3)} ms\n`);
    }
  } finally {
    await placer.reset();
    await setStreamDefaults(fakeOrigin, { chunks: config.streamChunks, intervalMs: 0 });
  }
  const direct = results.find((result) => result.target === 'direct')?.measurement;
  const directBuffered = direct !== undefined && direct.ttfbP50Ms > direct.totalP50Ms * 0.5;
  return results.map((result) => {
    const addedMs = result.measurement.ttfbP50Ms - (direct?.ttfbP50Ms ?? Number.NaN);
    if (result.target !== 'gateway') return { ...result, addedMs };
    if (!result.probe.ok || result.measurement.samples === 0) {
      return { ...result, addedMs, verdict: { status: 'fail', reason: `no successful stream (${result.measurement.failures} failed)` } };
    }
    const verdict = judgeFirstByte(addedMs, result.measurement.ttfbP50Ms, result.measurement.totalP50Ms, directBuffered);
    return { ...result, addedMs, verdict };
  });
}
