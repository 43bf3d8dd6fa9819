/**
 * Starts the three servers the benchmark compares, each in its own process: the fake upstream,
 * the bare Fastify+undici proxy and the Switchyard gateway (built output, all features on).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickFreePort, startChildServer, type ChildServer } from './child-server.js';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const benchMasterKey = 'sk-bench-master-0123456789abcdef0123456789abcdef';

function baseEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

export async function startFakeUpstream(): Promise<ChildServer> {
  const port = await pickFreePort();
  return startChildServer({
    name: 'fake upstream',
    args: ['--import', 'tsx', join(repositoryRoot, 'bench', 'fake-upstream.ts'), '--port', String(port)],
    env: baseEnvironment(),
    cwd: repositoryRoot,
    port,
    readyTimeoutMs: 20_000,
  });
}

export async function startBareProxy(upstreamOrigin: string): Promise<ChildServer> {
  const port = await pickFreePort();
  return startChildServer({
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
}

export async function startGateway(options: GatewayOptions): Promise<ChildServer> {
  const port = await pickFreePort();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
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
  const gateway = await startChildServer({
    name: 'gateway',
    args: [...profiling, join(repositoryRoot, 'bin', 'switchyard.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
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
      SWITCHYARD_LOG_LEVEL: 'warn',
      SWITCHYARD_CONFIG: configPath,
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
  return { ...gateway, stop };
}
