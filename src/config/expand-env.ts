/**
 * `${VAR}` and `${VAR:-default}` in the YAML config. The placeholders are swapped for inert tokens
 * before parsing (so `{ api_key: ${KEY} }` in a flow map parses, as in design.md) and the values are
 * put back into the parsed strings afterwards, so a variable's value can never change the structure
 * of the document. A scalar that is only a placeholder takes a number or boolean when the value is one.
 */
const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const TOKEN = /__SWITCHYARD_ENV_(\d+)__/g;
const WHOLE_TOKEN = /^__SWITCHYARD_ENV_(\d+)__$/;

export type Environment = Readonly<Record<string, string | undefined>>;

export interface Placeholders {
  text: string;
  values: string[];
}

export function extractPlaceholders(text: string, env: Environment): Placeholders {
  const values: string[] = [];
  const replaced = text.replace(PATTERN, (_match, name: string, fallback: string | undefined) => {
    const found = env[name];
    values.push(found !== undefined && found !== '' ? found : (fallback ?? ''));
    return `__SWITCHYARD_ENV_${values.length - 1}__`;
  });
  return { text: replaced, values };
}

export function restorePlaceholders(value: unknown, values: readonly string[]): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_TOKEN.exec(value);
    if (whole) {
      const raw = values[Number(whole[1])] ?? '';
      if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return raw;
    }
    return value.replace(TOKEN, (_match, index: string) => values[Number(index)] ?? '');
  }
  if (Array.isArray(value)) return value.map((item) => restorePlaceholders(item, values));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = restorePlaceholders(item, values);
    return out;
  }
  return value;
}
