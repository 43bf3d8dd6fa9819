/**
 * OpenAI function tools → Anthropic tools (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use):
 * `parameters` become `input_schema`, which must be an object schema — a tool without parameters
 * gets `{"type":"object","properties":{}}`. `strict: true` is kept only where the model has strict
 * tool use (structured outputs); elsewhere the flag is dropped, the call itself is unchanged.
 */
import type { Tool } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import type { AnthropicTool } from './anthropic-request-types.js';
import { JSON_RESPONSE_TOOL_NAME } from './map-response-format.js';
import type { ClaudeCapabilities } from './model-capabilities.js';

export function convertTools(tools: readonly Tool[] | undefined, capabilities: ClaudeCapabilities): AnthropicTool[] {
  return (tools ?? []).map((tool, position) => {
    const path = `tools[${position}]`;
    if (tool.type !== 'function') {
      throw unsupportedParameter(path, 'Anthropic models support function tools only; custom (free-form) tools are not available.');
    }
    const { name, description, parameters, strict } = tool.function;
    if (name === JSON_RESPONSE_TOOL_NAME) {
      throw invalidRequest(`The tool name \`${name}\` is reserved by the gateway; rename the tool.`, `${path}.function.name`);
    }
    const converted: AnthropicTool = { name, input_schema: toInputSchema(parameters, `${path}.function.parameters`) };
    if (description !== undefined && description !== '') converted.description = description;
    if (strict === true && capabilities.nativeStructuredOutput) converted.strict = true;
    return converted;
  });
}

export function toInputSchema(parameters: Record<string, unknown> | undefined, path: string): Record<string, unknown> {
  if (parameters === undefined || Object.keys(parameters).length === 0) return { type: 'object', properties: {} };
  if (parameters.type === undefined) return { type: 'object', ...parameters };
  if (parameters.type !== 'object') {
    throw invalidRequest('Anthropic needs the parameters of a tool to be a JSON schema of type "object".', path);
  }
  return parameters;
}
