import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load-config.js';

export interface CommonOptions {
  configPath: string | undefined;
  port: number | undefined;
  host: string | undefined;
}

/** Parses `--config/--port/--host` plus the command's own string options. */
export function parseOptions(argv: string[], extra: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' }, port: { type: 'string', short: 'p' }, host: { type: 'string' }, ...extra },
    allowPositionals: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new ConfigError(`--port must be a port number, got ${String(values.port)}`);
  }
  const common: CommonOptions = {
    configPath: typeof values.config === 'string' ? values.config : undefined,
    port,
    host: typeof values.host === 'string' ? values.host : undefined,
  };
  return { common, values: values as Record<string, string | boolean | undefined>, positionals };
}
