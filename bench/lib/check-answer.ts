/**
 * Does an answer body have the shape its request promises? A 200 with the wrong body must not
 * count as a fast success, so every cell is probed once with this before it is measured.
 */
import { isObject, objectField, stringField } from '../fake/json-fields.js';
import type { AnswerShape } from './http-request.js';

function parse(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}

function firstOf(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  const list = value[key];
  return Array.isArray(list) ? list[0] : undefined;
}

function checkOpenaiStream(text: string): string | undefined {
  const payloads = text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim());
  if (payloads.at(-1) !== '[DONE]') return 'stream does not end with data: [DONE]';
  let content = 0;
  let usage = false;
  let finished = false;
  for (const payload of payloads.slice(0, -1)) {
    const chunk = parse(payload);
    if (!isObject(chunk)) return `chunk is not JSON: ${payload.slice(0, 80)}`;
    const choice = firstOf(chunk, 'choices');
    if (typeof stringField(objectField(choice, 'delta'), 'content') === 'string') content += 1;
    if (typeof stringField(choice, 'finish_reason') === 'string') finished = true;
    if (objectField(chunk, 'usage') !== undefined) usage = true;
  }
  if (content === 0) return 'stream carries no content deltas';
  if (!finished) return 'stream has no finish_reason';
  if (!usage) return 'stream has no usage chunk (stream_options.include_usage)';
  return undefined;
}

/** undefined when the body fits the shape, otherwise what is wrong. */
export function checkAnswer(shape: AnswerShape, text: string): string | undefined {
  if (shape === 'openai-stream') return checkOpenaiStream(text);
  const body = parse(text);
  if (!isObject(body)) return 'body is not a JSON object';
  if (shape === 'openai') {
    const message = objectField(firstOf(body, 'choices'), 'message');
    if (typeof stringField(message, 'content') !== 'string') return 'no choices[0].message.content';
    if (objectField(body, 'usage') === undefined) return 'no usage';
    return undefined;
  }
  if (shape === 'anthropic') {
    return typeof stringField(firstOf(body, 'content'), 'text') === 'string' ? undefined : 'no content[0].text';
  }
  const part = firstOf(objectField(firstOf(body, 'candidates'), 'content'), 'parts');
  return typeof stringField(part, 'text') === 'string' ? undefined : 'no candidates[0].content.parts[0].text';
}
