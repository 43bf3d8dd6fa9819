/**
 * Anthropic thinking blocks ↔ OpenAI-style `reasoning_details` (src/core/reasoning-details.ts).
 * A `thinking` block becomes `{type:"reasoning.text", text, signature}`, a `redacted_thinking`
 * block `{type:"reasoning.encrypted", data}`, both tagged `format: "anthropic-claude-v1"`.
 * On the next request they are rebuilt unchanged and in order, which Anthropic requires for the
 * assistant turn that made tool calls while thinking
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks).
 */
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import type { AnthropicRedactedThinkingBlock, AnthropicThinkingBlock } from './anthropic-request-types.js';

export const ANTHROPIC_REASONING_FORMAT = 'anthropic-claude-v1';

export function thinkingDetail(text: string, signature: string | null, index: number): ReasoningDetail {
  const detail: ReasoningDetail = { type: 'reasoning.text', text, format: ANTHROPIC_REASONING_FORMAT, index };
  if (signature !== null && signature !== '') detail.signature = signature;
  return detail;
}

export function redactedThinkingDetail(data: string, index: number): ReasoningDetail {
  return { type: 'reasoning.encrypted', data, format: ANTHROPIC_REASONING_FORMAT, index };
}

interface Pending {
  order: number;
  text: string;
  signature: string;
  data: string | null;
}

/**
 * Details made by Anthropic → thinking blocks. Details that share an `index` are merged (text
 * concatenated, last signature kept) so clients that accumulate streamed fragments, as OpenRouter
 * clients do, replay correctly. Unsigned thinking cannot be replayed and is skipped; details of
 * other providers (another `format`) are ignored.
 */
export function toThinkingBlocks(
  details: readonly ReasoningDetail[] | null | undefined,
): Array<AnthropicThinkingBlock | AnthropicRedactedThinkingBlock> {
  if (!details) return [];
  const byIndex = new Map<number | string, Pending>();
  details.forEach((detail, position) => {
    if (detail.format !== ANTHROPIC_REASONING_FORMAT) return;
    const key = detail.index ?? `position-${position}`;
    let pending = byIndex.get(key);
    if (pending === undefined) {
      pending = { order: detail.index ?? position, text: '', signature: '', data: null };
      byIndex.set(key, pending);
    }
    if (detail.type === 'reasoning.text') {
      pending.text += detail.text;
      if (detail.signature) pending.signature = detail.signature;
    } else if (detail.type === 'reasoning.encrypted') {
      pending.data = detail.data;
    }
  });
  return [...byIndex.values()]
    .sort((left, right) => left.order - right.order)
    .flatMap((pending): Array<AnthropicThinkingBlock | AnthropicRedactedThinkingBlock> => {
      if (pending.data !== null) return [{ type: 'redacted_thinking', data: pending.data }];
      if (pending.signature === '') return [];
      return [{ type: 'thinking', thinking: pending.text, signature: pending.signature }];
    });
}
