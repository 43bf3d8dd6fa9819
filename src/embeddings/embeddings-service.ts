/**
 * The embeddings pipeline — the chat pipeline's steps, shared rather than copied: resolve the model
 * and check the key may use it (ChatService.resolveAllowed), keep only deployments that can embed this
 * request, admit RPM/TPM/budget (ChatService.admitCall: prompt tokens, no output), route with
 * retries, fallbacks, cooldowns and timeouts (routeAttempts), call the upstream, and meter the call
 * as door `embeddings` (ChatService.meter: usage record, spend, limits, metrics, one log line).
 */
import type { Principal } from '../auth/principal.js';
import { internalFailure } from '../chat/attempt-failure.js';
import { attemptSignal, type ChatService } from '../chat/chat-service.js';
import type { ChatCall } from '../chat/chat-types.js';
import { modelGroups, routeAttempts, type RoutingTrace } from '../chat/run-attempts.js';
import type { ProviderEndpoint } from '../config/config.js';
import { GatewayError, unsupportedParameter } from '../core/errors.js';
import type { Usage } from '../core/usage.js';
import { answerHeaders } from '../chat/answer-headers.js';
import type { Deployment, ResolvedModel } from '../routing/resolve-model.js';
import { callEmbeddings } from './call-embeddings.js';
import type { EmbeddingAdapter } from './embedding-adapter.js';
import type { EmbeddingAttempt } from './embedding-attempt.js';
import type { EmbeddingRequest } from './embedding-request.js';
import { vectorLength, type EmbeddingResult } from './embedding-result.js';
import { embeddingAdapterFor, embeddingRefusal } from './embedding-vendors.js';
import { encodeEmbeddingsResponse, type EmbeddingsResponse } from './encode-embeddings-response.js';
import { estimateEmbeddingTokens } from './estimate-embedding-tokens.js';

export interface EmbeddingsAnswer {
  /** The response, or its JSON text when a conformant upstream's answer is sent as it came. */
  body: EmbeddingsResponse | string;
  /** A flat [name, value, …] list (answer-headers.ts). */
  headers: string[];
}

export class EmbeddingsService {
  constructor(
    private readonly chat: ChatService,
    private readonly adapters: (endpoint: ProviderEndpoint) => EmbeddingAdapter | null = embeddingAdapterFor,
  ) {}

  async embed(request: EmbeddingRequest, call: ChatCall): Promise<EmbeddingsAnswer> {
    const model = this.chat.resolveAllowed(request.model, call.principal);
    const groups = this.groupsFor(request, model, call.principal);
    const primary = groups[0] ?? model;
    const ticket = await this.chat.admitCall(primary, call.principal, () => ({ prompt: estimateEmbeddingTokens(request.input), maxOutput: 0 }));
    const metered = { door: 'embeddings', model: model.name, ticket, stream: false } as const;
    const trace: RoutingTrace<EmbeddingAttempt> = { attempt: null, retries: 0, fallbacks: 0 };
    const { deps } = this.chat;
    let result: EmbeddingResult;
    try {
      result = await routeAttempts(
        { ...deps.routing, metrics: deps.metrics },
        { model: model.name, groups, start: async (group, deployment) => this.startAttempt(call, group, deployment) },
        call.signal,
        trace,
        (attempt) => callEmbeddings(deps, attempt, request),
      );
    } catch (error) {
      const failure = error instanceof GatewayError ? error : internalFailure(error);
      this.chat.meter(metered, call, trace, { status: failure.status, errorCode: failure.code, usage: undefined, ttftMs: null });
      throw failure;
    }
    const attempt = trace.attempt;
    attempt?.release();
    const usage: Usage = { prompt_tokens: result.promptTokens, completion_tokens: 0, total_tokens: result.promptTokens };
    // The upstream answered (and charged): a mismatch is still metered with its real usage.
    const mismatch = dimensionsMismatch(request, result, attempt?.deployment.provider.name ?? 'upstream');
    let body: EmbeddingsResponse | string;
    try {
      if (mismatch !== null) throw mismatch;
      body = result.rawJson ?? encodeEmbeddingsResponse(result, request.encodingFormat);
    } catch (error) {
      const failure = error instanceof GatewayError ? error : internalFailure(error);
      this.chat.meter(metered, call, trace, { status: failure.status, errorCode: failure.code, usage, ttftMs: null });
      throw failure;
    }
    const cost = this.chat.meter(metered, call, trace, { status: 200, errorCode: null, usage, ttftMs: null });
    const headers = answerHeaders(ticket.headers, trace, attempt?.deployment ?? null, cost);
    if (result.estimated) headers.push('x-switchyard-usage-estimated', 'true');
    return { body, headers };
  }

  /**
   * The model, then its fallbacks, each narrowed to the deployments that can embed this request. When
   * the model itself has none, the answer is its first deployment's reason (a 400), before any limit
   * is spent.
   */
  private groupsFor(request: EmbeddingRequest, model: ResolvedModel, principal: Principal): ResolvedModel[] {
    const groups: ResolvedModel[] = [];
    for (const group of modelGroups(this.chat.deps.resolver, model, request.models, principal)) {
      const deployments = group.deployments.filter((deployment) => this.refusal(request, deployment) === null);
      if (deployments.length > 0) groups.push({ ...group, deployments });
      else if (groups.length === 0) throw this.refusal(request, group.deployments[0]) ?? noDeployments(model.name);
    }
    return groups;
  }

  private refusal(request: EmbeddingRequest, deployment: Deployment | undefined): GatewayError | null {
    return deployment === undefined ? noDeployments(request.model) : embeddingRefusal(request, deployment.provider, this.adapters);
  }

  private startAttempt(call: ChatCall, group: ResolvedModel, deployment: Deployment): EmbeddingAttempt {
    const adapter = this.adapters(deployment.provider);
    if (adapter === null) throw new Error(`a deployment without embeddings was routed to: ${deployment.provider.name}`);
    return {
      group,
      deployment,
      upstreamStatus: null,
      adapter,
      ...attemptSignal(call.signal, group.timeouts.totalMs),
      timeouts: group.timeouts,
      price: group.price ?? this.chat.deps.prices.priceFor(group.name, deployment.model),
    };
  }
}

const noDeployments = (model: string): GatewayError => unsupportedParameter('model', `No deployment of \`${model}\` can embed.`);

/** A provider that ignored `dimensions` would hand back vectors of another size: refused, never passed on. */
function dimensionsMismatch(request: EmbeddingRequest, result: EmbeddingResult, provider: string): GatewayError | null {
  if (request.dimensions === null) return null;
  const wrong = result.vectors.find((vector) => vectorLength(vector) !== request.dimensions);
  if (wrong === undefined) return null;
  return unsupportedParameter(
    'dimensions',
    `The provider ${provider} returned ${vectorLength(wrong)}-dimensional embeddings instead of the ${request.dimensions} asked for; this model cannot shorten its embeddings.`,
  );
}
