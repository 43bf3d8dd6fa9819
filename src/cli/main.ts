/** `switchyard <command>`: the only entry point; it hands process.env to the config loader. */
import { ConfigError } from '../config/load-config.js';
import { runServe } from './serve.js';
import { runModels } from './models.js';
import { runCheck } from './check.js';
import { runKeys } from './keys.js';
import { runUsage } from './usage.js';

const USAGE = `Usage: switchyard <command> [options]

Commands:
  serve [--config FILE] [--port N] [--host H] [--workers N|auto]
                                                run the gateway (N processes sharing the port)
  models [--config FILE]                        the models this configuration can serve
  check [--config FILE]                         validate the config and list configured providers
  keys create --name N [--budget USD] [--budget-period day|week|month] [--rpm N] [--tpm N]
              [--models a,b] [--expires 30d] [--json]
                                                print a new key (shown once)
  keys list [--json] | keys revoke ID           manage keys
  usage [--key ID] [--since 7d] [--until DATE] [--by model|key|day] [--json]
                                                a usage and cost table
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
      case 'keys':
        return await runKeys(rest, process.env);
      case 'usage':
        return await runUsage(rest, process.env);
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
