/**
 * Anthropic errors → GatewayError in the OpenAI envelope (protocols.md E.7; error types from
 * https://docs.claude.com/en/api/errors). Used for HTTP error answers and for `error` events that
 * arrive inside a 200 stream, which carry only the error type. The upstream message is kept
 * (secrets redacted) with Anthropic's request id, useful when asking Anthropic support.
 */
import { GatewayError, type ErrorType } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact.js';
import { anthropicErrorBodySchema } from './anthropic-response-schema.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The HTTP status Anthropic uses for each error type (for errors that arrive mid-stream). */
const STATUS_OF_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  conflict_error: 409,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

interface Mapping {
  status: number;
  type: ErrorType;
  code: string | null;
  retryable: boolean;
  param?: string;
}

function mapStatus(status: number, message: string): Mapping {
  switch (status) {
    case 400:
      // "prompt is too long: 212345 tokens > 200000 maximum"
      return /prompt is too long|context window|too many (input )?tokens/i.test(message)
        ? { status, type: 'invalid_request_error', code: 'context_length_exceeded', retryable: false, param: 'messages' }
        : { status, type: 'invalid_request_error', code: null, retryable: false };
    case 401:
      return { status, type: 'invalid_request_error', code: 'invalid_api_key', retryable: false };
    case 402:
      return { status, type: 'insufficient_quota', code: 'insufficient_quota', retryable: false };
    case 403:
      return { status, type: 'permission_error', code: null, retryable: false };
    case 404:
      return { status, type: 'invalid_request_error', code: 'model_not_found', retryable: false, param: 'model' };
    case 409:
      return { status, type: 'invalid_request_error', code: null, retryable: true };
    case 413:
      return { status, type: 'invalid_request_error', code: 'request_too_large', retryable: false };
    case 429:
      return { status, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryable: true };
    case 504:
      return { status, type: 'timeout', code: 'upstream_timeout', retryable: true };
    case 529:
      // Anthropic's "overloaded" has no OpenAI status; 503 is what OpenAI clients retry on.
      return { status: 503, type: 'server_error', code: 'overloaded', retryable: true };
    default:
      if (status >= 500) return { status, type: 'server_error', code: status === 500 ? null : 'upstream_error', retryable: true };
      if (status >= 400) return { status, type: 'invalid_request_error', code: null, retryable: status === 408 };
      return { status: 502, type: 'server_error', code: 'upstream_error', retryable: true };
  }
}

function describe(status: number, message: string): string {
  if (status === 401) {
    return `Anthropic refused the API key configured in the gateway for this provider (not your Switchyard key): ${message}`;
  }
  if (status === 402) return `The gateway's Anthropic account cannot be billed: ${message}`;
  return message;
}

function build(status: number, rawMessage: string, requestId: string | null, headers: Headers): GatewayError {
  const message = redactSecrets(rawMessage.trim() === '' ? `Anthropic answered HTTP ${status}.` : rawMessage.trim());
  const mapping = mapStatus(status, message);
  const forwarded: Record<string, string> = {};
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined && (mapping.status === 429 || mapping.status >= 500)) forwarded['retry-after'] = retryAfter;
  if (mapping.type === 'insufficient_quota') forwarded['x-should-retry'] = 'false';
  const suffix = requestId === null ? '' : ` (Anthropic request id: ${requestId})`;
  return new GatewayError(mapping.status, `${describe(status, message)}${suffix}`, {
    type: mapping.type,
    code: mapping.code,
    param: mapping.param ?? null,
    headers: forwarded,
    retryable: mapping.retryable,
  });
}

/** An HTTP error answer from Anthropic. */
export function mapAnthropicError(status: number, body: string, headers: Headers): GatewayError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Cloudflare and load balancers answer with HTML or plain text (413, 502…).
    return build(status, body.slice(0, 500), header(headers, 'request-id') ?? null, headers);
  }
  const parsed = anthropicErrorBodySchema.safeParse(json);
  if (!parsed.success) return build(status, body.slice(0, 500), header(headers, 'request-id') ?? null, headers);
  const requestId = parsed.data.request_id ?? header(headers, 'request-id') ?? null;
  return build(status, parsed.data.error.message, requestId, headers);
}

/** An `event: error` inside a stream that started with HTTP 200: the type decides the status. */
export function mapAnthropicStreamError(errorType: string, message: string): GatewayError {
  return build(STATUS_OF_TYPE[errorType] ?? 500, message, null, {});
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
