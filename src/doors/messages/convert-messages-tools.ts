/**
 * Anthropic `tools` and `tool_choice` → canonical function tools
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use):
 * `{name, description, input_schema, strict}` → `{type:"function", function:{name, description,
 * parameters, strict}}`; `cache_control` and other hints for Anthropic's servers (`defer_loading`,
 * `eager_input_streaming`, `input_examples`, `allowed_callers`) are dropped. Anthropic-defined tools
 * (`bash_20250124`, `web_search_20250305`, `code_execution_…`, …) are run by or known only to Claude:
 * refused when translating.
 * tool_choice: auto → "auto", any → "required", tool → the named function, none → "none";
 * `disable_parallel_tool_use: true` → `parallel_tool_calls: false` (only with tools, which OpenAI requires).
 */
import type { ChatRequest, Tool, ToolChoice } from '../../core/chat-request.js';
import type { MessagesRequest } from './messages-request-schema.js';
import type { Refusals } from './translation-refusals.js';

export type ToolFields = Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;

export function convertMessagesTools(request: MessagesRequest, refusals: Refusals): ToolFields {
  const tools: Tool[] = [];
  (request.tools ?? []).forEach((tool, position) => {
    if (tool.type === 'other') {
      refusals.add(`tools.${position}`, `The Anthropic-defined tool type "${tool.actualType}" exists only on Claude.`);
      return;
    }
    const parameters: Record<string, unknown> = { ...tool.input_schema };
    tools.push({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters,
        ...(tool.strict == null ? {} : { strict: tool.strict }),
      },
    });
  });

  const fields: ToolFields = {};
  if (tools.length > 0) fields.tools = tools;
  const choice = request.tool_choice;
  if (choice === undefined) return fields;
  fields.tool_choice = mapToolChoice(choice);
  if (choice.type !== 'none' && choice.disable_parallel_tool_use === true && tools.length > 0) fields.parallel_tool_calls = false;
  return fields;
}

function mapToolChoice(choice: NonNullable<MessagesRequest['tool_choice']>): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}
