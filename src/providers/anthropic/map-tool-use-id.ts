/**
 * Anthropic requires `tool_use.id` and `tool_result.tool_use_id` to match `^[a-zA-Z0-9_-]+$`
 * (a 400 "String should match pattern" otherwise; https://docs.claude.com/en/api/messages). Ids made
 * by other providers need not (Moonshot's `functions.get_weather:0`), and a conversation may move to
 * Claude mid-way. Such an id becomes `toolu_` + 24 characters of its SHA-256 (base64url); the mapping
 * depends on the id alone, so a tool_use and its tool_result stay paired. Conforming ids — OpenAI's,
 * Anthropic's own, and Gemini's carrying a thought signature (src/providers/gemini/thought-signature-id.ts)
 * — pass unchanged.
 */
import { createHash } from 'node:crypto';

const ANTHROPIC_TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;

export function mapToolUseId(id: string): string {
  if (ANTHROPIC_TOOL_USE_ID.test(id)) return id;
  return `toolu_${createHash('sha256').update(id).digest('base64url').slice(0, 24)}`;
}
