/** `switchyard <command>`: the only entry point; it hands process.env to the config loader. */
import { ConfigError } from '../config/load-config.js';
import { runServe } from './serve.js';
import { runModels } from './models.js';
import { runCheck } from './check.js';

const USAGE = `Usage: switchyard <command> [options]

Commands:
  serve [--config FILE] [--port N] [--host H]   run the gateway
  models [--config FILE]                        the models this configuration can serve
  check [--config FILE]                         validate the config and list configured providers
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await runServe(rest, process.env);
      case 'models':
        return await runModels(rest, process.env);
      case 'check':
        return await runCheck(rest, process.env);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
