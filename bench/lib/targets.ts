/**
 * The targets from /work/shared/performance.md ("Targets": single process, all features on).
 * Ratios are to the bare proxy measured in the same run; absolute floors were set on the older
 * reference machine and are reported alongside.
 */
export const targets = {
  passthroughRatioToBare: 0.75,
  passthroughFloor: 10_000,
  translatedRatioToBare: 0.5,
  translatedFloor: 7_000,
  streamRatioToBare: 0.75,
  streamFloor: 8_000,
  addedP50Ms: 0.25,
  addedP99Ms: 1,
  firstByteAddedMs: 1,
  streamsRssMb: 150,
  streamsConcurrent: 1000,
  rssGrowth: 0.05,
} as const;
