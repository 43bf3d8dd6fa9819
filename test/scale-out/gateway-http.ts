/**
 * Plain-fetch calls against a gateway process (every call bounded), with the answers' bodies
 * checked by small schemas instead of casts, and a bounded poll.
 */
import { z } from 'zod';

export const MASTER_KEY = 'sy-scale-out-master-key-0123456789';

const CALL_TIMEOUT_MS = 10_000;

export const errorBody = z.object({ error: z.object({ message: z.string(), type: z.string(), code: z.string().nullable(), param: z.string().nullable() }) });

export const keyView = z.object({
  id: z.string(),
  name: z.string(),
  rpm: z.number().nullable(),
  budget_usd: z.number().nullable(),
  revoked_at: z.string().nullable(),
  spend_usd: z.number(),
});
export const createdKey = keyView.extend({ key: z.string() });

export const usageReport = z.object({
  data: z.array(z.object({ group: z.string(), requests: z.number(), prompt_tokens: z.number(), completion_tokens: z.number(), cost_usd: z.number() })),
});

export interface ChatAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface ChatOptions {
  model?: string;
  content?: string;
  maxTokens?: number;
}

export async function chat(baseUrl: string, key: string, options: ChatOptions = {}): Promise<ChatAnswer> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: options.model ?? 'gpt-4o',
      messages: [{ role: 'user', content: options.content ?? 'hi' }],
      ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
    }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseJson(text) };
}

/** The error code of a refusal, or null when the body is not the OpenAI error envelope. */
export function errorCode(answer: ChatAnswer): string | null {
  const parsed = errorBody.safeParse(answer.body);
  return parsed.success ? parsed.data.error.code : null;
}

export async function adminCall(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: parseJson(await response.text()) };
}

/** Creates a key through the admin API of this instance. */
export async function createKey(baseUrl: string, input: Record<string, unknown>): Promise<z.infer<typeof createdKey>> {
  const answer = await adminCall(baseUrl, 'POST', '/admin/keys', input);
  if (answer.status !== 201) throw new Error(`POST /admin/keys answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return createdKey.parse(answer.body);
}

/** The status of GET /v1/models with this key: authenticates without touching any limit. */
export async function probeKey(baseUrl: string, key: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Polls `check` every `intervalMs` until it returns a value (not undefined); throws after
 * `timeoutMs`, naming `what`. Resolves with the value and how long it took.
 */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 20): Promise<{ value: T; elapsedMs: number }> {
  const started = performance.now();
  const maxRounds = Math.ceil(timeoutMs / intervalMs) + 1;
  let last: unknown = undefined;
  for (let round = 0; round < maxRounds && performance.now() - started <= timeoutMs; round++) {
    try {
      const value = await check();
      if (value !== undefined) return { value, elapsedMs: performance.now() - started };
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : ` (last error: ${String(last)})`}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
