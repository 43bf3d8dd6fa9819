/**
 * The chat pipeline after HTTP: validate → resolve model → check key access → admit limits →
 * pick a deployment → call the adapter and upstream → meter, price and record the call.
 */
import { mayUseModel } from '../auth/model-access.js';
import { principalKeyId } from '../auth/principal.js';
import type { Price, Timeouts } from '../config/config.js';
import type { ChatRequest } from '../core/chat-request.js';
import { GatewayError, modelNotAllowed, upstreamTimeout } from '../core/errors.js';
import { parseChatRequest } from '../core/parse-chat-request.js';
import { tokenCounts, type TokenCounts, type Usage } from '../core/usage.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import { computeCost } from '../pricing/compute-cost.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { AdapterContext, ProviderAdapter } from '../providers/adapter.js';
import type { Deployment, ModelResolver } from '../routing/resolve-model.js';
import type { UsageRecorder } from '../usage/usage-record.js';
import type { AdapterRegistry } from './adapter-registry.js';
import type { Admission } from './admission.js';
import type { ChatCall, PreparedChat } from './chat-types.js';
import { estimateTokens } from './estimate-tokens.js';
import { pickDeployment } from './pick-deployment.js';

export interface ChatServiceDeps {
  resolver: ModelResolver;
  adapters: AdapterRegistry;
  upstream: UpstreamClient;
  prices: PriceBook;
  recorder: UsageRecorder;
  admission: Admission;
  defaultModel: string;
  /** Replaces http(s) media URLs with data URLs for adapters that need inline bytes. */
  inlineMedia: (request: ChatRequest) => Promise<ChatRequest>;
  now: () => number;
  newId: (prefix: string) => string;
  /** Largest upstream non-streamed body accepted. */
  maxUpstreamBytes: number;
}

/** What one attempt against one deployment needs. */
export interface Attempt {
  deployment: Deployment;
  adapter: ProviderAdapter;
  context: AdapterContext;
  request: ChatRequest;
  signal: AbortSignal;
  timeouts: Timeouts;
  price: Price | null;
}

export interface CallResult {
  status: number;
  errorCode: string | null;
  usage: Usage | undefined;
  ttftMs: number | null;
}

export class ChatService {
  constructor(readonly deps: ChatServiceDeps) {}

  async prepare(body: unknown, call: ChatCall): Promise<PreparedChat> {
    const parsed = parseChatRequest(body);
    if (!parsed.ok) throw parsed.error;
    const request = parsed.request;
    const model = this.deps.resolver.resolve(request.model ?? this.deps.defaultModel);
    const { principal } = call;
    if (principal.kind === 'key') {
      const providers = model.deployments.map((deployment) => deployment.provider.name);
      if (!mayUseModel(principal.key, model.name, providers)) throw modelNotAllowed(model.name);
    }
    const needsEstimate = principal.kind === 'key' && (principal.key.tpm !== null || principal.key.budgetUsd !== null);
    const estimatedTokens = needsEstimate ? estimateTokens(request) : { prompt: 0, output: 0 };
    const price = this.deps.prices.priceFor(model.name, model.deployments[0]?.model ?? null);
    const ticket = await this.deps.admission.admit({
      principal,
      model: model.name,
      estimatedTokens: estimatedTokens.prompt + estimatedTokens.output,
      estimatedCostUsd:
        price === null
          ? null
          : computeCost({ prompt: estimatedTokens.prompt, completion: estimatedTokens.output, cachedRead: 0, cacheWrite: 0, reasoning: 0 }, price),
    });
    return { request, model, ticket };
  }

  /** Chooses the deployment and builds everything an attempt needs (media inlined when required). */
  async startAttempt(prepared: PreparedChat, call: ChatCall): Promise<Attempt> {
    const deployment = pickDeployment(prepared.model.deployments);
    const adapter = this.deps.adapters(deployment.provider);
    const request = adapter.inlineRemoteMedia ? await this.deps.inlineMedia(prepared.request) : prepared.request;
    const stream = request.stream === true;
    const context: AdapterContext = {
      upstreamModel: deployment.model,
      stream,
      includeUsage: stream && request.stream_options?.include_usage === true,
      now: this.deps.now,
      newId: this.deps.newId,
    };
    const timeout = AbortSignal.timeout(prepared.model.timeouts.totalMs);
    return {
      deployment,
      adapter,
      context,
      request,
      signal: AbortSignal.any([call.signal, timeout]),
      timeouts: prepared.model.timeouts,
      price: prepared.model.price ?? this.deps.prices.priceFor(prepared.model.name, deployment.model),
    };
  }

  cost(attempt: Attempt | null, usage: Usage | undefined): number | null {
    if (attempt === null || attempt.price === null || usage === undefined) return null;
    return computeCost(tokenCounts(usage), attempt.price);
  }

  /** Meters the call whatever happened: usage log, spend and limits. */
  finish(prepared: PreparedChat, call: ChatCall, attempt: Attempt | null, result: CallResult): number | null {
    const tokens: TokenCounts = tokenCounts(result.usage);
    const cost = this.cost(attempt, result.usage);
    prepared.ticket.settle(tokens, cost);
    this.deps.recorder.record({
      id: call.requestId,
      keyId: principalKeyId(call.principal),
      model: prepared.model.name,
      provider: attempt?.deployment.provider.name ?? null,
      upstreamModel: attempt?.deployment.model ?? null,
      promptTokens: tokens.prompt,
      completionTokens: tokens.completion,
      cachedTokens: tokens.cachedRead,
      cacheWriteTokens: tokens.cacheWrite,
      reasoningTokens: tokens.reasoning,
      costUsd: result.usage === undefined ? (attempt?.price ? 0 : null) : cost,
      latencyMs: Math.round(performance.now() - call.startedAt),
      ttftMs: result.ttftMs === null ? null : Math.round(result.ttftMs),
      status: result.status,
      errorCode: result.errorCode,
      stream: prepared.request.stream === true,
      retries: 0,
      fallbacks: 0,
      createdAt: new Date(),
    });
    return cost;
  }
}

/** An error thrown while talking to the upstream, normalised: timeouts and client aborts named. */
export function asGatewayError(error: unknown, attempt: Attempt, clientSignal: AbortSignal): GatewayError {
  if (clientSignal.aborted) return clientClosed();
  if (attempt.signal.aborted) return upstreamTimeout('The upstream did not finish answering within the time limit.');
  if (error instanceof GatewayError) return error;
  return new GatewayError(502, 'The upstream call failed unexpectedly.', {
    type: 'server_error',
    code: 'upstream_error',
    retryable: true,
    cause: error,
  });
}

export const clientClosed = (): GatewayError =>
  new GatewayError(499, 'The client closed the connection before the answer was complete.', {
    type: 'invalid_request_error',
    code: 'client_closed_request',
  });
