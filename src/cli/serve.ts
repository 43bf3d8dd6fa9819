import { createApp } from '../app/create-app.js';
import { loadConfig, type Environment } from '../config/load-config.js';
import { parseOptions } from './options.js';

export async function runServe(argv: string[], env: Environment): Promise<number> {
  const { common } = parseOptions(argv);
  const config = loadConfig({ env, ...common });
  const app = await createApp(config);
  const address = await app.server.listen({ host: config.server.host, port: config.server.port });
  const providers = [...config.providers.keys()];
  process.stdout.write(`Switchyard listening on ${address}\n`);
  process.stdout.write(`Console: ${address}/ui\n`);
  process.stdout.write(`Providers configured: ${providers.length > 0 ? providers.join(', ') : 'none (set OPENAI_API_KEY, ANTHROPIC_API_KEY, …)'}\n`);
  if (app.generatedMasterKey !== null) {
    process.stdout.write(
      `\nGenerated master key (shown once; set SWITCHYARD_MASTER_KEY to choose your own):\n  ${app.generatedMasterKey}\n\n`,
    );
  }

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
