/**
 * The V8 flags a gateway process runs with: `npm start`, the `switchyard` bin's shebang and every
 * `serve --workers` worker pass them (node-flags.test.ts keeps the three in step). V8 reads them
 * only when the process starts, so they cannot be set from inside.
 *
 * `--max-semi-space-size=4`: the young generation stops at 2 × 4 MB instead of 2 × 16 MB. Start-up
 * (config, schemas, migrations) grew it to the full 32 MB, which V8 keeps committed for the life of
 * the process: ~25 MB of a gateway's RSS, idle or under load. Calls are small and short-lived.
 * `--heap-growing-percent=20`: after a full collection the old generation may grow by a fifth before
 * the next, instead of V8's own factor (up to 4× when the heap grows fast). With 1,000 streams open
 * round after round, the old generation otherwise rose ~10–60 MB a round with garbage that a
 * collection frees at once (a forced GC after each round finds the heap flat): RSS that only looked
 * like a leak. Both measured in `npm run bench` (README "Memory"); CPU per call showed no change
 * beyond this machine's noise.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=20'];

/** `execArgv` with the flags added where the process was started without them (cluster workers inherit it). */
export function withNodeFlags(execArgv: readonly string[]): string[] {
  const names = new Set(execArgv.map((argument) => argument.split('=')[0]));
  return [...execArgv, ...NODE_FLAGS.filter((flag) => !names.has(flag.split('=')[0]))];
}
