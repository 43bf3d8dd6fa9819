/**
 * OpenAI `response_format` → Anthropic (protocols.md E.1 step 10).
 *
 * Strategy (decided here, relied on by convert-response.ts and stream-converter.ts):
 * - `json_schema` on a model with native structured output (Claude 4.5 family, Opus 4.1, 4.6+):
 *   `output_config.format = {type:"json_schema", schema}` — the GA form of the `output_format`
 *   beta that the recorded `anthropic-json-output-format` fixture used; the answer is plain text
 *   JSON, decoded under the schema, so nothing special happens on the way back
 *   (https://docs.claude.com/en/docs/build-with-claude/structured-outputs).
 * - `json_object` (Anthropic has no "any JSON object" mode: native formats need a closed schema),
 *   and `json_schema` on older models: a synthetic tool whose input schema is the wanted JSON,
 *   which Claude is made to call. Its name is reserved (clients may not define a tool with it), so
 *   the response converters recognise it without request state: that tool call becomes
 *   `message.content` (JSON text), not a tool call, and `finish_reason` is `stop`
 *   (as litellm's `json_tool_call` and vercel's `json` tool, see the recorded
 *   `anthropic-json-other-tool` fixture for a call of another tool instead).
 *   Forcing a tool is impossible with extended thinking, so that combination is a 400.
 */
import type { ResponseFormat } from '../../core/chat-request.js';
import { invalidRequest } from '../../core/errors.js';
import type { AnthropicOutputConfig, AnthropicTool } from './anthropic-request-types.js';
import type { ClaudeCapabilities } from './model-capabilities.js';
import { sanitizeJsonSchema } from './sanitize-json-schema.js';

export const JSON_RESPONSE_TOOL_NAME = 'switchyard_json_response';

export type ResponseFormatPlan =
  | { kind: 'none' }
  | { kind: 'native'; format: NonNullable<AnthropicOutputConfig['format']> }
  | { kind: 'tool'; tool: AnthropicTool };

const FREE_FORM_OBJECT: Record<string, unknown> = { type: 'object', additionalProperties: true };

export function mapResponseFormat(format: ResponseFormat | undefined, capabilities: ClaudeCapabilities): ResponseFormatPlan {
  if (format === undefined || format.type === 'text') return { kind: 'none' };
  if (format.type === 'json_object') {
    return { kind: 'tool', tool: jsonTool(FREE_FORM_OBJECT, 'Respond with a single JSON object.') };
  }
  const { schema, description } = format.json_schema;
  if (schema === undefined) return { kind: 'tool', tool: jsonTool(FREE_FORM_OBJECT, description) };
  if (schema.type !== 'object') {
    throw invalidRequest('response_format json_schema must describe a JSON object (schema.type "object").', 'response_format.json_schema.schema');
  }
  if (capabilities.nativeStructuredOutput) {
    return { kind: 'native', format: { type: 'json_schema', schema: sanitizeJsonSchema(schema) } };
  }
  return { kind: 'tool', tool: jsonTool(schema, description) };
}

function jsonTool(schema: Record<string, unknown>, description: string | undefined): AnthropicTool {
  const purpose = description === undefined || description === '' ? '' : ` The answer: ${description}`;
  return {
    name: JSON_RESPONSE_TOOL_NAME,
    description: `Give your final answer by calling this tool with the answer as its input, instead of replying with text.${purpose}`,
    input_schema: schema,
  };
}
