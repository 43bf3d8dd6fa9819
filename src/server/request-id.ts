import { randomUUID } from 'node:crypto';

/**
 * Every request gets an id of the gateway's own: it is the usage record's key, so a caller could
 * otherwise make two calls share one record (and one meter reading) by sending the same
 * x-request-id. randomUUID draws from a cached entropy pool: cheap per request.
 */
export function requestIdFor(): string {
  return `req_${randomUUID().replaceAll('-', '')}`;
}
