/**
 * OpenAI Chat Completions wire, as api.openai.com sends it.
 * https://platform.openai.com/docs/api-reference/chat/object
 * https://platform.openai.com/docs/api-reference/chat-streaming
 */
import { answerPiece, answerText, answerTokens, completionTokens, createdAt, promptTokens } from './answer.js';

function usage(completion: number): string {
  return JSON.stringify({
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  });
}

const answerContent = JSON.stringify(answerText);
const answerUsage = usage(answerTokens);

export function openaiCompletion(id: string, model: string): string {
  return (
    `{"id":"chatcmpl-${id}","object":"chat.completion","created":${createdAt},"model":${JSON.stringify(model)},` +
    `"choices":[{"index":0,"message":{"role":"assistant","content":${answerContent},"refusal":null,"annotations":[]},` +
    `"logprobs":null,"finish_reason":"stop"}],"usage":${answerUsage},"service_tier":"default","system_fingerprint":"fp_bench"}`
  );
}

/** The SSE frames of a stream with `chunks` content pieces, a finish chunk, an optional usage chunk and `[DONE]`. */
export function openaiStreamFrames(id: string, model: string, chunks: number, includeUsage: boolean): string[] {
  const head = `{"id":"chatcmpl-${id}","object":"chat.completion.chunk","created":${createdAt},"model":${JSON.stringify(model)},"service_tier":"default","system_fingerprint":"fp_bench","choices":`;
  const frames: string[] = [];
  for (let index = 0; index < chunks; index += 1) {
    const role = index === 0 ? '"role":"assistant",' : '';
    const delta = `{${role}"content":${JSON.stringify(answerPiece(index))}}`;
    frames.push(`data: ${head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":null}]}\n\n`);
  }
  frames.push(`data: ${head}[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}\n\n`);
  if (includeUsage) frames.push(`data: ${head}[],"usage":${usage(completionTokens(chunks))}}\n\n`);
  frames.push('data: [DONE]\n\n');
  return frames;
}
