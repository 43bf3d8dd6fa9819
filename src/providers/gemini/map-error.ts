/**
 * Gemini error bodies `{error:{code, message, status, details}}` → the OpenAI envelope (protocols.md C.7, E.7;
 * https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes). A bad key is 400 INVALID_ARGUMENT
 * with reason API_KEY_INVALID there: it becomes 401 and says the gateway's own key was refused, so the
 * client does not blame its key. 429 carries `RetryInfo.retryDelay` ("34.4s") → `retry-after`.
 */
import { GatewayError } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact.js';
import { geminiErrorSchema, type GeminiErrorBody } from './upstream-schema.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export function mapGeminiError(status: number, body: string, headers: Headers): GatewayError {
  const error = readError(body);
  const detail = error?.message ? redactSecrets(error.message) : `Gemini answered HTTP ${status}.`;
  const details = error?.details ?? [];

  if (status === 401 || details.some((entry) => entry.reason === 'API_KEY_INVALID') || /API key not valid/i.test(detail)) {
    return new GatewayError(401, `The Gemini provider refused the API key configured in the gateway: ${detail}`, {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    });
  }
  switch (status) {
    case 400:
      return new GatewayError(400, detail, {
        type: 'invalid_request_error',
        code: /exceeds the maximum number of tokens/i.test(detail) ? 'context_length_exceeded' : null,
      });
    case 403:
      return new GatewayError(403, detail, { type: 'permission_error', code: null });
    case 404:
      return new GatewayError(404, detail, { type: 'invalid_request_error', code: 'model_not_found', param: 'model' });
    case 429: {
      const retryAfter = retryAfterSeconds(details) ?? header(headers, 'retry-after');
      return new GatewayError(429, detail, {
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
        retryable: true,
      });
    }
    case 503:
      return new GatewayError(503, detail, { type: 'server_error', code: 'overloaded', retryable: true });
    case 504:
      return new GatewayError(504, detail, { type: 'server_error', code: 'timeout', retryable: true });
  }
  if (status >= 500 && status <= 599) {
    return new GatewayError(status, detail, { type: 'server_error', code: status === 500 ? null : 'upstream_error', retryable: true });
  }
  if (status >= 400 && status <= 499) {
    return new GatewayError(status, detail, { type: 'invalid_request_error', code: null, retryable: status === 408 || status === 409 });
  }
  return new GatewayError(502, `Gemini answered with unexpected HTTP ${status}: ${detail}`, { type: 'server_error', code: 'upstream_error', retryable: true });
}

/** An error object that arrived inside a 200 answer or stream (`{error:{code:503,…}}`): mapped by its own code. */
export function mapGeminiErrorPayload(payload: object): GatewayError {
  const error = 'error' in payload ? payload.error : undefined;
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : 500;
  return mapGeminiError(code, JSON.stringify(payload), {});
}

/** Errors sometimes come wrapped in an array (`[{"error":…}]`, seen on streamed calls). */
function readError(body: string): GeminiErrorBody['error'] | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const text = body.trim().slice(0, 500);
    return text === '' ? null : { message: text };
  }
  const parsed = geminiErrorSchema.safeParse(Array.isArray(json) ? json[0] : json);
  return parsed.success ? parsed.data.error : null;
}

function retryAfterSeconds(details: NonNullable<GeminiErrorBody['error']['details']>): string | undefined {
  for (const entry of details) {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(entry.retryDelay ?? '');
    if (match?.[1] !== undefined) return String(Math.max(1, Math.ceil(Number(match[1]))));
  }
  return undefined;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
