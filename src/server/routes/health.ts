/** Liveness (no dependencies) and readiness (the store answers). No auth. */
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../core/errors.js';
import { PUBLIC } from '../route-access.js';

export function registerHealth(app: FastifyInstance, ready: () => Promise<void>): void {
  app.get('/health', PUBLIC, async () => ({ status: 'ok' }));
  app.get('/ready', PUBLIC, async () => {
    try {
      await ready();
    } catch (cause) {
      throw new GatewayError(503, 'The store is not reachable.', { type: 'server_error', code: 'store_unavailable', cause });
    }
    return { status: 'ready' };
  });
}
