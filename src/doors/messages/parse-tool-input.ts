/**
 * Canonical tool-call `arguments` (a JSON string) → an Anthropic `tool_use.input`, which must be an
 * object: empty arguments (a no-argument call) are `{}`, and arguments that are not a JSON object are
 * kept under `raw_arguments` rather than lost, so the client's tool can report the problem.
 */
export function parseToolInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { raw_arguments: text };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { raw_arguments: text };
  return Object.fromEntries(Object.entries(parsed));
}
