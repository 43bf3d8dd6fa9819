/** Authenticates every call from memory, before any body work, by the access its matched route declares. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { forbidden } from '../core/errors.js';
import { enforceRouteAccess, type RouteAccess } from './route-access.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    startedAt: number;
  }
}

/**
 * Sets up route access (before any route is registered) and returns the check the server's one
 * onRequest hook runs: it throws the 401/403 the request deserves, or sets `request.principal`.
 */
export function routeAuthenticator(app: FastifyInstance, authenticator: Authenticator): (request: FastifyRequest) => void {
  enforceRouteAccess(app);
  app.decorateRequest('principal', null);
  app.decorateRequest('startedAt', 0);
  return (request) => {
    // An unmatched URL reaches only the 404 handler, which reveals nothing.
    const access: RouteAccess = request.is404 ? 'public' : (request.routeOptions.config.access ?? 'master');
    if (access === 'public') return;
    const apiKey = request.headers['x-api-key'];
    request.principal = authenticator.authenticate(request.headers.authorization, typeof apiKey === 'string' ? apiKey : undefined);
    if (access === 'master' && request.principal.kind !== 'master') throw forbidden('The admin API needs the master key.', 'admin_only');
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error('route reached without authentication');
  return request.principal;
}
