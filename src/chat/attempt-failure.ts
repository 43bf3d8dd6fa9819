/**
 * Where an attempt's failure came from decides what it does to the deployment: only upstream-side
 * failures (unreachable, timeouts, 5xx, 429, malformed answers) count towards a cooldown. Whatever the
 * request or the gateway itself caused (a refusal while translating, a 4xx from the provider, an
 * exception in our own code) never takes a shared deployment out of rotation for everyone else.
 */
import { GatewayError, internalError, upstreamError } from '../core/errors.js';

/** A failure while building the upstream request: the request's (GatewayError) or ours — never the upstream's. */
export function translationFailure(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : internalFailure(error);
}

/**
 * A failure in what the upstream answered (its error status, its body or stream). Its 5xx become 502
 * `upstream_error` (design.md §4: the client sees that the upstream failed, not the upstream's own
 * 503 or 529); a 429 keeps its status but counts against the deployment.
 */
export function answerFailure(error: unknown, provider: string, upstreamStatus: number | null = null): GatewayError {
  if (!(error instanceof GatewayError)) return internalFailure(error);
  if (error.status === 429 && !error.deploymentFault) {
    return new GatewayError(429, error.message, { type: error.type, code: error.code, param: error.param, headers: error.headers, retryable: error.retryable, deploymentFault: true, cause: error });
  }
  if (error.status >= 500 && error.status !== 502 && error.status !== 504) {
    return upstreamError(`The upstream ${provider} failed (HTTP ${upstreamStatus ?? error.status}): ${error.message}`, error, error.headers);
  }
  if (error.status === 502 && !error.deploymentFault) return upstreamError(error.message, error, error.headers);
  return error;
}

/** An exception in the gateway's own code: a 500 that is never retried and never blamed on the upstream. */
export function internalFailure(cause: unknown): GatewayError {
  return internalError(undefined, cause);
}
