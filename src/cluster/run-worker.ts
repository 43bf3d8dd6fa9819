/**
 * One gateway worker of `serve --workers N`: the normal gateway on the port the cluster shares, with
 * its shared state (limits without Redis, key changes, cooldowns, metrics) reached through the
 * primary. It stops gracefully when the primary asks or a signal arrives (a terminal's Ctrl-C
 * reaches every process of the group: one stop only), then leaves the cluster.
 */
import cluster from 'node:cluster';
import { createApp, type App } from '../app/create-app.js';
import type { Config } from '../config/config.js';
import { processPort } from './ipc-ports.js';
import { WorkerLink } from './worker-link.js';

export async function runWorker(config: Config): Promise<number> {
  const worker = cluster.worker;
  if (worker === undefined) throw new Error('runWorker runs in a cluster worker only');
  let warn: (error: unknown) => void = () => undefined;
  const link = new WorkerLink(processPort(), { workerId: worker.id, onError: (error) => warn(error) });
  const started = await start(config, link).catch((error: unknown) => {
    // The IPC channel would keep this process alive: leave, and the primary stops the cluster.
    process.stderr.write(`Gateway worker ${worker.id} could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  const { app, address } = started;
  warn = (error) => app.server.log.warn({ err: error }, 'cluster channel');
  link.listening(address);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return; // the primary enforces the deadline
      stopping = true;
      app.server.log.info({ reason, worker: worker.id, grace_ms: config.server.shutdownGraceMs }, 'worker shutting down: finishing requests in flight');
      app.close(config.server.shutdownGraceMs).then(resolve, (error: unknown) => {
        app.server.log.error({ err: error }, 'error while shutting down');
        resolve();
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    link.onShutdown(() => stop('cluster shutdown'));
  });
  link.close();
  // Leave the cluster (the primary restarts the worker unless the whole cluster is stopping); anything
  // still holding the event loop open, such as a pooled socket, must not keep the process alive.
  setTimeout(() => process.exit(0), 2000).unref();
  worker.disconnect();
  return 0;
}

async function start(config: Config, link: WorkerLink): Promise<{ app: App; address: string }> {
  const app = await createApp(config, { worker: link });
  try {
    return { app, address: await app.server.listen({ host: config.server.host, port: config.server.port }) };
  } catch (error) {
    await app.close(0).catch(() => undefined);
    throw error;
  }
}
