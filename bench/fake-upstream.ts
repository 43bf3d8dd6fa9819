/**
 * A minimal, fast fake model upstream for the benchmark (node:http, no framework). Speaks:
 *   POST /v1/chat/completions                          OpenAI (stream + stream_options.include_usage)
 *   POST /flaky/v1/chat/completions                    OpenAI, but every other call is a 503
 *   POST /v1/messages                                  Anthropic Messages (stream or not)
 *   POST /v1/responses                                 OpenAI Responses (stream or not)
 *   POST /v1/embeddings                                OpenAI embeddings (float or base64)
 *   POST /v1beta/models/{model}:generateContent        Gemini
 *   POST /v1beta/models/{model}:streamGenerateContent  Gemini SSE (alt=sse)
 *   GET  /health
 *   POST /bench/config {chunks?, intervalMs?}          changes the stream defaults (a gateway does not
 *                                                       forward the per-request x-bench-* headers)
 * Per request: `x-bench-chunks` (content chunks per stream) and `x-bench-interval-ms` (pace).
 * Usage: node --import tsx bench/fake-upstream.ts --port N
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { anthropicMessage, anthropicStreamFrames } from './fake/anthropic-wire.js';
import { embeddingsResponse } from './fake/embeddings-wire.js';
import { geminiResponse, geminiStreamFrames } from './fake/gemini-wire.js';
import { booleanField, numberField, objectField, stringField } from './fake/json-fields.js';
import { openaiCompletion, openaiStreamFrames } from './fake/openai-wire.js';
import { responsesResponse, responsesStreamFrames } from './fake/responses-wire.js';
import { writeFrames } from './fake/stream-writer.js';
import { readPortArgument } from './lib/port-argument.js';

interface StreamDefaults {
  chunks: number;
  intervalMs: number;
}

const defaults: StreamDefaults = { chunks: 20, intervalMs: 0 };
/** Calls to the flaky deployment: every other one fails with a 503 (the failover cell). */
let flakyCalls = 0;
const maxChunks = 10_000;
let sequence = 0;

function headerNumber(request: IncomingMessage, name: string, fallback: number, max: number): number {
  const raw = request.headers[name];
  const value = typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? Math.min(value, max) : fallback;
}

function sendJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }));
}

function parseBody(raw: string): unknown {
  if (raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed;
  } catch {
    return undefined;
  }
}

const geminiPath = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function route(request: IncomingMessage, response: ServerResponse, body: unknown): void {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const chunks = Math.round(headerNumber(request, 'x-bench-chunks', defaults.chunks, maxChunks));
  const intervalMs = headerNumber(request, 'x-bench-interval-ms', defaults.intervalMs, 60_000);
  sequence += 1;
  const id = `bench${sequence}`;

  if (path === '/flaky/v1/chat/completions') {
    flakyCalls += 1;
    if (flakyCalls % 2 === 0) {
      return sendJson(response, 503, JSON.stringify({ error: { message: 'flaky deployment', type: 'server_error', param: null, code: null } }));
    }
    return sendJson(response, 200, openaiCompletion(id, stringField(body, 'model') ?? 'gpt-4o'));
  }
  if (path === '/v1/chat/completions') {
    const model = stringField(body, 'model') ?? 'gpt-4o';
    if (booleanField(body, 'stream') !== true) return sendJson(response, 200, openaiCompletion(id, model));
    const includeUsage = booleanField(objectField(body, 'stream_options'), 'include_usage') === true;
    return writeFrames(response, openaiStreamFrames(id, model, chunks, includeUsage), intervalMs);
  }
  if (path === '/v1/messages') {
    const model = stringField(body, 'model') ?? 'claude-sonnet-4-5';
    if (booleanField(body, 'stream') !== true) return sendJson(response, 200, anthropicMessage(id, model));
    return writeFrames(response, anthropicStreamFrames(id, model, chunks), intervalMs);
  }
  if (path === '/v1/responses') {
    const model = stringField(body, 'model') ?? 'gpt-4o';
    if (booleanField(body, 'stream') !== true) return sendJson(response, 200, responsesResponse(id, model));
    return writeFrames(response, responsesStreamFrames(id, model, chunks), intervalMs);
  }
  if (path === '/v1/embeddings') {
    const answer = embeddingsResponse(body);
    if (answer === undefined) return sendError(response, 400, "'input' is required");
    return sendJson(response, 200, answer);
  }
  const gemini = geminiPath.exec(path);
  if (gemini !== null) {
    const model = decodeURIComponent(gemini[1] ?? 'gemini-2.5-pro');
    if (gemini[2] === 'generateContent') return sendJson(response, 200, geminiResponse(id, model));
    return writeFrames(response, geminiStreamFrames(id, model, chunks), intervalMs);
  }
  if (path === '/bench/config') {
    const requestedChunks = numberField(body, 'chunks');
    const requestedInterval = numberField(body, 'intervalMs');
    if (requestedChunks !== undefined) defaults.chunks = Math.max(1, Math.min(maxChunks, Math.round(requestedChunks)));
    if (requestedInterval !== undefined) defaults.intervalMs = Math.max(0, Math.min(60_000, requestedInterval));
    return sendJson(response, 200, JSON.stringify(defaults));
  }
  sendError(response, 404, `No fake route for POST ${path}`);
}

const server = createServer((request, response) => {
  if (request.method === 'GET') {
    if (request.url === '/health') return sendJson(response, 200, '{"status":"ok"}');
    return sendError(response, 404, 'Not found');
  }
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    const body = parseBody(parts.length === 1 && parts[0] !== undefined ? parts[0].toString() : Buffer.concat(parts).toString());
    if (body === undefined) return sendError(response, 400, 'Body is not valid JSON');
    route(request, response, body);
  });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 0;
server.maxHeadersCount = 100;

const port = readPortArgument(process.argv.slice(2));
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
