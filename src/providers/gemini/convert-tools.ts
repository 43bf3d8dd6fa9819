/**
 * OpenAI `tools` (and the legacy `functions`) → Gemini `functionDeclarations`
 * (https://ai.google.dev/api/caching#FunctionDeclaration). Current models get the JSON Schema as is
 * (`parametersJsonSchema`); older ones get the OpenAPI subset. Custom (free-form grammar) tools have
 * no Gemini equivalent: a 400 rather than a silently missing tool.
 */
import { z } from 'zod';
import type { ChatRequest } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import { convertJsonSchemaToGemini, SchemaConversionError } from './convert-json-schema-to-gemini.js';
import type { GeminiModelTraits } from './describe-gemini-model.js';
import type { GeminiFunctionDeclaration } from './gemini-wire-types.js';

const legacyFunctionsSchema = z.array(
  z.looseObject({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional() }),
);

export interface ConvertedTools {
  declarations: GeminiFunctionDeclaration[];
  /** Some tool asked for `strict` argument validation. */
  strict: boolean;
}

export function convertTools(request: ChatRequest, model: GeminiModelTraits): ConvertedTools {
  const declarations: GeminiFunctionDeclaration[] = [];
  let strict = false;
  (request.tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function') {
      throw unsupportedParameter(`tools[${index}]`, `Gemini has no custom (free-form) tools; \`${tool.custom.name}\` must be declared as a function tool.`);
    }
    if (tool.function.strict === true) strict = true;
    declarations.push(declare(tool.function.name, tool.function.description, tool.function.parameters, `tools[${index}].function.parameters`, model));
  });
  if (request.functions !== undefined && request.functions !== null) {
    const legacy = legacyFunctionsSchema.safeParse(request.functions);
    if (!legacy.success) throw invalidRequest('`functions` must be an array of {name, description?, parameters?}.', 'functions');
    legacy.data.forEach((fn, index) => declarations.push(declare(fn.name, fn.description, fn.parameters, `functions[${index}].parameters`, model)));
  }
  return { declarations, strict };
}

function declare(
  name: string,
  description: string | undefined,
  parameters: Record<string, unknown> | undefined,
  param: string,
  model: GeminiModelTraits,
): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name };
  if (description !== undefined && description !== '') declaration.description = description;
  if (parameters === undefined) return declaration;
  if (model.jsonSchema) {
    declaration.parametersJsonSchema = parameters;
    return declaration;
  }
  try {
    const converted = convertJsonSchemaToGemini(parameters);
    if (converted !== undefined) declaration.parameters = converted;
  } catch (error) {
    if (error instanceof SchemaConversionError) {
      throw invalidRequest(`The parameters schema of \`${name}\` cannot be sent to ${model.id}: ${error.message}.`, param);
    }
    throw error;
  }
  return declaration;
}
