/**
 * Starts the three servers the benchmark compares, each in its own process on its own CPUs: the
 * fake upstream, the bare Fastify+undici proxy and the Switchyard gateway (built output, all
 * features on: default log level to a file, SQLite store, metrics, limits checked per request).
 */
import { NODE_FLAGS } from '../../src/cli/node-flags.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickFreePort, startChildServer, type ChildServer } from './child-server.js';
import type { CpuPinning } from './cpu-pinning.js';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const benchMasterKey = 'sk-bench-master-0123456789abcdef0123456789abcdef';

function baseEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

export async function startFakeUpstream(pinning: CpuPinning): Promise<ChildServer> {
  const port = await pickFreePort();
  return startChildServer({
    pinning,
    cpuList: pinning.upstream,
    name: 'fake upstream',
    args: ['--import', 'tsx', join(repositoryRoot, 'bench', 'fake-upstream.ts'), '--port', String(port)],
    env: baseEnvironment(),
    cwd: repositoryRoot,
    port,
    readyTimeoutMs: 20_000,
  });
}

export async function startBareProxy(upstreamOrigin: string, pinning: CpuPinning): Promise<ChildServer> {
  const port = await pickFreePort();
  return startChildServer({
    pinning,
    cpuList: pinning.sut,
    name: 'bare proxy',
    args: ['--import', 'tsx', join(repositoryRoot, 'bench', 'bare-proxy.ts'), '--port', String(port), '--upstream', upstreamOrigin],
    env: baseEnvironment(),
    cwd: repositoryRoot,
    port,
    readyTimeoutMs: 20_000,
  });
}

export interface GatewayOptions {
  upstreamOrigin: string;
  /** Port for the gateway's inspector (to profile it), or undefined for none. */
  inspectPort: number | undefined;
  pinning: CpuPinning;
  /** taskset CPU list (its workers inherit it). */
  cpuList: string;
  /** `serve --workers N`; 1 passes no flag. */
  workers: number;
  /** SWITCHYARD_LOG_LEVEL, or undefined for the gateway's default. */
  logLevel: string | undefined;
}

export interface GatewayServer extends ChildServer {
  /** Where the gateway's stdout and stderr go (its request log). */
  logPath: string;
}

export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const port = await pickFreePort();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const logPath = join(dataDirectory, 'gateway.log');
  const profiling = options.inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${options.inspectPort}`];
  // A model with two deployments, one of them failing every other call (the failover cell).
  const configPath = join(dataDirectory, 'switchyard.yaml');
  writeFileSync(
    configPath,
    [
      'providers:',
      `  flaky: { type: openai-compatible, base_url: "${options.upstreamOrigin}/flaky/v1", api_key: bench }`,
      'models:',
      '  - name: failover',
      '    targets: [{ provider: openai, model: gpt-4o }, { provider: flaky, model: gpt-4o }]',
      'routing: { retries: 2, cooldown_s: 0 }',
      '',
    ].join('\n'),
  );
  const workers = options.workers > 1 ? ['--workers', String(options.workers)] : [];
  const gateway = await startChildServer({
    name: options.workers > 1 ? `gateway --workers ${options.workers}` : 'gateway',
    pinning: options.pinning,
    cpuList: options.cpuList,
    outputFile: logPath,
    // As `npm start` runs it: with the gateway's V8 flags (src/cli/node-flags.ts).
    args: [...NODE_FLAGS, ...profiling, join(repositoryRoot, 'bin', 'switchyard.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', ...workers],
    env: {
      ...baseEnvironment(),
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: `${options.upstreamOrigin}/v1`,
      ANTHROPIC_API_KEY: 'bench',
      ANTHROPIC_BASE_URL: options.upstreamOrigin,
      GEMINI_API_KEY: 'bench',
      GEMINI_BASE_URL: options.upstreamOrigin,
      SWITCHYARD_MASTER_KEY: benchMasterKey,
      SWITCHYARD_DATABASE_URL: `sqlite:${join(dataDirectory, 'bench.db')}`,
      SWITCHYARD_CONFIG: configPath,
      ...(options.logLevel === undefined ? {} : { SWITCHYARD_LOG_LEVEL: options.logLevel }),
    },
    cwd: repositoryRoot,
    port,
    readyTimeoutMs: 30_000,
  }).catch((error: unknown) => {
    rmSync(dataDirectory, { recursive: true, force: true });
    throw error;
  });
  const stop = async (): Promise<void> => {
    await gateway.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  };
  return { ...gateway, logPath, stop };
}
