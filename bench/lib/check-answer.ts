/**
 * Does an answer body have the shape its request promises? A 200 with the wrong body must not
 * count as a fast success, so every cell is probed once with this before it is measured.
 */
import { isObject, objectField, stringField } from '../fake/json-fields.js';
import { checkAnthropicStream, checkOpenaiStream, checkResponsesStream } from './check-stream-answer.js';
import type { AnswerShape } from './http-request.js';
import { firstOf, parseJson } from './parse-json.js';

function checkOpenai(body: object): string | undefined {
  const message = objectField(firstOf(body, 'choices'), 'message');
  if (typeof stringField(message, 'content') !== 'string') return 'no choices[0].message.content';
  return objectField(body, 'usage') === undefined ? 'no usage' : undefined;
}

function checkAnthropic(body: object): string | undefined {
  if (typeof stringField(firstOf(body, 'content'), 'text') !== 'string') return 'no content[0].text';
  return objectField(body, 'usage') === undefined ? 'no usage' : undefined;
}

function checkResponses(body: object): string | undefined {
  if (stringField(body, 'object') !== 'response') return 'object is not "response"';
  if (stringField(body, 'status') !== 'completed') return `status is ${stringField(body, 'status') ?? 'missing'}, not completed`;
  const output = isObject(body) && Array.isArray(body.output) ? body.output : [];
  const message = output.find((item) => stringField(item, 'type') === 'message');
  if (typeof stringField(firstOf(message, 'content'), 'text') !== 'string') return 'no message item with output_text';
  return objectField(body, 'usage') === undefined ? 'no usage' : undefined;
}

function checkGemini(body: object): string | undefined {
  const part = firstOf(objectField(firstOf(body, 'candidates'), 'content'), 'parts');
  return typeof stringField(part, 'text') === 'string' ? undefined : 'no candidates[0].content.parts[0].text';
}

function checkEmbeddings(body: object): string | undefined {
  const first = firstOf(body, 'data');
  const embedding = isObject(first) ? first.embedding : undefined;
  const filled = typeof embedding === 'string' ? embedding.length > 0 : Array.isArray(embedding) && embedding.length > 0;
  if (!filled) return 'no data[0].embedding';
  return objectField(body, 'usage') === undefined ? 'no usage' : undefined;
}

const jsonChecks: Record<Exclude<AnswerShape, `${string}-stream`>, (body: object) => string | undefined> = {
  openai: checkOpenai,
  anthropic: checkAnthropic,
  responses: checkResponses,
  gemini: checkGemini,
  embeddings: checkEmbeddings,
};

/** undefined when the body fits the shape, otherwise what is wrong. */
export function checkAnswer(shape: AnswerShape, text: string): string | undefined {
  if (shape === 'openai-stream') return checkOpenaiStream(text);
  if (shape === 'anthropic-stream') return checkAnthropicStream(text);
  if (shape === 'responses-stream') return checkResponsesStream(text);
  const body = parseJson(text);
  if (!isObject(body)) return 'body is not a JSON object';
  return jsonChecks[shape](body);
}
