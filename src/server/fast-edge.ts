/**
 * The calls' own HTTP edge. A proxied call is mostly bookkeeping around two small HTTP exchanges,
 * and Fastify's per-request machinery (routing, hooks, content-type parsing, request and reply
 * objects, serialisation) cost as much as a fifth of it; the bare proxy this gateway is measured
 * against pays the same. So a POST to the exact path of a door or of embeddings (any query) is
 * served here, on node:http, by the same pieces Fastify's route uses: the request id, the
 * compressed-body refusal, authentication (any valid key: these are `client` routes,
 * route-access.ts), the one JSON body reader, the route's own call (door-call.ts for the doors,
 * routes/embeddings.ts) and its error body. Every other request — other routes, other spellings of
 * these paths, other methods — goes to Fastify, where the same routes are registered and answer alike.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { ChatService } from '../chat/chat-service.js';
import { GatewayError, toEnvelope } from '../core/errors.js';
import type { DoorCodec } from '../doors/door.js';
import type { ChatCall, StreamSink } from '../chat/chat-types.js';
import { callFor, responseSink, serveDoor, type SendJson } from './door-call.js';
import { logFailure, toGatewayError } from './error-handler.js';
import { readJsonBody } from './json-body.js';
import { requestIdFor } from './request-id.js';

export interface FastEdgeDeps {
  authenticator: Authenticator;
  log: FastifyBaseLogger;
  bodyLimitBytes: number;
  /** True once the server is shutting down: new calls get a 503, as Fastify's own routes do. */
  closing: () => boolean;
}

/** What the edge serves on one exact path: the call itself, and the shape its errors answer in. */
export interface EdgeRoute {
  serve(call: ChatCall, body: unknown, output: { sink: () => StreamSink; json: SendJson }): Promise<void>;
  errorBody(error: GatewayError): unknown;
}

/** Path → route; a request is served here only when its method is POST and its path one of these. */
export type EdgeRoutes = ReadonlyMap<string, EdgeRoute>;

/** A door's edge route: the shared door call (door-call.ts) with the door's error body. */
export function doorEdgeRoute(chat: ChatService, codec: DoorCodec<unknown>): EdgeRoute {
  return {
    serve: (call, body, output) => serveDoor(chat, codec, call, body, output),
    errorBody: (error) => codec.errorBody(error) ?? toEnvelope(error),
  };
}

/** Serves the request if it is a door call; false leaves it to Fastify. */
export function fastEdge(deps: FastEdgeDeps, routes: EdgeRoutes): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    if (request.method !== 'POST') return false;
    const url = request.url ?? '';
    const questionMark = url.indexOf('?');
    const route = routes.get(questionMark === -1 ? url : url.slice(0, questionMark));
    if (route === undefined) return false;
    serve(deps, route, request, response);
    return true;
  };
}

function serve(deps: FastEdgeDeps, route: EdgeRoute, request: IncomingMessage, response: ServerResponse): void {
  const startedAt = performance.now();
  const requestId = requestIdFor();
  const fail = (error: unknown) => answerError(deps, route, request, response, requestId, startedAt, error);
  let principal;
  try {
    if (deps.closing()) throw closingError();
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') throw compressedBodyError(encoding);
    const apiKey = request.headers['x-api-key'];
    principal = deps.authenticator.authenticate(request.headers.authorization, typeof apiKey === 'string' ? apiKey : undefined);
  } catch (error) {
    // The body is never read: the connection closes after the answer, as Fastify does.
    response.setHeader('connection', 'close');
    fail(error);
    return;
  }
  const call = callFor(request, response, requestId, principal, startedAt);
  readJsonBody(request.headers, request, deps.bodyLimitBytes, (bodyError, body) => {
    if (bodyError !== null) {
      response.setHeader('connection', 'close');
      fail(bodyError);
      return;
    }
    route.serve(call, body, {
      sink: () => responseSink(response, requestId),
      json: (headers, answer) => {
        const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
        response.writeHead(200, headList(requestId, headers, Buffer.byteLength(text)));
        response.end(text);
      },
    }).catch(fail);
  });
}

function answerError(deps: FastEdgeDeps, route: EdgeRoute, request: IncomingMessage, response: ServerResponse, requestId: string, startedAt: number, error: unknown): void {
  const gatewayError = toGatewayError(error, deps.bodyLimitBytes);
  logFailure(deps.log, requestId, error, gatewayError);
  if (response.headersSent) {
    // A stream that failed after its head went out ends here (stream-chat.ts sends the error event).
    if (!response.writableEnded) response.end();
    return;
  }
  const text = JSON.stringify(route.errorBody(gatewayError));
  response.writeHead(gatewayError.status, { ...gatewayError.headers, 'x-request-id': requestId, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  response.end(text);
  deps.log.info(
    { request_id: requestId, method: request.method, url: request.url, status: gatewayError.status, ms: Math.round(performance.now() - startedAt) },
    'request completed',
  );
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON answer's head as one flat [name, value, …] list for writeHead. Given an object after
 * setHeader, Node merges the two through setHeader, one header at a time (lower-casing, a
 * [name, value] pair each, then validating every one again as it writes the head); a list with
 * nothing set before goes straight into the head, each header validated once.
 */
function headList(requestId: string, headers: readonly string[], length: number): string[] {
  return ['x-request-id', requestId, ...headers, 'content-type', JSON_TYPE, 'content-length', String(length)];
}

const closingError = (): GatewayError =>
  new GatewayError(503, 'The gateway is shutting down; retry on another instance.', { type: 'server_error', code: 'shutting_down', headers: { 'retry-after': '1' } });

export const compressedBodyError = (encoding: string): GatewayError =>
  new GatewayError(415, `Compressed request bodies (Content-Encoding: ${encoding}) are not accepted; send plain JSON.`, {
    type: 'invalid_request_error',
    code: 'unsupported_encoding',
  });
