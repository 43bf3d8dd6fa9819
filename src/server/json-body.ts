/**
 * The one body parser: every content type is read as JSON (curl -d sends form encoding by default),
 * an empty body is "no body" (many HTTP clients send `Content-Type: application/json` on a DELETE),
 * Fastify's prototype-poisoning protection is kept, and absurd nesting is refused before any other
 * work — a schema nested thousands deep would otherwise overflow the stack somewhere downstream.
 *
 * The body is read by hand, not with `parseAs`, for memory: Fastify keeps every socket chunk (up to
 * 64 KB each, one malloc apiece) in a list until the body ends, then concatenates. With a few dozen
 * 32 MB bodies in flight that is hundreds of MB of small allocations in glibc's main heap, which
 * stays resident after they are freed (issue #9: +300–480 MB RSS after a malformed burst, all of it
 * free malloc memory). Here a large body is copied, as it arrives, into one buffer big enough that
 * glibc always gives it its own mapping, which goes back to the OS the moment it is freed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { invalidJson, invalidRequest, requestTooLarge } from '../core/errors.js';
import { nestedDeeperThan } from '../core/json-depth.js';

/** Deeper than any real request (a tool schema rarely passes 20 levels). */
export const MAX_JSON_DEPTH = 64;

/** Bodies up to this size are collected chunk by chunk: little memory, no mapping per request. */
const SMALL_BODY = 1024 * 1024;
/**
 * glibc's dynamic mmap threshold never rises above 32 MiB (64-bit): an allocation this large is
 * always its own mmap, unmapped on free. Only the bytes written become resident; the rest of the
 * mapping costs address space, not memory.
 */
const OWN_MAPPING = 32 * 1024 * 1024 + 4096;

// Fastify answers any parser error with Connection: close, so the rest of a refused body is never read.
const badLength = () => invalidRequest('The Content-Length header does not match the body.');
const tooDeep = () => invalidRequest(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);

export function registerJsonBody(app: FastifyInstance): void {
  const limit = app.initialConfig.bodyLimit ?? 1024 * 1024;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => readJsonBody(request.headers, payload, limit, done));
}

/**
 * Reads and parses one JSON body (the content type parser above, and the door routes' own edge,
 * src/server/fast-edge.ts): `undefined` for an empty body, a GatewayError for a body that is too
 * large, cut short, nested too deep or not JSON — with prototype-poisoning protection, as Fastify's
 * own parser (secure-json-parse, which refuses `__proto__` and `constructor.prototype` keys).
 */
export function readJsonBody(
  headers: IncomingHttpHeaders,
  payload: Readable,
  limit: number,
  callback: (error: Error | null, value: unknown) => void,
): void {
  readBody(headers, payload, limit, (error, body) => {
    if (error) return callback(error, undefined);
    // On the raw bytes, before JSON.parse builds millions of nested arrays for `[[[[…`.
    if (nestedDeeperThan(body, MAX_JSON_DEPTH)) return callback(tooDeep(), undefined);
    const text = body.toString('utf8');
    if (/^\s*$/.test(text)) return callback(null, undefined);
    let value: unknown;
    try {
      value = secureJson.parse(text, { protoAction: 'error', constructorAction: 'error' });
    } catch (parseError) {
      return callback(invalidJson(parseError instanceof Error ? parseError.message : 'malformed JSON'), undefined);
    }
    callback(null, value);
  });
}

function readBody(headers: IncomingHttpHeaders, payload: Readable, limit: number, callback: (error: Error | null, body: Buffer) => void): void {
  const header = headers['content-length'];
  const declared = header === undefined ? Number.NaN : Number(header);
  const known = Number.isInteger(declared) && declared >= 0;
  if (declared > limit) return callback(requestTooLarge(limit), EMPTY);

  let buffer: Buffer | null = known && declared > SMALL_BODY ? ownMapping(declared) : null;
  let chunks: Buffer[] = [];
  let received = 0;
  let settled = false;

  const settle = (error: Error | null, body: Buffer) => {
    if (settled) return;
    settled = true;
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    if (error) payload.pause(); // read no more of a refused body
    buffer = null;
    chunks = [];
    callback(error, body);
  };
  function onData(chunk: Buffer | string) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += bytes.length;
    if (received > limit) return settle(requestTooLarge(limit), EMPTY);
    if (known && received > declared) return settle(badLength(), EMPTY);
    if (buffer !== null) {
      buffer.set(bytes, received - bytes.length);
      return;
    }
    chunks.push(bytes);
    if (received > SMALL_BODY) {
      // Chunked and large: from here on, one buffer sized for the worst case.
      buffer = ownMapping(limit);
      let offset = 0;
      for (const piece of chunks) {
        buffer.set(piece, offset);
        offset += piece.length;
      }
      chunks = [];
    }
  }
  function onEnd() {
    if (known && received !== declared) return settle(badLength(), EMPTY);
    const body = buffer !== null ? buffer.subarray(0, received) : Buffer.concat(chunks, received);
    settle(null, body);
  }
  function onError(error: Error & { statusCode?: number }) {
    // A client that went away mid-body (as Fastify's own reader does).
    if (!(typeof error.statusCode === 'number' && error.statusCode >= 400)) error.statusCode = 400;
    settle(error, EMPTY);
  }
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
  payload.resume();
}

const EMPTY = Buffer.alloc(0);

function ownMapping(size: number): Buffer {
  return Buffer.allocUnsafeSlow(Math.max(size, OWN_MAPPING)).subarray(0, size);
}
