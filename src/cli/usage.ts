/** `switchyard usage [--key ID] [--since 7d] [--until …] [--by model|key|day]`: an aligned table. */
import { ConfigError, type Environment } from '../config/load-config.js';
import { parseTimeBound } from '../usage/parse-time.js';
import { parseOptions } from './options.js';
import { formatTable } from './table.js';
import { withStore } from './with-store.js';

export async function runUsage(argv: string[], env: Environment): Promise<number> {
  const { common, values } = parseOptions(argv, {
    key: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    by: { type: 'string' },
    json: { type: 'boolean' },
  });
  const by = values.by ?? 'model';
  if (by !== 'model' && by !== 'key' && by !== 'day') throw new ConfigError('--by takes model, key or day');
  const bound = (name: 'since' | 'until') => {
    const raw = values[name];
    if (typeof raw !== 'string') return undefined;
    const date = parseTimeBound(raw);
    if (date === null) throw new ConfigError(`--${name} takes a duration (7d, 24h) or a date (2026-11-01)`);
    return date;
  };
  const since = bound('since') ?? parseTimeBound('30d');
  const until = bound('until');
  const key = typeof values.key === 'string' ? (values.key === 'master' ? null : values.key) : undefined;

  return withStore(env, common, async (store) => {
    const rows = await store.usageReport({
      groupBy: by,
      ...(since === undefined || since === null ? {} : { since }),
      ...(until === undefined ? {} : { until }),
      ...(key === undefined ? {} : { keyId: key }),
    });
    if (values.json === true) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      process.stdout.write('No usage in this period.\n');
      return 0;
    }
    const total = rows.reduce(
      (sum, row) => ({
        requests: sum.requests + row.requests,
        prompt: sum.prompt + row.promptTokens,
        completion: sum.completion + row.completionTokens,
        cost: sum.cost + row.costUsd,
        unpriced: sum.unpriced + row.unpricedRequests,
      }),
      { requests: 0, prompt: 0, completion: 0, cost: 0, unpriced: 0 },
    );
    const body = rows.map((row) => [
      row.group ?? 'master',
      fmt(row.requests),
      fmt(row.promptTokens),
      fmt(row.completionTokens),
      fmt(row.cachedTokens),
      fmt(row.reasoningTokens),
      `$${row.costUsd.toFixed(4)}`,
      row.unpricedRequests > 0 ? `${row.unpricedRequests} unpriced` : '',
    ]);
    body.push(['total', fmt(total.requests), fmt(total.prompt), fmt(total.completion), '', '', `$${total.cost.toFixed(4)}`, total.unpriced > 0 ? `${total.unpriced} unpriced` : '']);
    process.stdout.write(formatTable([by, 'requests', 'prompt', 'completion', 'cached', 'reasoning', 'cost', 'note'], body));
    return 0;
  });
}

const fmt = (value: number) => value.toLocaleString('en-US');
