/**
 * The JSON text a parsed value came from, when it can be sent on as it is. When an upstream answer
 * is already exactly what the client's API says (a conformant vendor's chunk or completion),
 * serialising the parsed object again is pure cost: the text is remembered beside the object, and
 * the encoder writes it unchanged. Only ever set on an object no one mutates afterwards.
 */
const RAW_JSON = new WeakMap<object, string>();

export function withRawJson<T extends object>(value: T, json: string): T {
  RAW_JSON.set(value, json);
  return value;
}

export function rawJsonOf(value: object): string | undefined {
  return RAW_JSON.get(value);
}
