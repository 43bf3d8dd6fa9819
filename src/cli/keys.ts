/** `switchyard keys create|list|revoke`, straight against the configured store. */
import type { Environment } from '../config/load-config.js';
import { ConfigError } from '../config/load-config.js';
import { GatewayError } from '../core/errors.js';
import type { CreateKeyInput } from '../keys/key-input.js';
import { createKeySchema } from '../keys/key-input.js';
import type { KeyView } from '../keys/key-service.js';
import { parseDuration } from '../usage/parse-time.js';
import { parseOptions } from './options.js';
import { formatTable } from './table.js';
import { withStore } from './with-store.js';

const createOptions = {
  name: { type: 'string' },
  budget: { type: 'string' },
  'budget-period': { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  models: { type: 'string' },
  expires: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function runKeys(argv: string[], env: Environment): Promise<number> {
  const [action, ...rest] = argv;
  const { common, values, positionals } = parseOptions(rest, createOptions);
  return withStore(env, common, async (_store, keys) => {
    try {
      switch (action) {
        case 'create': {
          const created = await keys.create(createInput(values));
          if (values.json === true) process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
          else {
            process.stdout.write(`Created key ${created.id} (${created.name}). The secret is shown only this once:\n\n  ${created.key}\n\n`);
            process.stdout.write(describeLimits(created));
          }
          return 0;
        }
        case 'list': {
          const list = await keys.list();
          if (values.json === true) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          else if (list.length === 0) process.stdout.write('No keys yet. Create one with: switchyard keys create --name NAME\n');
          else process.stdout.write(formatTable(['id', 'name', 'prefix', 'models', 'rpm', 'tpm', 'budget', 'spend', 'status'], list.map(keyRow)));
          return 0;
        }
        case 'revoke': {
          const id = positionals[0];
          if (id === undefined) throw new ConfigError('Usage: switchyard keys revoke ID');
          const revoked = await keys.revoke(id);
          process.stdout.write(`Revoked ${revoked.id} (${revoked.name}).\n`);
          return 0;
        }
        default:
          throw new ConfigError('Usage: switchyard keys create --name N [--budget USD] [--budget-period day|week|month] [--rpm N] [--tpm N] [--models a,b] [--expires 30d]\n       switchyard keys list\n       switchyard keys revoke ID');
      }
    } catch (error) {
      if (error instanceof GatewayError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
  });
}

function createInput(values: Record<string, string | boolean | undefined>): CreateKeyInput {
  const number = (name: string): number | undefined => {
    const raw = values[name];
    if (typeof raw !== 'string') return undefined;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) throw new ConfigError(`--${name} must be a non-negative number`);
    return parsed;
  };
  let expiresAt: string | undefined;
  if (typeof values.expires === 'string') {
    const duration = parseDuration(values.expires);
    if (duration === null) throw new ConfigError('--expires takes a duration such as 30d, 12h or 2w');
    expiresAt = new Date(Date.now() + duration).toISOString();
  }
  const input = {
    name: values.name,
    ...(typeof values.models === 'string' ? { models: values.models.split(',').map((model) => model.trim()).filter(Boolean) } : {}),
    ...(number('rpm') === undefined ? {} : { rpm: number('rpm') }),
    ...(number('tpm') === undefined ? {} : { tpm: number('tpm') }),
    ...(number('budget') === undefined ? {} : { budget_usd: number('budget') }),
    ...(typeof values['budget-period'] === 'string' ? { budget_period: values['budget-period'] } : {}),
    ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
  };
  const parsed = createKeySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid ${issue?.path.join('.') === 'name' ? '--name (required)' : (issue?.path.join('.') ?? 'input')}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

function describeLimits(key: KeyView): string {
  const parts = [
    key.models === null ? 'all models' : `models: ${key.models.join(', ')}`,
    key.rpm === null ? null : `${key.rpm} requests/min`,
    key.tpm === null ? null : `${key.tpm} tokens/min`,
    key.budget_usd === null ? null : `budget $${key.budget_usd}${key.budget_period === null ? '' : ` per ${key.budget_period}`}`,
    key.expires_at === null ? null : `expires ${key.expires_at}`,
  ].filter((part): part is string => part !== null);
  return `Limits: ${parts.join('; ')}\n`;
}

function keyRow(key: KeyView): string[] {
  const expired = key.expires_at !== null && new Date(key.expires_at).getTime() <= Date.now();
  return [
    key.id,
    key.name,
    `${key.key_prefix}…`,
    key.models === null ? '*' : key.models.join(','),
    key.rpm === null ? '-' : String(key.rpm),
    key.tpm === null ? '-' : String(key.tpm),
    key.budget_usd === null ? '-' : `$${key.budget_usd}${key.budget_period === null ? '' : `/${key.budget_period}`}`,
    `$${key.spend_usd.toFixed(4)}`,
    key.revoked_at !== null ? 'revoked' : expired ? 'expired' : 'active',
  ];
}
