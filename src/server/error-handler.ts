/**
 * The one place that turns any error into the OpenAI error envelope, including Fastify's own
 * (malformed JSON, body too large, bad content length) and anything unexpected (logged, 500).
 */
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl } from '../core/redact-url.js';
import { GatewayError, internalError, invalidJson, invalidRequest, notFound, requestTooLarge, toEnvelope } from '../core/errors.js';

export function toGatewayError(error: unknown, bodyLimitBytes: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const fastifyError = error as Partial<FastifyError> | undefined;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return requestTooLarge(bodyLimitBytes);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidJson('the body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidJson(fastifyError.message ?? 'malformed JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return invalidRequest('The Content-Length header does not match the body.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(415, 'Send the body as JSON (Content-Type: application/json).', {
        type: 'invalid_request_error',
        code: 'unsupported_media_type',
      });
    default:
      break;
  }
  if (error instanceof SyntaxError) return invalidJson(error.message);
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GatewayError(status, fastifyError?.message ?? 'Bad request.', { type: 'invalid_request_error', code: 'invalid_request' });
  }
  return internalError();
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's own error body (a door's shape, e.g. Anthropic's); OpenAI's envelope otherwise. */
    errorBody?: (error: GatewayError) => unknown;
  }
}

export function sendError(reply: FastifyReply, error: GatewayError, errorBody: (error: GatewayError) => unknown = toEnvelope): FastifyReply {
  return reply.code(error.status).headers(error.headers).send(errorBody(error));
}

export function makeErrorHandler(bodyLimitBytes: number) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const gatewayError = toGatewayError(error, bodyLimitBytes);
    logFailure(request.log, request.id, error, gatewayError);
    return sendError(reply, gatewayError, request.routeOptions.config.errorBody);
  };
}

/** A 5xx is the gateway's problem (logged with the exception); a 4xx the client's (debug only). */
export function logFailure(log: Pick<FastifyBaseLogger, 'error' | 'debug'>, requestId: string, error: unknown, gatewayError: GatewayError): void {
  if (gatewayError.status >= 500) log.error({ request_id: requestId, err: error, code: gatewayError.code }, 'request failed');
  else log.debug({ request_id: requestId, code: gatewayError.code }, gatewayError.message);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, notFound(`Unknown route: ${request.method} ${redactUrl(request.url.split('?')[0] ?? '')}`));
}
