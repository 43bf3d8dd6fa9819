/**
 * Codex groups tools into `namespace` tools (`{type:"namespace", name:"multi_agent_v1", tools:[…]}`),
 * which only OpenAI understands. Translated, each becomes a plain function named
 * `<namespace>__<name>`; the model's calls to it come back as `name` + `namespace` again
 * (`function_call.namespace` in the Responses API). Providers accept function names of
 * `[a-zA-Z0-9_-]{1,64}`, so a longer or odd pair is shortened with a hash of the original, and the
 * same pair always gets the same name (history items are flattened without the tools at hand).
 */
import { createHash } from 'node:crypto';
import { FUNCTION_NAME } from './request-schema.js';

export interface NamespacedName {
  namespace: string;
  name: string;
}

/** Flattened function name → the namespaced tool it stands for. */
export type ToolNameMap = ReadonlyMap<string, NamespacedName>;

const SEPARATOR = '__';
const MAX = 64;

export function flattenToolName(namespace: string, name: string): string {
  const plain = `${namespace}${SEPARATOR}${name}`;
  if (FUNCTION_NAME.test(plain)) return plain;
  const hash = createHash('sha256').update(`${namespace}\u0000${name}`).digest('hex').slice(0, 8);
  const readable = plain.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, MAX - hash.length - 1);
  return `${readable}_${hash}`;
}

/** A tool call's name as the client declared it: namespaced when the flat name is one of ours. */
export function restoreToolName(flat: string, names: ToolNameMap): { name: string; namespace?: string } {
  const original = names.get(flat);
  return original === undefined ? { name: flat } : { name: original.name, namespace: original.namespace };
}
