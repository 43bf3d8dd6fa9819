/**
 * GET /v1/models and /v1/models/{id}: only what this configuration can serve and the key may use.
 * OpenAI's shape, or Anthropic's when the client sends `anthropic-version` as Anthropic's SDKs and
 * Claude Code do (https://docs.claude.com/en/api/models-list): `{data:[{type:"model", id,
 * display_name, created_at}], has_more, first_id, last_id}` with `limit` (default 20, up to 1000),
 * `after_id` and `before_id` paging, and errors in Anthropic's shape.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayUseModel } from '../../auth/model-access.js';
import type { Principal } from '../../auth/principal.js';
import { GatewayError, invalidRequest, modelNotFound } from '../../core/errors.js';
import { messagesErrorBody } from '../../doors/messages/messages-errors.js';
import type { ModelResolver, ResolvedModel } from '../../routing/resolve-model.js';
import { principalOf } from '../auth-hook.js';
import { sendError } from '../error-handler.js';
import { CLIENT } from '../route-access.js';

/** OpenAI's list carries a creation time; Switchyard's catalog has none, so a fixed epoch is used. */
const CREATED = 1_735_689_600;
const CREATED_AT = new Date(CREATED * 1000).toISOString();

interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export function registerModels(app: FastifyInstance, resolver: ModelResolver): void {
  app.get('/v1/models', CLIENT, async (request, reply) => {
    const principal = principalOf(request);
    const models: ResolvedModel[] = [];
    for (const name of resolver.servable()) {
      const model = tryResolve(resolver, name);
      if (model !== null && allowed(principal, model)) models.push(model);
    }
    if (!wantsAnthropic(request)) return { object: 'list', data: models.map(toModelObject) };
    const page = anthropicPage(request.query, models.map(toAnthropicModel));
    return page instanceof GatewayError ? sendError(reply, page, messagesErrorBody) : page;
  });

  app.get('/v1/models/*', CLIENT, async (request, reply) => {
    const id = decodeURIComponent((request.params as { '*': string })['*']);
    const model = tryResolve(resolver, id);
    const anthropic = wantsAnthropic(request);
    if (model === null || !allowed(principalOf(request), model)) {
      if (anthropic) return sendError(reply, modelNotFound(id), messagesErrorBody);
      throw modelNotFound(id);
    }
    return anthropic ? toAnthropicModel(model) : toModelObject(model);
  });
}

interface AnthropicModel {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

const wantsAnthropic = (request: FastifyRequest): boolean => request.headers['anthropic-version'] !== undefined;

const toAnthropicModel = (model: ResolvedModel): AnthropicModel => ({ type: 'model', id: model.name, display_name: model.name, created_at: CREATED_AT });

const pageQuerySchema = z.looseObject({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  after_id: z.string().optional(),
  before_id: z.string().optional(),
});

function anthropicPage(query: unknown, all: AnthropicModel[]) {
  const parsed = pageQuerySchema.safeParse(query ?? {});
  if (!parsed.success) return invalidRequest('limit must be an integer from 1 to 1000.', 'limit');
  const { limit, after_id: afterId, before_id: beforeId } = parsed.data;
  let start = 0;
  let end = all.length;
  if (afterId !== undefined) start = all.findIndex((model) => model.id === afterId) + 1;
  if (beforeId !== undefined) end = Math.max(0, all.findIndex((model) => model.id === beforeId));
  const window = all.slice(start, end);
  // Paging backwards (before_id alone) takes the page just before it.
  const data = beforeId !== undefined && afterId === undefined ? window.slice(-limit) : window.slice(0, limit);
  return { data, has_more: window.length > data.length, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
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
