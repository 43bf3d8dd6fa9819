/**
 * Typed errors used everywhere inside Switchyard. Exactly one place (server/error-handler.ts and the
 * SSE encoder for mid-stream failures) turns them into the OpenAI error envelope.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'requests'
  | 'tokens'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'server_error'
  | 'timeout';

export interface GatewayErrorOptions {
  type: ErrorType;
  code: string | null;
  param?: string | null;
  /** Extra response headers (Retry-After, x-ratelimit-*, x-should-retry). */
  headers?: Record<string, string>;
  /** Whether another attempt (retry or fallback) may succeed. */
  retryable?: boolean;
  /**
   * The failure says the deployment is unhealthy (connect error, timeout, 5xx, 429, a malformed
   * answer), so it counts towards a cooldown. Never set for what the gateway or the request caused.
   */
  deploymentFault?: boolean;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;
  readonly retryable: boolean;
  readonly deploymentFault: boolean;

  constructor(status: number, message: string, options: GatewayErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.status = status;
    this.type = options.type;
    this.code = options.code;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
    this.retryable = options.retryable ?? false;
    this.deploymentFault = options.deploymentFault ?? false;
  }
}

export interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function toEnvelope(error: GatewayError): ErrorEnvelope {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}

export const invalidJson = (detail: string): GatewayError =>
  new GatewayError(400, `We could not parse the JSON body of your request: ${detail}`, {
    type: 'invalid_request_error',
    code: 'invalid_json',
  });

export const invalidRequest = (message: string, param: string | null = null): GatewayError =>
  new GatewayError(400, message, { type: 'invalid_request_error', code: 'invalid_request', param });

export const unsupportedParameter = (param: string, message: string): GatewayError =>
  new GatewayError(400, message, { type: 'invalid_request_error', code: 'unsupported_parameter', param });

export const invalidApiKey = (message = 'Incorrect or missing API key. Send it as "Authorization: Bearer <key>".'): GatewayError =>
  new GatewayError(401, message, { type: 'invalid_request_error', code: 'invalid_api_key' });

export const forbidden = (message: string, code: string | null = null): GatewayError =>
  new GatewayError(403, message, { type: 'permission_error', code });

export const modelNotAllowed = (model: string): GatewayError =>
  forbidden(`This API key is not allowed to use the model \`${model}\`.`, 'model_not_allowed');

export const modelNotFound = (model: string): GatewayError =>
  new GatewayError(404, `The model \`${model}\` does not exist or this gateway is not configured to serve it.`, {
    type: 'invalid_request_error',
    code: 'model_not_found',
    param: 'model',
  });

export const notFound = (message: string): GatewayError =>
  new GatewayError(404, message, { type: 'invalid_request_error', code: 'not_found' });

export const requestTooLarge = (limitBytes: number): GatewayError =>
  new GatewayError(413, `The request body is larger than the limit of ${limitBytes} bytes.`, {
    type: 'invalid_request_error',
    code: 'request_too_large',
  });

export const providerNotConfigured = (provider: string, variable: string | null): GatewayError =>
  new GatewayError(
    503,
    variable === null
      ? `The provider \`${provider}\` is not configured.`
      : `The provider \`${provider}\` is not configured. Set ${variable} (or add it under providers: in the config file).`,
    { type: 'server_error', code: 'provider_not_configured', headers: { 'x-should-retry': 'false' } },
  );

/** The upstream failed (unreachable, 5xx, a malformed answer): 502, retried, counted against the deployment. */
export const upstreamError = (message: string, cause?: unknown, headers?: Record<string, string>): GatewayError =>
  new GatewayError(502, message, { type: 'server_error', code: 'upstream_error', retryable: true, deploymentFault: true, cause, ...(headers ? { headers } : {}) });

export const upstreamTimeout = (message: string): GatewayError =>
  new GatewayError(504, message, { type: 'timeout', code: 'upstream_timeout', retryable: true, deploymentFault: true });

export const internalError = (message = 'The gateway failed unexpectedly while handling this request.', cause?: unknown): GatewayError =>
  new GatewayError(500, message, { type: 'server_error', code: 'internal_error', cause });
