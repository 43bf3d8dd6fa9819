/**
 * The door conformance suite: every inbound codec (src/doors), given the canonical answers of the
 * adapter suite's scenarios, must hand its client the same answer — non-streamed, and streamed in
 * any batching of chunks — in a stream that obeys its own grammar; its errors must have its shape;
 * its requests must decode to canonical requests that carry their meaning and pass the canonical
 * schema; and it must refuse malformed bodies with a 400.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatCompletionChunk } from '../../src/core/chat-response.js';
import { GatewayError, internalError, invalidRequest, modelNotFound, upstreamError, upstreamTimeout } from '../../src/core/errors.js';
import { parseChatRequest } from '../../src/core/parse-chat-request.js';
import { openAICompatibleAdapter } from '../../src/providers/openai-compatible/index.js';
import { testContext } from '../../src/providers/test-context.js';
import { openaiWire } from '../fakes/openai-wire.js';
import type { CannedAnswer } from '../fakes/canned-answer.js';
import { doorsUnderTest } from './doors/doors-under-test.js';
import type { ReadAnswer } from './doors/door-under-test.js';
import { runStream } from './run-stream.js';
import { scenarios } from './scenarios.js';

const MODEL = 'gpt-4o';
const context = testContext({ upstreamModel: MODEL });
const doorContext = { now: () => 1_770_000_000, newId: (prefix: string) => `${prefix}_conformance0001` };

function canonicalCompletion(answer: CannedAnswer) {
  return openAICompatibleAdapter.convertResponse(JSON.parse(JSON.stringify(openaiWire.completion(answer, MODEL))), context);
}

function canonicalChunks(answer: CannedAnswer): ChatCompletionChunk[] {
  return runStream(openAICompatibleAdapter, testContext({ upstreamModel: MODEL, stream: true, includeUsage: true }), openaiWire.stream(answer, MODEL, { includeUsage: true }), null).chunks;
}

function expected(answer: CannedAnswer): ReadAnswer {
  return {
    text: answer.text ?? null,
    reasoning: answer.reasoning ?? '',
    toolCalls: (answer.toolCalls ?? []).map((call) => ({ id: '', name: call.name, arguments: call.arguments })),
    finish: answer.finish,
    usage: { prompt: answer.usage.prompt, completion: answer.usage.completion, cachedRead: answer.usage.cachedRead ?? 0, reasoning: answer.usage.reasoning ?? 0 },
  };
}

/** Ids are the door's business (non-empty and unique); everything else must match exactly. */
function assertSameAnswer(actual: ReadAnswer, answer: CannedAnswer, label: string): void {
  const ids = actual.toolCalls.map((call) => call.id);
  assert.ok(ids.every((id) => id !== ''), `${label}: every tool call has an id`);
  assert.equal(new Set(ids).size, ids.length, `${label}: tool call ids are unique`);
  assert.deepEqual({ ...actual, toolCalls: actual.toolCalls.map((call) => ({ ...call, id: '' })) }, expected(answer), label);
}

/** Batchings of the canonical chunks: all at once, one by one, in pairs. */
function batchings(chunks: ChatCompletionChunk[]): Array<[string, ChatCompletionChunk[][]]> {
  const pairs: ChatCompletionChunk[][] = [];
  for (let start = 0; start < chunks.length; start += 2) pairs.push(chunks.slice(start, start + 2));
  return [
    ['all chunks at once', [chunks]],
    ['one chunk at a time', chunks.map((chunk) => [chunk])],
    ['two at a time', pairs],
  ];
}

const ERRORS: GatewayError[] = [
  invalidRequest('Invalid value for messages.', 'messages'),
  new GatewayError(401, 'Incorrect API key provided.', { type: 'invalid_request_error', code: 'invalid_api_key' }),
  new GatewayError(403, 'This API key is not allowed to use the model.', { type: 'permission_error', code: 'model_not_allowed' }),
  modelNotFound('nope'),
  new GatewayError(413, 'The request body is too large.', { type: 'invalid_request_error', code: 'request_too_large' }),
  new GatewayError(429, 'Rate limit reached.', { type: 'requests', code: 'rate_limit_exceeded' }),
  internalError(),
  upstreamError('The upstream failed.'),
  new GatewayError(503, 'No deployment is available.', { type: 'server_error', code: 'no_healthy_deployment' }),
  upstreamTimeout('The upstream did not answer in time.'),
];

for (const subject of doorsUnderTest) {
  describe(`conformance: ${subject.name} door`, () => {
    for (const [scenario, answer] of Object.entries(scenarios)) {
      if (subject.skipScenarios?.includes(scenario)) continue;
      test(`${scenario}: the non-streamed answer`, () => {
        const { inbound } = subject.codec.decode(subject.minimalRequest(false));
        const body: unknown = JSON.parse(JSON.stringify(subject.codec.encodeResponse(canonicalCompletion(answer), inbound, doorContext)));
        assertSameAnswer(subject.readResponse(body), answer, scenario);
      });

      test(`${scenario}: the streamed answer, in any batching`, () => {
        const { inbound } = subject.codec.decode(subject.minimalRequest(true));
        for (const [label, batches] of batchings(canonicalChunks(answer))) {
          const encoder = subject.codec.createStreamEncoder(inbound, doorContext);
          let sse = '';
          for (const batch of batches) sse += encoder.push(batch);
          sse += encoder.end(canonicalCompletion(answer).usage);
          assert.deepEqual(subject.streamViolations(sse), [], `${scenario}, ${label}: stream grammar`);
          assertSameAnswer(subject.readStream(sse), answer, `${scenario}, ${label}`);
        }
      });
    }

    test('errors have the door’s shape, streamed or not', () => {
      for (const error of ERRORS) {
        const read = subject.readError(JSON.parse(JSON.stringify(subject.codec.errorBody(error))));
        assert.equal(read.message, error.message, `${error.status}: the message is kept`);
        assert.ok(read.type !== '', `${error.status}: a type`);
        const event = subject.codec.streamError(error);
        assert.match(event, /\n\n$/, `${error.status}: one whole SSE event`);
        const data = /^data: (.*)$/m.exec(event)?.[1];
        assert.ok(data !== undefined, `${error.status}: the event carries data`);
        assert.equal(subject.readError(JSON.parse(data)).message, error.message);
      }
    });

    for (const requestCase of subject.requestCases) {
      test(`request: ${requestCase.label}`, () => {
        const { request } = subject.codec.decode(requestCase.body);
        const reparsed = parseChatRequest(JSON.parse(JSON.stringify(request)));
        assert.ok(reparsed.ok, `the canonical request passes the canonical schema: ${reparsed.ok ? '' : reparsed.error.message}`);
        requestCase.check(request);
      });
    }

    test('malformed bodies are a 400 naming the parameter', () => {
      for (const { label, body, param } of subject.invalidRequests) {
        assert.throws(
          () => subject.codec.decode(body),
          (error: unknown) => error instanceof GatewayError && error.status === 400 && (param === undefined || error.param === param),
          label,
        );
      }
    });
  });
}
