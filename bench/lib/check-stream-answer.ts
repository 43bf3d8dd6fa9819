/**
 * Does a streamed answer have the shape its request promises: complete, with content and usage,
 * ending as its wire ends (`[DONE]`, `message_stop`, `response.completed`)?
 */
import { isObject, objectField, stringField } from '../fake/json-fields.js';
import { firstOf, parseJson } from './parse-json.js';

interface SseFrame {
  event: string | undefined;
  data: string;
}

/** SSE frames (LF or CRLF), `data:` lines of one frame joined by newlines. */
function framesOf(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0) frames.push({ event, data: data.join('\n') });
  }
  return frames;
}

export function checkOpenaiStream(text: string): string | undefined {
  const payloads = framesOf(text).map((frame) => frame.data.trim());
  if (payloads.at(-1) !== '[DONE]') return 'stream does not end with data: [DONE]';
  let content = 0;
  let usage = false;
  let finished = false;
  for (const payload of payloads.slice(0, -1)) {
    const chunk = parseJson(payload);
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

/** Every event named, data.type equal to the name; `types` lists them in order. */
function namedEvents(text: string): { types: string[]; data: unknown[] } | string {
  const types: string[] = [];
  const data: unknown[] = [];
  for (const frame of framesOf(text)) {
    const payload = parseJson(frame.data);
    const type = stringField(payload, 'type');
    if (type === undefined) return `event is not JSON with a type: ${frame.data.slice(0, 80)}`;
    if (frame.event !== undefined && frame.event !== type) return `event: ${frame.event} carries type ${type}`;
    types.push(type);
    data.push(payload);
  }
  return { types, data };
}

export function checkAnthropicStream(text: string): string | undefined {
  const events = namedEvents(text);
  if (typeof events === 'string') return events;
  const { types, data } = events;
  if (types[0] !== 'message_start') return `stream starts with ${types[0] ?? 'nothing'}, not message_start`;
  if (types.at(-1) !== 'message_stop') return 'stream does not end with message_stop';
  const deltas = data.filter((event) => stringField(objectField(event, 'delta'), 'type') === 'text_delta').length;
  if (deltas === 0) return 'stream carries no text_delta';
  const messageDelta = data.find((event) => stringField(event, 'type') === 'message_delta');
  if (objectField(messageDelta, 'usage') === undefined) return 'no message_delta with usage';
  return undefined;
}

export function checkResponsesStream(text: string): string | undefined {
  const events = namedEvents(text);
  if (typeof events === 'string') return events;
  const { types, data } = events;
  if (types[0] !== 'response.created') return `stream starts with ${types[0] ?? 'nothing'}, not response.created`;
  if (types.at(-1) !== 'response.completed') return `stream ends with ${types.at(-1) ?? 'nothing'}, not response.completed`;
  if (!types.includes('response.output_text.delta')) return 'stream carries no response.output_text.delta';
  const completed = objectField(data.at(-1), 'response');
  if (objectField(completed, 'usage') === undefined) return 'response.completed has no usage';
  const numbers = data.map((event) => (isObject(event) ? event.sequence_number : undefined));
  if (numbers.some((number, index) => number !== index)) return 'sequence_number does not count from 0';
  return undefined;
}
