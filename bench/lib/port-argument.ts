/** `--port N` from a child's argv (the benchmark picks free ports and hands them down). */
export function readPortArgument(argv: string[]): number {
  const flag = argv.indexOf('--port');
  const value = flag === -1 ? undefined : argv[flag + 1];
  const port = value === undefined ? Number.NaN : Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error('usage: --port N (1-65535)');
  return port;
}
