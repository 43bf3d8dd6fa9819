/**
 * The tool results an upstream request carries, read in that provider's own shape: Anthropic
 * `tool_result` blocks (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use),
 * OpenAI Chat `tool` messages, Gemini `functionResponse` parts
 * (https://ai.google.dev/gemini-api/docs/function-calling), Responses `function_call_output` items.
 */
import type { ReceivedRequest } from '../fakes/fake-upstream.js';

export interface ToolResult {
  /** The call it answers: the tool call id, or for Gemini (no ids) the function name. */
  answers: string;
  text: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
/** A string, or the joined text of content parts (`text`, `input_text`, `output_text`). */
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : objects(value).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');

export function toolResultsIn(request: ReceivedRequest): ToolResult[] {
  const { body } = request;
  switch (request.protocol) {
    case 'anthropic':
      return objects(body.messages)
        .flatMap((message) => objects(message.content))
        .filter((block) => block.type === 'tool_result')
        .map((block) => ({ answers: String(block.tool_use_id), text: textOf(block.content) }));
    case 'openai-compatible':
      return objects(body.messages)
        .filter((message) => message.role === 'tool')
        .map((message) => ({ answers: String(message.tool_call_id), text: textOf(message.content) }));
    case 'gemini':
      return objects(body.contents)
        .flatMap((content) => objects(content.parts))
        .map((part) => part.functionResponse)
        .filter(isObject)
        .map((response) => ({ answers: String(response.name), text: JSON.stringify(response.response) }));
    case 'responses':
      return objects(body.input)
        .filter((item) => item.type === 'function_call_output')
        .map((item) => ({ answers: String(item.call_id), text: textOf(item.output) }));
  }
}
