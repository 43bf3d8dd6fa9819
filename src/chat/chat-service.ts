/**
 * The chat pipeline after HTTP: validate → resolve model → check key access → admit limits →
 * pick a deployment → call the adapter and upstream → meter, price and record the call.
 */
import { mayUseModel } from '../auth/model-access.js';
import { principalKeyId, type Principal } from '../auth/principal.js';
import type { Price, Timeouts } from '../config/config.js';
import type { ChatRequest } from '../core/chat-request.js';
import type { Door } from '../core/door.js';
import { GatewayError, modelNotAllowed, upstreamTimeout } from '../core/errors.js';
import { tokenCounts, type TokenCounts, type Usage } from '../core/usage.js';
import { describeTransportError, type UpstreamClient } from '../http/upstream-client.js';
import { computeCost } from '../pricing/compute-cost.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { NativeWire } from '../doors/door.js';
import type { AdapterContext, ProviderAdapter } from '../providers/adapter.js';
import type { DeploymentHealth } from '../routing/deployment-health.js';
import type { Deployment, ModelResolver, ResolvedModel } from '../routing/resolve-model.js';
import type { UsageRecorder } from '../usage/usage-record.js';
import type { AdapterRegistry } from './adapter-registry.js';
import type { Admission, AdmissionTicket } from './admission.js';
import type { ChatCall, DoorCall, PreparedChat } from './chat-types.js';
import { estimateTokens, type TokenEstimate } from './estimate-tokens.js';
import type { ChatMetrics } from './chat-metrics.js';
import type { RoutedAttempt, RoutingTrace } from './run-attempts.js';
import { CallSignal } from '../core/call-signal.js';
import type { CallLog } from '../usage/call-log.js';

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
  routing: { health: DeploymentHealth; retries: number; cooldownMs: number };
  metrics: ChatMetrics;
  /** The one log line per metered call. */
  callLog: CallLog;
}

/** What one attempt against one deployment needs. */
export interface Attempt {
  /** The model group being tried: the one asked for, or a fallback. */
  group: ResolvedModel;
  deployment: Deployment;
  /** Set once the upstream answered with a status (so its refusals can be told from ours). */
  upstreamStatus: number | null;
  adapter: ProviderAdapter;
  /** Set when the deployment speaks the door's own wire: the call goes through untranslated. */
  native: NativeWire<unknown> | null;
  context: AdapterContext;
  request: ChatRequest;
  /** Aborts when the client leaves or the whole-call timeout (`timeout_ms`) passes. */
  signal: CallSignal;
  /** Whether `signal` fired because of the whole-call timeout. */
  timedOut: () => boolean;
  /** Releases the timer and the listener on the client's signal; called when the attempt is over. */
  release: () => void;
  timeouts: Timeouts;
  price: Price | null;
}

/** What metering needs of an attempt, whatever it called: the deployment and its price. */
export type MeteredAttempt = Pick<Attempt, 'deployment' | 'price'>;

/** One call to meter, whichever door it came in by. */
export interface MeteredCall {
  door: Door;
  /** The public model name the client asked for. */
  model: string;
  ticket: AdmissionTicket;
  stream: boolean;
}

export interface CallResult {
  status: number;
  errorCode: string | null;
  usage: Usage | undefined;
  ttftMs: number | null;
  /** Characters streamed to the client (estimates usage when the client left before the usage chunk). */
  streamedChars?: number;
}

export class ChatService {
  constructor(readonly deps: ChatServiceDeps) {}

  /** Resolves the model, checks the key may use it and admits the call against its limits. */
  async prepare<Inbound>(door: DoorCall<Inbound>, request: ChatRequest, call: ChatCall): Promise<PreparedChat<Inbound>> {
    const model = this.resolveAllowed(request.model ?? this.deps.defaultModel, call.principal);
    const ticket = await this.admitCall(model, call.principal, () => estimateTokens(request));
    return { request, model, ticket, door };
  }

  /** Resolves a model name (design.md §3) and checks the key may use it: a 403 when it may not. */
  resolveAllowed(name: string, principal: Principal): ResolvedModel {
    const model = this.deps.resolver.resolve(name);
    if (principal.kind === 'key') {
      const providers = model.deployments.map((deployment) => deployment.provider.name);
      if (!mayUseModel(principal.key, model.name, providers)) throw modelNotAllowed(model.name);
    }
    return model;
  }

  /** Admits a call against the key's RPM/TPM and budget; the estimate is made only when a limit needs it. */
  admitCall(model: ResolvedModel, principal: Principal, estimateOf: () => TokenEstimate): AdmissionTicket | Promise<AdmissionTicket> {
    const needsEstimate = principal.kind === 'key' && (principal.key.tpm !== null || principal.key.budgetUsd !== null);
    const estimate = needsEstimate ? estimateOf() : { prompt: 0, maxOutput: null };
    const price = this.deps.prices.priceFor(model.name, model.deployments[0]?.model ?? null);
    return this.deps.admission.admit({
      principal,
      model: model.name,
      promptTokens: estimate.prompt,
      maxOutputTokens: estimate.maxOutput,
      price,
    });
  }

  /** Builds everything an attempt against one deployment needs (media inlined when required). */
  async startAttempt(prepared: PreparedChat, call: ChatCall, group: ResolvedModel, deployment: Deployment): Promise<Attempt> {
    const adapter = this.deps.adapters(deployment.provider);
    const nativeWire = prepared.door.codec.native;
    const native = nativeWire !== undefined && nativeWire.accepts(deployment.provider) ? nativeWire : null;
    const request = native === null && adapter.inlineRemoteMedia ? await this.deps.inlineMedia(prepared.request) : prepared.request;
    const stream = request.stream === true;
    const context: AdapterContext = {
      upstreamModel: deployment.model,
      providerType: deployment.provider.type,
      stream,
      includeUsage: stream && request.stream_options?.include_usage === true,
      now: this.deps.now,
      newId: this.deps.newId,
    };
    return {
      group,
      deployment,
      upstreamStatus: null,
      adapter,
      native,
      context,
      request,
      ...attemptSignal(call.signal, group.timeouts.totalMs),
      timeouts: group.timeouts,
      price: group.price ?? this.deps.prices.priceFor(group.name, deployment.model),
    };
  }

  cost(attempt: MeteredAttempt | null, usage: Usage | undefined): number | null {
    if (attempt === null || attempt.price === null || usage === undefined) return null;
    return computeCost(tokenCounts(usage), attempt.price);
  }

  /** Meters the chat call whatever happened: usage log, spend, limits, metrics and one log line. */
  finish(prepared: PreparedChat, call: ChatCall, trace: RoutingTrace, result: CallResult): number | null {
    const metered: MeteredCall = { door: prepared.door.codec.name, model: prepared.model.name, ticket: prepared.ticket, stream: prepared.request.stream === true };
    return this.meter(metered, call, trace, { ...result, usage: result.usage ?? estimatePartialUsage(prepared, result) });
  }

  /** Meters any door's call (chat, embeddings): the one place usage, spend, limits, metrics and the log line are written. */
  meter(metered: MeteredCall, call: ChatCall, trace: RoutingTrace<RoutedAttempt & MeteredAttempt>, result: CallResult): number | null {
    const attempt = trace.attempt;
    const usage = result.usage;
    const tokens: TokenCounts = tokenCounts(usage);
    const cost = this.cost(attempt, usage);
    metered.ticket.settle(tokens, cost);
    this.deps.recorder.record({
      id: call.requestId,
      keyId: principalKeyId(call.principal),
      model: metered.model,
      provider: attempt?.deployment.provider.name ?? null,
      upstreamModel: attempt?.deployment.model ?? null,
      promptTokens: tokens.prompt,
      completionTokens: tokens.completion,
      cachedTokens: tokens.cachedRead,
      cacheWriteTokens: tokens.cacheWrite,
      reasoningTokens: tokens.reasoning,
      costUsd: usage === undefined ? (attempt?.price ? 0 : null) : cost,
      latencyMs: Math.round(performance.now() - call.startedAt),
      ttftMs: result.ttftMs === null ? null : Math.round(result.ttftMs),
      status: result.status,
      errorCode: result.errorCode,
      stream: metered.stream,
      retries: trace.retries,
      fallbacks: trace.fallbacks,
      door: metered.door,
      createdAt: new Date(),
    });
    const latencyMs = performance.now() - call.startedAt;
    const provider = attempt?.deployment.provider.name ?? 'none';
    this.deps.metrics.finished({ model: metered.model, provider, status: result.status, latencyMs, ttftMs: result.ttftMs, tokens, costUsd: cost });
    this.deps.callLog({
      requestId: call.requestId,
      door: metered.door,
      keyId: principalKeyId(call.principal),
      model: metered.model,
      provider,
      upstreamModel: attempt?.deployment.model ?? null,
      status: result.status,
      errorCode: result.errorCode,
      stream: metered.stream,
      promptTokens: tokens.prompt,
      completionTokens: tokens.completion,
      costUsd: cost,
      latencyMs: Math.round(latencyMs),
      ttftMs: result.ttftMs === null ? null : Math.round(result.ttftMs),
      retries: trace.retries,
      fallbacks: trace.fallbacks,
      message: metered.door === 'embeddings' ? 'embeddings' : 'chat completion',
    });
    return cost;
  }
}

/** An error thrown while talking to the upstream, normalised: timeouts and client aborts named. */
export function asGatewayError(error: unknown, attempt: Pick<Attempt, 'timedOut' | 'deployment'> | null, clientSignal: CallSignal): GatewayError {
  if (clientSignal.aborted) return clientClosed();
  if (attempt?.timedOut()) return upstreamTimeout('The upstream did not finish answering within the time limit.');
  if (error instanceof GatewayError) return error;
  // A transport failure while reading the body (idle timeout, reset mid-stream).
  return describeTransportError(error, attempt === null ? 'upstream' : new URL(attempt.deployment.provider.baseUrl).host);
}

export const clientClosed = (): GatewayError =>
  new GatewayError(499, 'The client closed the connection before the answer was complete.', {
    type: 'invalid_request_error',
    code: 'client_closed_request',
  });

/**
 * A client that leaves mid-stream never sees the usage chunk: the call is still metered, with the
 * prompt estimated from the request and the completion from the characters already streamed.
 */
function estimatePartialUsage(prepared: PreparedChat, result: CallResult): Usage | undefined {
  if (!result.streamedChars) return undefined;
  const prompt = estimateTokens(prepared.request).prompt;
  const completion = Math.ceil(result.streamedChars / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * One signal per attempt, fired by the client leaving or by a plain timer (call-signal.ts: cheaper
 * than AbortController, and AbortSignal.timeout/any cost several percent of a call in Node 20).
 */
export function attemptSignal(client: CallSignal, totalMs: number): Pick<Attempt, 'signal' | 'timedOut' | 'release'> {
  const signal = new CallSignal();
  let timedOut = false;
  const stopListening = client.onAbort(() => signal.abort(client.reason));
  const timer = setTimeout(() => {
    timedOut = true;
    signal.abort(new DOMException('The whole-call timeout passed.', 'TimeoutError'));
  }, totalMs);
  timer.unref();
  return {
    signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      stopListening();
    },
  };
}
