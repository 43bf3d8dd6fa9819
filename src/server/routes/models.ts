/** GET /v1/models and /v1/models/{id}: only what this configuration can serve and the key may use. */
import type { FastifyInstance } from 'fastify';
import { mayUseModel } from '../../auth/model-access.js';
import type { Principal } from '../../auth/principal.js';
import { GatewayError, modelNotFound } from '../../core/errors.js';
import type { ModelResolver, ResolvedModel } from '../../routing/resolve-model.js';
import { principalOf } from '../auth-hook.js';
import { CLIENT } from '../route-access.js';

/** OpenAI's list carries a creation time; Switchyard's catalog has none, so a fixed epoch is used. */
const CREATED = 1_735_689_600;

interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export function registerModels(app: FastifyInstance, resolver: ModelResolver): void {
  app.get('/v1/models', CLIENT, async (request) => {
    const principal = principalOf(request);
    const data: ModelObject[] = [];
    for (const name of resolver.servable()) {
      const model = tryResolve(resolver, name);
      if (model !== null && allowed(principal, model)) data.push(toModelObject(model));
    }
    return { object: 'list', data };
  });

  app.get('/v1/models/*', CLIENT, async (request) => {
    const id = decodeURIComponent((request.params as { '*': string })['*']);
    const model = tryResolve(resolver, id);
    if (model === null || !allowed(principalOf(request), model)) throw modelNotFound(id);
    return toModelObject(model);
  });
}

function tryResolve(resolver: ModelResolver, name: string): ResolvedModel | null {
  try {
    return resolver.resolve(name);
  } catch (error) {
    if (error instanceof GatewayError) return null;
    throw error;
  }
}

function allowed(principal: Principal, model: ResolvedModel): boolean {
  if (principal.kind === 'master') return true;
  return mayUseModel(principal.key, model.name, model.deployments.map((deployment) => deployment.provider.name));
}

function toModelObject(model: ResolvedModel): ModelObject {
  return { id: model.name, object: 'model', created: CREATED, owned_by: model.deployments[0]?.provider.name ?? 'switchyard' };
}
