import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's x-request-id when it is safe to echo and log; otherwise a fresh one. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && SAFE_ID.test(given)) return given;
  // randomUUID draws from a cached entropy pool: far cheaper per request than randomBytes.
  return `req_${randomUUID().replaceAll('-', '')}`;
}
