/**
 * GatewayError → Anthropic's error shapes (https://docs.claude.com/en/api/errors):
 * `{"type":"error","error":{"type","message"}}` as an HTTP body, and the same object as an
 * `event: error` once a stream has started. The type follows the status as Anthropic uses it:
 * 400 invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error,
 * 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 503 and 529 overloaded_error
 * (the SDK and Claude Code retry it), 504 timeout_error, other 5xx api_error, other 4xx
 * invalid_request_error. A missing provider configuration is not an overload: api_error.
 */
import type { GatewayError } from '../../core/errors.js';
import { namedEvent } from './named-event.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface MessagesErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
}

const BY_STATUS: Readonly<Record<number, AnthropicErrorType>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(error: GatewayError): AnthropicErrorType {
  if (error.code === 'provider_not_configured') return 'api_error';
  return BY_STATUS[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function messagesErrorBody(error: GatewayError): MessagesErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(error), message: error.message } };
}

export function messagesStreamError(error: GatewayError): string {
  return namedEvent('error', messagesErrorBody(error));
}
