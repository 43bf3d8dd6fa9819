/**
 * OpenAI `tool_choice` → Gemini `toolConfig.functionCallingConfig`
 * (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes; protocols.md E.4 step 10).
 * `allowedFunctionNames` is only valid with ANY, so `allowed_tools` in auto mode narrows the declared
 * functions instead. Strict tools under auto use VALIDATED (schema-adherent calls), as vercel/ai does.
 */
import { z } from 'zod';
import type { ToolChoice } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import type { GeminiToolConfig } from './gemini-wire-types.js';

const allowedToolSchema = z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) });

export interface MappedToolChoice {
  config: GeminiToolConfig | undefined;
  /** Only these declarations may be sent (allowed_tools with mode auto); null = all. */
  declare: string[] | null;
}

export function mapToolChoice(choice: ToolChoice | undefined, declared: readonly string[], options: { strict: boolean }): MappedToolChoice {
  const auto = options.strict ? 'VALIDATED' : 'AUTO';
  if (choice === undefined) return { config: options.strict ? mode(auto) : undefined, declare: null };
  if (choice === 'auto') return { config: mode(auto), declare: null };
  if (choice === 'none') return { config: mode('NONE'), declare: null };
  if (choice === 'required') return { config: mode('ANY'), declare: null };
  switch (choice.type) {
    case 'function':
      return { config: mode('ANY', [choice.function.name]), declare: null };
    case 'custom':
      throw unsupportedParameter('tool_choice', 'Gemini has no custom (free-form) tools, so tool_choice cannot name one.');
    case 'allowed_tools': {
      const names = choice.allowed_tools.tools.map((tool, index) => {
        const parsed = allowedToolSchema.safeParse(tool);
        if (!parsed.success) throw unsupportedParameter(`tool_choice.allowed_tools.tools[${index}]`, 'Gemini can only restrict calls to function tools.');
        if (!declared.includes(parsed.data.function.name)) {
          throw invalidRequest(`tool_choice allows \`${parsed.data.function.name}\`, which is not in tools.`, `tool_choice.allowed_tools.tools[${index}]`);
        }
        return parsed.data.function.name;
      });
      if (choice.allowed_tools.mode === 'required') return { config: mode('ANY', names), declare: null };
      return { config: mode(auto), declare: names };
    }
  }
}

function mode(value: GeminiToolConfig['functionCallingConfig']['mode'], allowedFunctionNames?: string[]): GeminiToolConfig {
  return { functionCallingConfig: allowedFunctionNames === undefined ? { mode: value } : { mode: value, allowedFunctionNames } };
}
