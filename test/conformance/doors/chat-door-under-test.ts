/** The Chat Completions door in the door conformance suite. */
import assert from 'node:assert/strict';
import type { ChatCompletion, ChatCompletionChunk } from '../../../src/core/chat-response.js';
import { chatDoor } from '../../../src/doors/chat/chat-door.js';
import { assembleStream } from '../assemble-stream.js';
import type { DoorUnderTest, ReadAnswer } from './door-under-test.js';

const usageOf = (usage: ChatCompletion['usage'] | null | undefined): ReadAnswer['usage'] =>
  usage
    ? {
        prompt: usage.prompt_tokens,
        completion: usage.completion_tokens,
        cachedRead: usage.prompt_tokens_details?.cached_tokens ?? 0,
        reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0,
      }
    : null;

function chunksOf(sse: string): ChatCompletionChunk[] {
  return sse
    .split('\n\n')
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice(6)) as ChatCompletionChunk);
}

export const chatDoorUnderTest: DoorUnderTest = {
  name: 'chat',
  codec: chatDoor,
  minimalRequest: (stream) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream }),
  readResponse(body) {
    const completion = body as ChatCompletion;
    const message = completion.choices[0]?.message;
    return {
      text: message?.content ?? null,
      reasoning: message?.reasoning_content ?? '',
      toolCalls: (message?.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown })),
      finish: completion.choices[0]?.finish_reason ?? null,
      usage: usageOf(completion.usage),
    };
  },
  readStream(sse) {
    const answer = assembleStream(chunksOf(sse));
    return {
      text: answer.content,
      reasoning: answer.reasoning,
      toolCalls: answer.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.parse(call.arguments) as unknown })),
      finish: answer.finishReason,
      usage: usageOf(answer.usage),
    };
  },
  streamViolations(sse) {
    const violations: string[] = [];
    if (!sse.endsWith('data: [DONE]\n\n')) violations.push('the stream does not end with data: [DONE]');
    for (const chunk of chunksOf(sse)) if (chunk.object !== 'chat.completion.chunk') violations.push(`a chunk of object ${chunk.object}`);
    return violations;
  },
  readError(body) {
    const { error } = body as { error: { type: string; message: string; param: unknown; code: unknown } };
    assert.ok('param' in error && 'code' in error, 'the OpenAI envelope always has param and code');
    return { type: error.type, message: error.message };
  },
  requestCases: [
    {
      label: 'a plain user message',
      body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
      check: (request) => assert.deepEqual(request.messages, [{ role: 'user', content: 'hi' }]),
    },
  ],
  invalidRequests: [
    { label: 'no messages', body: { model: 'gpt-4o', messages: [] }, param: 'messages' },
    { label: 'not an object', body: [1, 2] },
  ],
};
