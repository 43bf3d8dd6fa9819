/**
 * Renders a CannedAnswer exactly as Gemini's generateContent / streamGenerateContent?alt=sse send it
 * (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse; protocols.md C.3, C.5):
 * - `reasoning` → `thought: true` parts (thought summaries); the `thoughtSignature` of a thinking turn
 *   sits on its first `functionCall` part when it called tools (protocols.md C.4,
 *   https://ai.google.dev/gemini-api/docs/thought-signatures), else on the last thought part;
 * - tool calls → whole `functionCall` parts (no arguments streaming), with `functionCall.id` only when
 *   the canned call has an id (the Developer API usually leaves it empty); finish is STOP;
 * - usage on every stream chunk as running totals: candidatesTokenCount excludes thoughts, which are in
 *   thoughtsTokenCount; cached reads in cachedContentTokenCount (Gemini has no cache-write count);
 * - SSE blocks `data: <json>\n\n`, no event names and no [DONE]: the stream just ends.
 */
import type { CannedAnswer, WireWriter } from './canned-answer.js';
import { pieces } from './openai-wire.js';

/** Deterministic placeholder signature (real ones are opaque base64). */
export const FAKE_THOUGHT_SIGNATURE = 'RmFrZVRob3VnaHRTaWduYXR1cmUx';

const FINISH: Record<CannedAnswer['finish'], string> = { stop: 'STOP', tool_calls: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY' };

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

type Part = Record<string, unknown>;

function usageMetadata(answer: CannedAnswer, visibleSoFar?: number): Record<string, unknown> {
  const { usage } = answer;
  const thoughts = usage.reasoning ?? 0;
  const candidates = visibleSoFar ?? usage.completion - thoughts;
  return {
    promptTokenCount: usage.prompt,
    ...(candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: usage.prompt + candidates + thoughts,
    ...(usage.cachedRead ? { cachedContentTokenCount: usage.cachedRead } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.prompt }],
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
}

function functionCallParts(answer: CannedAnswer): Part[] {
  return (answer.toolCalls ?? []).map((call, position) => ({
    functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args: call.arguments },
    // Only the first call of a parallel batch carries the turn's signature.
    ...(position === 0 && answer.reasoning ? { thoughtSignature: FAKE_THOUGHT_SIGNATURE } : {}),
  }));
}

/** Where the turn's signature goes when it did not call tools: the last thought part. */
const signsThoughts = (answer: CannedAnswer): boolean => (answer.toolCalls ?? []).length === 0;

function response(candidate: Record<string, unknown> | null, usage: Record<string, unknown>, model: string, responseId: string) {
  return { ...(candidate === null ? {} : { candidates: [{ ...candidate, index: 0 }] }), usageMetadata: usage, modelVersion: model, responseId };
}

export const geminiWire: WireWriter = {
  kind: 'gemini',

  completion(answer, model) {
    const parts: Part[] = [];
    if (answer.reasoning) parts.push({ text: answer.reasoning, thought: true, ...(signsThoughts(answer) ? { thoughtSignature: FAKE_THOUGHT_SIGNATURE } : {}) });
    if (answer.text) parts.push({ text: answer.text });
    parts.push(...functionCallParts(answer));
    const candidate: Record<string, unknown> = {
      ...(parts.length > 0 ? { content: { parts, role: 'model' } } : {}),
      finishReason: FINISH[answer.finish],
      ...(answer.finish === 'tool_calls' ? { finishMessage: 'Model generated function call(s).' } : {}),
    };
    return response(candidate, usageMetadata(answer), model, 'fakeGeminiResponse0001');
  },

  stream(answer, model) {
    const id = 'fakeGeminiResponse0002';
    const visible = answer.usage.completion - (answer.usage.reasoning ?? 0);
    const event = (candidate: Record<string, unknown> | null, usage: Record<string, unknown>) => `data: ${JSON.stringify(response(candidate, usage, model, id))}\n\n`;
    const content = (parts: Part[]) => ({ content: { parts, role: 'model' } });
    const events: string[] = [];

    const thoughts = answer.reasoning ? pieces(answer.reasoning) : [];
    thoughts.forEach((piece, index) => {
      const signed = index === thoughts.length - 1 && signsThoughts(answer);
      const part: Part = { text: piece, thought: true, ...(signed ? { thoughtSignature: FAKE_THOUGHT_SIGNATURE } : {}) };
      events.push(event(content([part]), usageMetadata(answer, 0)));
    });
    const texts = answer.text ? pieces(answer.text) : [];
    texts.forEach((piece, index) => {
      const soFar = Math.max(1, Math.round((visible * (index + 1)) / texts.length));
      events.push(event(content([{ text: piece }]), usageMetadata(answer, Math.min(soFar, visible))));
    });
    const calls = functionCallParts(answer);
    if (calls.length > 0) events.push(event(content(calls), usageMetadata(answer)));
    // The closing chunk: an empty text part and the finish reason (a blocked answer has no content at all).
    const closing = answer.finish === 'content_filter' ? {} : content([{ text: '' }]);
    events.push(event({ ...closing, finishReason: FINISH[answer.finish] }, usageMetadata(answer)));
    return events;
  },

  error(status, message) {
    return { error: { code: status, message, status: STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION') } };
  },
};
