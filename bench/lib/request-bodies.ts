/**
 * The small request every cell sends, in each wire the gateway speaks or calls: the same system
 * prompt and question as OpenAI chat, Anthropic Messages, OpenAI Responses and Gemini bodies, and
 * one embeddings input. Each function returns the body text and the answer shape to check.
 */
import type { BenchRequest } from './http-request.js';

const system = 'You are a helpful assistant. Answer briefly.';
const question = 'What is the capital of France? Answer in two sentences.';

export function chatRequest(origin: string, key: string, model: string, stream: boolean): BenchRequest {
  return {
    url: `${origin}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: question },
      ],
      max_tokens: 64,
      temperature: 0.2,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    }),
    expect: stream ? 'openai-stream' : 'openai',
  };
}

/** Authenticated as Claude Code does it: `x-api-key` and `anthropic-version`. */
export function messagesRequest(origin: string, key: string, model: string, stream: boolean): BenchRequest {
  return {
    url: `${origin}/v1/messages`,
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model,
      max_tokens: 64,
      temperature: 0.2,
      system,
      messages: [{ role: 'user', content: question }],
      ...(stream ? { stream: true } : {}),
    }),
    expect: stream ? 'anthropic-stream' : 'anthropic',
  };
}

/** Stateless, as Codex sends it: the whole conversation as `input`, `store: false`. */
export function responsesRequest(origin: string, key: string, model: string, stream: boolean): BenchRequest {
  return {
    url: `${origin}/v1/responses`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      model,
      instructions: system,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: question }] }],
      max_output_tokens: 64,
      temperature: 0.2,
      store: false,
      ...(stream ? { stream: true } : {}),
    }),
    expect: stream ? 'responses-stream' : 'responses',
  };
}

export function geminiRequest(origin: string, key: string, model: string): BenchRequest {
  return {
    url: `${origin}/v1beta/models/${model}:generateContent`,
    headers: { 'content-type': 'application/json', 'x-goog-api-key': key },
    body: JSON.stringify({
      systemInstruction: { parts: [{ text: system }] },
      contents: [{ role: 'user', parts: [{ text: question }] }],
      generationConfig: { maxOutputTokens: 64, temperature: 0.2 },
    }),
    expect: 'gemini',
  };
}

/** One input, base64 vectors: what the openai SDK sends by default. */
export function embeddingsRequest(origin: string, key: string, model: string): BenchRequest {
  return {
    url: `${origin}/v1/embeddings`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, input: 'The food was delicious and the waiter was friendly.', encoding_format: 'base64' }),
    expect: 'embeddings',
  };
}
