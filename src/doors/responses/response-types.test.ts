/**
 * The door's own Response types must stay assignable to the openai SDK's (checked by `tsc`, which
 * includes the tests), and an encoded response must carry every key the SDK type requires.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Response, ResponseOutputItem, ResponseUsage as SdkUsage } from 'openai/resources/responses/responses';
import type { OutputItem, ResponseObject, ResponseUsage } from './response-types.js';
import { responsesDoor } from './responses-door.js';

// Compile-time checks: each line fails `tsc` if the shapes drift apart.
export type OutputItemFits = OutputItem extends ResponseOutputItem ? true : never;
export type UsageFits = ResponseUsage extends SdkUsage ? true : never;
const outputItemFits: OutputItemFits = true;
const usageFits: UsageFits = true;

/** The keys `Response` requires (not optional). */
const REQUIRED: ReadonlyArray<keyof Response> = [
  'id',
  'created_at',
  'output_text',
  'error',
  'incomplete_details',
  'instructions',
  'metadata',
  'model',
  'object',
  'output',
  'parallel_tool_calls',
  'temperature',
  'tool_choice',
  'tools',
  'top_p',
];

test('an encoded response has every key the SDK’s Response requires', () => {
  assert.ok(outputItemFits && usageFits);
  const { inbound } = responsesDoor.decode({ model: 'gpt-4o', input: 'hi' });
  const completion = {
    id: 'c',
    object: 'chat.completion' as const,
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant' as const, content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' as const }],
  };
  const body = responsesDoor.encodeResponse(completion, inbound, { now: () => 1, newId: (prefix) => `${prefix}-1` }) as ResponseObject;
  for (const key of REQUIRED) assert.ok(key in body, key);
});
