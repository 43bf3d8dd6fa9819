/** /admin/keys: create (the secret shown once), list, read, change and revoke virtual keys. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidRequest } from '../../core/errors.js';
import { createKeySchema, patchKeySchema } from '../../keys/key-input.js';
import type { KeyService } from '../../keys/key-service.js';
import { MASTER } from '../route-access.js';

export function registerAdminKeys(app: FastifyInstance, keys: KeyService): void {
  app.post('/admin/keys', MASTER, async (request, reply) => {
    const created = await keys.create(validate(createKeySchema, request.body));
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });
  app.get('/admin/keys', MASTER, async () => ({ object: 'list', data: await keys.list() }));
  app.get('/admin/keys/:id', MASTER, async (request) => keys.get(idOf(request.params)));
  app.patch('/admin/keys/:id', MASTER, async (request) => keys.update(idOf(request.params), validate(patchKeySchema, request.body)));
  app.delete('/admin/keys/:id', MASTER, async (request) => keys.revoke(idOf(request.params)));
}

const idOf = (params: unknown): string => z.object({ id: z.string().min(1) }).parse(params).id;

export function validate<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join('.') || null;
  throw invalidRequest(param === null ? (issue?.message ?? 'Invalid body.') : `Invalid value for '${param}': ${issue?.message ?? 'invalid'}`, param);
}
