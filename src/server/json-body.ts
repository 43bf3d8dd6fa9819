/**
 * The one body parser: every content type is read as JSON (curl -d sends form encoding by default),
 * an empty body is "no body" (many HTTP clients send `Content-Type: application/json` on a DELETE),
 * Fastify's prototype-poisoning protection is kept, and absurd nesting is refused before any other
 * work — a schema nested thousands deep would otherwise overflow the stack somewhere downstream.
 */
import type { FastifyInstance } from 'fastify';
import { invalidRequest } from '../core/errors.js';
import { exceedsDepth } from '../core/json-depth.js';

/** Deeper than any real request (a tool schema rarely passes 20 levels). */
export const MAX_JSON_DEPTH = 64;

export function registerJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (/^\s*$/.test(text)) {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error, value: unknown) => {
      if (error) return done(error, undefined);
      if (exceedsDepth(value, MAX_JSON_DEPTH)) {
        return done(invalidRequest(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
      }
      done(null, value);
    });
  });
}
