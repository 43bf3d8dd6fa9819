/** Authenticates /v1 and /admin calls from memory before any body work is done. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { forbidden } from '../core/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    startedAt: number;
  }
}

export function registerAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('startedAt', 0);
  app.addHook('onRequest', (request, _reply, done) => {
    request.startedAt = performance.now();
    const path = request.url;
    const isApi = path.startsWith('/v1/');
    const isAdmin = path.startsWith('/admin/') || path === '/admin';
    if (!isApi && !isAdmin) return done();
    try {
      const apiKey = request.headers['x-api-key'];
      request.principal = authenticator.authenticate(request.headers.authorization, typeof apiKey === 'string' ? apiKey : undefined);
      if (isAdmin && request.principal.kind !== 'master') throw forbidden('The admin API needs the master key.', 'admin_only');
      done();
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error('route reached without authentication');
  return request.principal;
}
