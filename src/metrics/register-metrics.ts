import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { RouteAccess } from '../server/route-access.js';

/**
 * GET /metrics in Prometheus text format. Public by default, like /health (it carries no secrets: key
 * ids and model names at most); `server.metrics_access: master` puts it behind the master key.
 */
export function registerMetrics(app: FastifyInstance, registry: Registry, access: RouteAccess = 'public'): void {
  app.get('/metrics', { config: { access } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.header('content-type', registry.contentType).send(text);
  });
}
