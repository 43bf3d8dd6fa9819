/**
 * OpenAI `tool_choice` + `parallel_tool_calls` → Anthropic `tool_choice`
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use;
 * protocols.md E.1 step 9): none→none, auto→auto, required→any, a named function→tool,
 * allowed_tools→the listed tools only with auto/any; `parallel_tool_calls: false` →
 * `disable_parallel_tool_use: true`. The synthetic JSON tool of map-response-format.ts is added
 * here too, because it decides what Claude is forced to call.
 */
import { z } from 'zod';
import type { ToolChoice } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-request-types.js';

export interface ToolPlan {
  tools: AnthropicTool[];
  toolChoice?: AnthropicToolChoice;
  /** Who makes Claude call a tool (`any`/`tool`): matters because thinking forbids it. */
  forcedBy: 'nobody' | 'client' | 'response_format';
}

const allowedToolSchema = z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) });

export function mapToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  clientTools: AnthropicTool[],
  jsonTool: AnthropicTool | null,
): ToolPlan {
  let tools = clientTools;
  let mapped: AnthropicToolChoice | undefined;
  if (choice === 'none') mapped = { type: 'none' };
  else if (choice === 'auto') mapped = { type: 'auto' };
  else if (choice === 'required') mapped = { type: 'any' };
  else if (choice?.type === 'function') mapped = { type: 'tool', name: choice.function.name };
  else if (choice?.type === 'allowed_tools') {
    tools = allowedTools(choice.allowed_tools.tools, clientTools);
    mapped = tools.length === 0 ? { type: 'none' } : { type: choice.allowed_tools.mode === 'required' ? 'any' : 'auto' };
    if (tools.length === 0) tools = clientTools;
  } else if (choice?.type === 'custom') {
    throw unsupportedParameter('tool_choice', 'Anthropic models support function tools only; a custom tool cannot be chosen.');
  }

  let forcedBy: ToolPlan['forcedBy'] = mapped?.type === 'any' || mapped?.type === 'tool' ? 'client' : 'nobody';
  if (jsonTool !== null && mapped?.type !== 'tool') {
    if (tools.length === 0 || mapped?.type === 'none') {
      // Only the JSON answer is allowed: force exactly that tool, once.
      return {
        tools: [...tools, jsonTool],
        toolChoice: { type: 'tool', name: jsonTool.name, disable_parallel_tool_use: true },
        forcedBy: 'response_format',
      };
    }
    // Either one of the client's tools or the JSON answer: some tool must be called.
    tools = [...tools, jsonTool];
    mapped = { type: 'any' };
    forcedBy = 'response_format';
  }

  if (tools.length === 0) return { tools, forcedBy: 'nobody' };
  if (parallelToolCalls === false && mapped?.type !== 'none') {
    mapped = { ...(mapped ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  return mapped === undefined ? { tools, forcedBy } : { tools, toolChoice: mapped, forcedBy };
}

function allowedTools(listed: readonly unknown[], clientTools: AnthropicTool[]): AnthropicTool[] {
  const names = new Set<string>();
  listed.forEach((entry, position) => {
    const parsed = allowedToolSchema.safeParse(entry);
    if (!parsed.success) {
      throw invalidRequest(
        'Each allowed tool must look like {"type":"function","function":{"name":…}}.',
        `tool_choice.allowed_tools.tools[${position}]`,
      );
    }
    const name = parsed.data.function.name;
    if (!clientTools.some((tool) => tool.name === name)) {
      throw invalidRequest(`tool_choice allows the function \`${name}\`, which is not in tools.`, `tool_choice.allowed_tools.tools[${position}]`);
    }
    names.add(name);
  });
  return clientTools.filter((tool) => names.has(tool.name));
}
