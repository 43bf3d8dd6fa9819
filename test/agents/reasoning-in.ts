/**
 * The reasoning an upstream request sends back from earlier assistant turns, in the provider's own
 * shape: Anthropic `thinking` / `redacted_thinking` blocks with their signature
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks),
 * Gemini thought parts and `thoughtSignature`s (https://ai.google.dev/gemini-api/docs/thought-signatures),
 * DeepSeek-style `reasoning_content` on assistant messages, Responses `reasoning` items.
 */
import type { ReceivedRequest } from '../fakes/fake-upstream.js';

export interface ReturnedReasoning {
  text?: string;
  signature?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const stringOr = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function entry(text: unknown, signature: unknown): ReturnedReasoning {
  const out: ReturnedReasoning = {};
  const readText = stringOr(text);
  const readSignature = stringOr(signature);
  if (readText !== undefined) out.text = readText;
  if (readSignature !== undefined) out.signature = readSignature;
  return out;
}

export function reasoningIn(request: ReceivedRequest): ReturnedReasoning[] {
  const { body } = request;
  switch (request.protocol) {
    case 'anthropic':
      return objects(body.messages)
        .filter((message) => message.role === 'assistant')
        .flatMap((message) => objects(message.content))
        .filter((block) => block.type === 'thinking' || block.type === 'redacted_thinking')
        .map((block) => entry(block.thinking, block.signature ?? block.data));
    case 'gemini':
      return objects(body.contents)
        .filter((content) => content.role === 'model')
        .flatMap((content) => objects(content.parts))
        .filter((part) => part.thought === true || part.thoughtSignature !== undefined)
        .map((part) => entry(part.thought === true ? part.text : undefined, part.thoughtSignature));
    case 'openai-compatible':
      return objects(body.messages)
        .filter((message) => message.role === 'assistant' && stringOr(message.reasoning_content) !== undefined)
        .map((message) => entry(message.reasoning_content, undefined));
    case 'responses':
      return objects(body.input)
        .filter((item) => item.type === 'reasoning')
        .map((item) => entry(objects(item.summary).map((part) => stringOr(part.text) ?? '').join(''), item.encrypted_content));
  }
}
