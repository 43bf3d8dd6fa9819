import cluster from 'node:cluster';
import { createApp } from '../app/create-app.js';
import { runPrimary } from '../cluster/run-primary.js';
import { runWorker } from '../cluster/run-worker.js';
import type { Config } from '../config/config.js';
import { loadConfig, type Environment } from '../config/load-config.js';
import { parseOptions } from './options.js';

export async function runServe(argv: string[], env: Environment): Promise<number> {
  const { common, values } = parseOptions(argv, { workers: { type: 'string' } });
  const config = loadConfig({ env, ...common, workers: typeof values.workers === 'string' ? values.workers : undefined });
  // `--workers N`: a primary forks N gateway workers (src/cluster); the workers get here with the same argv.
  if (cluster.isWorker && config.server.workers > 1) return runWorker(config);
  if (config.server.workers > 1) return runPrimary(config, (address, generatedMasterKey) => printBanner(config, address, generatedMasterKey));

  const app = await createApp(config);
  const address = await app.server.listen({ host: config.server.host, port: config.server.port });
  printBanner(config, address, app.generatedMasterKey);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        app.server.log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      app.server.log.info({ signal, grace_ms: config.server.shutdownGraceMs }, 'shutting down: finishing requests in flight');
      app.close(config.server.shutdownGraceMs).then(resolve, (error: unknown) => {
        app.server.log.error({ err: error }, 'error while shutting down');
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

function printBanner(config: Config, address: string, generatedMasterKey: string | null): void {
  const providers = [...config.providers.keys()];
  const lines = [`Switchyard listening on ${address}`];
  if (config.server.workers > 1) lines.push(`Workers: ${config.server.workers} (one process each, sharing the port)`);
  lines.push(`Console: ${address}/ui`);
  lines.push(`Providers configured: ${providers.length > 0 ? providers.join(', ') : 'none (set OPENAI_API_KEY, ANTHROPIC_API_KEY, …)'}`);
  if (generatedMasterKey !== null) {
    lines.push('', 'Generated master key (shown once; set SWITCHYARD_MASTER_KEY to choose your own):', `  ${generatedMasterKey}`, '');
  }
  // One write: a reader that sees the first line sees the whole banner (a pipe may split writes).
  process.stdout.write(`${lines.join('\n')}\n`);
}
