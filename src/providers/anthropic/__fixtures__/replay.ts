/**
 * Test support: loads fixtures, runs a stream through the converter and folds the resulting OpenAI
 * chunks back into one answer, so a stream can be compared with the answer it implies.
 */
import { readFileSync } from 'node:fs';
import type { ChatCompletionChunk, FinishReason, ToolCallDelta } from '../../../core/chat-response.js';
import { GatewayError } from '../../../core/errors.js';
import type { ReasoningDetail } from '../../../core/reasoning-details.js';
import type { Usage } from '../../../core/usage.js';
import type { SseEvent } from '../../../stream/sse-decoder.js';
import type { AdapterContext } from '../../adapter.js';
import { createAnthropicStreamConverter } from '../stream-converter.js';

const directory = new URL('./', import.meta.url);

export function readFixture(name: string): string {
  return readFileSync(new URL(name, directory), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}

/** `<name>.chunks.txt` as SSE events: one `data` per line, the event name taken from its `type`. */
export function readStreamFixture(name: string): SseEvent[] {
  return readFixture(`${name}.chunks.txt`)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed: unknown = JSON.parse(line);
      const type = typeof parsed === 'object' && parsed !== null && 'type' in parsed ? parsed.type : undefined;
      return { event: typeof type === 'string' ? type : undefined, data: line };
    });
}

export function testContext(overrides: Partial<AdapterContext> = {}): AdapterContext {
  let counter = 0;
  return {
    upstreamModel: 'claude-sonnet-4-5',
    stream: false,
    includeUsage: false,
    now: () => 1_760_000_000,
    newId: (prefix) => `${prefix}-test${++counter}`,
    ...overrides,
  };
}

export interface StreamRun {
  chunks: ChatCompletionChunk[];
  error: GatewayError | null;
  usage: Usage | undefined;
  done: boolean;
}

/** Pushes every event, then calls end(); an error thrown by either is captured. */
export function runStream(events: SseEvent[], context: AdapterContext): StreamRun {
  const converter = createAnthropicStreamConverter(context);
  const chunks: ChatCompletionChunk[] = [];
  try {
    for (const event of events) chunks.push(...converter.push(event));
    chunks.push(...converter.end());
    return { chunks, error: null, usage: converter.usage(), done: converter.done };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { chunks, error, usage: converter.usage(), done: converter.done };
  }
}

export interface FoldedAnswer {
  role: string | undefined;
  content: string | null;
  refusal: string | null;
  reasoning: string;
  reasoningDetails: ReasoningDetail[];
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: FinishReason | null;
  usage: Usage | undefined;
}

/** What an OpenAI client accumulates from the chunks (as the openai SDK's stream helpers do). */
export function foldChunks(chunks: ChatCompletionChunk[]): FoldedAnswer {
  const answer: FoldedAnswer = {
    role: undefined,
    content: null,
    refusal: null,
    reasoning: '',
    reasoningDetails: [],
    toolCalls: [],
    finishReason: null,
    usage: undefined,
  };
  for (const chunk of chunks) {
    if (chunk.usage) answer.usage = chunk.usage;
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (delta.role !== undefined) answer.role = delta.role;
      if (typeof delta.content === 'string' && delta.content !== '') answer.content = (answer.content ?? '') + delta.content;
      if (typeof delta.refusal === 'string') answer.refusal = (answer.refusal ?? '') + delta.refusal;
      if (delta.reasoning_content) answer.reasoning += delta.reasoning_content;
      if (delta.reasoning_details) answer.reasoningDetails.push(...delta.reasoning_details);
      for (const call of delta.tool_calls ?? []) foldToolCall(answer, call);
      if (choice.finish_reason !== null) answer.finishReason = choice.finish_reason;
    }
  }
  return answer;
}

function foldToolCall(answer: FoldedAnswer, call: ToolCallDelta): void {
  const existing = answer.toolCalls[call.index];
  if (existing === undefined) {
    answer.toolCalls[call.index] = { id: call.id ?? '', name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' };
    return;
  }
  existing.arguments += call.function?.arguments ?? '';
}
