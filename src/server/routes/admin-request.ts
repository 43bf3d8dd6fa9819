/** GET /admin/requests/{id}: one usage record (the console's request detail and playground cost). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { requestView } from './admin-usage.js';
import { MASTER } from '../route-access.js';

const params = z.object({ id: z.string().min(1).max(200) });

export function registerAdminRequest(app: FastifyInstance, store: Store): void {
  app.get('/admin/requests/:id', MASTER, async (request) => {
    const { id } = params.parse(request.params);
    const record = await store.getRequest(id);
    // Usage is written in batches off the request path, so a just-finished request may 404 briefly.
    if (record === null) throw notFound(`No request with id \`${id}\` in the usage log (yet: records are written within a second).`);
    return requestView(record);
  });
}
