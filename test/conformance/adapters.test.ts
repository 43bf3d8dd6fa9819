/**
 * The adapter conformance suite: every adapter, fed its provider's rendering of the same canned
 * answers (test/fakes/*-wire.ts), must give the same OpenAI answer, streamed or not, and its stream
 * must obey OpenAI's chunk rules (stream-rules.ts); its errors must map to sensible OpenAI envelopes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toEnvelope } from '../../src/core/errors.js';
import { testContext } from '../../src/providers/test-context.js';
import { adaptersUnderTest } from './adapters-under-test.js';
import { assembleStream } from './assemble-stream.js';
import { assertToolCalls, assertUsage } from './expect-answer.js';
import { runStream } from './run-stream.js';
import { scenarios } from './scenarios.js';
import { streamRuleViolations } from './stream-rules.js';

/** Whole body; one byte at a time (splits lines and UTF-8 characters); and without usage. */
const streamRuns = [
  { label: 'whole body, usage asked', sliceSize: null, includeUsage: true },
  { label: '1-byte slices, usage asked', sliceSize: 1, includeUsage: true },
  { label: '7-byte slices, no usage asked', sliceSize: 7, includeUsage: false },
] as const;

for (const subject of adaptersUnderTest) {
  describe(`conformance: ${subject.name} adapter`, () => {
    const model = subject.upstreamModel;

    for (const [scenario, answer] of Object.entries(scenarios)) {
      test(`${scenario}: the non-streamed answer`, () => {
        const wire: unknown = JSON.parse(JSON.stringify(subject.writer.completion(answer, model)));
        const completion = subject.adapter.convertResponse(wire, testContext({ upstreamModel: model }));
        assert.equal(completion.object, 'chat.completion');
        assert.ok(completion.id !== '' && Number.isInteger(completion.created));
        assert.equal(completion.choices.length, 1);
        const choice = completion.choices[0];
        assert.ok(choice);
        assert.equal(choice.logprobs, null);
        assert.equal(choice.finish_reason, answer.finish);
        assert.equal(choice.message.role, 'assistant');
        assert.equal(choice.message.content, answer.text ?? null);
        assert.equal(choice.message.refusal, null);
        assert.equal(choice.message.reasoning_content, answer.reasoning);
        const calls = (choice.message.tool_calls ?? []).map((call) => {
          assert.equal(call.type, 'function');
          return { id: call.id, name: call.function.name, arguments: call.function.arguments };
        });
        assertToolCalls(calls, answer, 'message');
        assertUsage(completion.usage, answer, 'completion.usage');
      });

      for (const run of streamRuns) {
        test(`${scenario}: streamed (${run.label})`, () => {
          const context = testContext({ upstreamModel: model, stream: true, includeUsage: run.includeUsage });
          const { chunks, metered } = runStream(subject.adapter, context, subject.streamEvents(answer), run.sliceSize);
          assert.deepEqual(streamRuleViolations(chunks, run.includeUsage), []);

          const streamed = assembleStream(chunks);
          assert.equal(streamed.content, answer.text ?? null);
          assert.equal(streamed.refusal, null);
          assert.equal(streamed.reasoning, answer.reasoning ?? '');
          assertToolCalls(streamed.toolCalls, answer, 'streamed');
          assert.equal(streamed.finishReason, answer.finish);
          if (run.includeUsage) assertUsage(streamed.usage, answer, 'usage chunk');
          assertUsage(metered, answer, 'metered usage');
        });
      }

      test(`${scenario}: streamed and non-streamed answers carry the same ids and signed reasoning`, () => {
        const completion = subject.adapter.convertResponse(
          JSON.parse(JSON.stringify(subject.writer.completion(answer, model))),
          testContext({ upstreamModel: model }),
        );
        const message = completion.choices[0]?.message;
        const streamed = assembleStream(runStream(subject.adapter, testContext({ upstreamModel: model, stream: true }), subject.streamEvents(answer), null).chunks);
        assert.deepEqual(streamed.reasoningDetails, message?.reasoning_details ?? []);
        // Gemini usually sends no call ids (the gateway makes them); the others always do, and both paths keep them.
        const upstreamIds = subject.name !== 'gemini' || (answer.toolCalls ?? []).every((call) => call.id !== undefined);
        if (upstreamIds) assert.deepEqual(streamed.toolCalls.map((call) => call.id), (message?.tool_calls ?? []).map((call) => call.id));
      });
    }

    test('upstream errors map to the OpenAI envelope with sensible retry flags', () => {
      const cases = [
        { status: 400, type: 'invalid_request_error', code: undefined, retryable: false },
        { status: 401, type: 'invalid_request_error', code: 'invalid_api_key', retryable: false },
        { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryable: true },
        { status: 500, type: 'server_error', code: undefined, retryable: true },
        { status: 503, type: 'server_error', code: undefined, retryable: true },
      ] as const;
      for (const expected of cases) {
        const label = `HTTP ${expected.status}`;
        const headers = expected.status === 429 ? { 'retry-after': '7' } : {};
        const error = subject.adapter.mapError(expected.status, JSON.stringify(subject.writer.error(expected.status, 'Boom from upstream')), headers);
        const envelope = toEnvelope(error).error;
        assert.equal(error.status, expected.status, label);
        assert.equal(envelope.type, expected.type, label);
        if (expected.code !== undefined) assert.equal(envelope.code, expected.code, label);
        assert.ok(envelope.code === null || typeof envelope.code === 'string', label);
        assert.ok(envelope.param === null || typeof envelope.param === 'string', label);
        assert.match(envelope.message, /Boom from upstream/, label);
        assert.equal(error.retryable, expected.retryable, label);
        if (expected.status === 429) assert.equal(error.headers['retry-after'], '7', `${label}: retry-after kept`);
      }
    });
  });
}
