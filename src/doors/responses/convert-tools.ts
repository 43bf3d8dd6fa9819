/**
 * Responses `tools` and `tool_choice` → canonical (Chat Completions) tools
 * (https://platform.openai.com/docs/guides/tools). Function tools map one to one (Responses puts
 * name/parameters at the top level, Chat Completions under `function`); Codex's `namespace` tools
 * are flattened (namespace-tool-names.ts). Hosted tools run inside OpenAI and no other provider has
 * them: `web_search` is dropped when translating (Codex always sends it, with
 * `external_web_access:false`, and works without it); every other hosted or custom tool is a loss —
 * a 400 `unsupported_parameter` naming `tools[i]` if the call has to be translated, passed through
 * untouched to OpenAI/Azure.
 */
import { z } from 'zod';
import type { Tool, ToolChoice } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter, type GatewayError } from '../../core/errors.js';
import { parseAt as parse } from './describe-issue.js';
import { flattenToolName, type NamespacedName, type ToolNameMap } from './namespace-tool-names.js';
import { functionNameSchema, type ResponsesBody } from './request-schema.js';

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: functionNameSchema,
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
const namespaceFunction = functionTool.extend({ name: z.string().min(1) });
const namespaceTool = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  description: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })),
});
const namedChoice = z.looseObject({ type: z.literal('function'), name: z.string().min(1), namespace: z.string().nullish() });
const allowedToolsChoice = z.looseObject({
  type: z.literal('allowed_tools'),
  mode: z.enum(['auto', 'required']),
  tools: z.array(z.looseObject({ type: z.string() })),
});

/** Web search variants: dropping them leaves the model without search, which Codex expects elsewhere. */
const DROPPED = new Set(['web_search', 'web_search_preview', 'web_search_2025_08_26', 'web_search_preview_2025_03_11']);
const isDropped = (type: string): boolean => DROPPED.has(type);

export interface ConvertedTools {
  tools: Tool[] | undefined;
  toolChoice: ToolChoice | undefined;
  names: ToolNameMap;
}

type FunctionTool = z.infer<typeof functionTool>;

export function convertTools(body: ResponsesBody, losses: GatewayError[]): ConvertedTools {
  const tools: Tool[] = [];
  const names = new Map<string, NamespacedName>();
  const plain = new Set<string>();
  (body.tools ?? []).forEach((raw, index) => {
    const param = `tools[${index}]`;
    if (raw.type === 'function') {
      const tool = parse(functionTool, raw, ['tools', index]);
      plain.add(tool.name);
      tools.push(toCanonical(tool, tool.name));
    } else if (raw.type === 'namespace') {
      const group = parse(namespaceTool, raw, ['tools', index]);
      group.tools.forEach((inner, innerIndex) => {
        if (inner.type !== 'function') {
          losses.push(unsupportedTool(`${param}.tools[${innerIndex}]`, inner.type));
          return;
        }
        const tool = parse(namespaceFunction, inner, ['tools', index, 'tools', innerIndex]);
        const flat = flattenToolName(group.name, tool.name);
        names.set(flat, { namespace: group.name, name: tool.name });
        const description = [group.description, tool.description].filter((text) => typeof text === 'string' && text !== '').join('\n\n');
        tools.push(toCanonical({ ...tool, description }, flat));
      });
    } else if (!isDropped(raw.type)) {
      losses.push(unsupportedTool(param, raw.type));
    }
  });
  for (const [flat] of names) {
    if (plain.has(flat)) throw invalidRequest(`The function \`${flat}\` collides with a namespaced tool of the same flattened name; rename one of them.`, 'tools');
  }
  return { tools: tools.length > 0 ? tools : undefined, toolChoice: convertToolChoice(body.tool_choice, tools, losses), names };
}

function toCanonical(tool: FunctionTool, name: string): Tool {
  return {
    type: 'function',
    function: {
      name,
      ...(tool.description ? { description: tool.description } : {}),
      ...(tool.parameters ? { parameters: tool.parameters } : {}),
      ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    },
  };
}

function convertToolChoice(choice: ResponsesBody['tool_choice'], tools: readonly Tool[], losses: GatewayError[]): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') {
    if (choice === 'required' && tools.length === 0) {
      losses.push(unsupportedParameter('tool_choice', 'tool_choice "required" names only tools this model cannot use (hosted tools run on OpenAI only).'));
      return undefined;
    }
    return choice;
  }
  if (choice.type === 'function') {
    const named = parse(namedChoice, choice, ['tool_choice']);
    const name = named.namespace ? flattenToolName(named.namespace, named.name) : named.name;
    const declared = tools.some((tool) => tool.type === 'function' && tool.function.name === name);
    if (!declared) throw invalidRequest(`tool_choice names the function \`${named.name}\`, which is not in tools.`, 'tool_choice');
    return { type: 'function', function: { name } };
  }
  if (choice.type === 'allowed_tools') {
    const allowed = parse(allowedToolsChoice, choice, ['tool_choice']);
    const listed: Array<{ type: 'function'; function: { name: string } }> = [];
    allowed.tools.forEach((entry, index) => {
      if (entry.type === 'function') {
        const named = parse(namedChoice, entry, ['tool_choice', 'tools', index]);
        listed.push({ type: 'function', function: { name: named.namespace ? flattenToolName(named.namespace, named.name) : named.name } });
      } else if (!isDropped(entry.type)) {
        losses.push(unsupportedTool(`tool_choice.tools[${index}]`, entry.type));
      }
    });
    return { type: 'allowed_tools', allowed_tools: { mode: allowed.mode, tools: listed } };
  }
  losses.push(unsupportedParameter('tool_choice', `tool_choice of type \`${choice.type}\` chooses a tool only OpenAI hosts; this model cannot use it.`));
  return undefined;
}

function unsupportedTool(param: string, type: string): GatewayError {
  return unsupportedParameter(
    param,
    `The \`${type}\` tool runs on OpenAI only; this model is served by another provider. Remove the tool or choose an OpenAI model.`,
  );
}
