/**
 * Retries and fallbacks (design.md §1 routing): each model group — the model asked for, then the
 * request's own `models: [...]`, then the model's configured `fallbacks` — gets up to `retries + 1`
 * attempts over its healthy deployments, with backoff and jitter that honour Retry-After. Only
 * failures that another attempt can fix are retried, and only while nothing has reached the client.
 *
 * The loop (`routeAttempts`) knows nothing of chat: any door that calls deployments (chat, embeddings)
 * hands it the groups and a `start(group, deployment)` that builds its own kind of attempt.
 */
import { mayUseModel } from '../auth/model-access.js';
import type { Principal } from '../auth/principal.js';
import { GatewayError } from '../core/errors.js';
import { backoffMs, retryAfterMs, sleep } from '../routing/backoff.js';
import type { DeploymentHealth } from '../routing/deployment-health.js';
import { idOf, orderDeployments } from '../routing/order-deployments.js';
import type { Deployment, ModelResolver, ResolvedModel } from '../routing/resolve-model.js';
import type { ChatMetrics } from './chat-metrics.js';
import { asGatewayError, type Attempt, type ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat } from './chat-types.js';
import type { CallSignal } from '../core/call-signal.js';

/** What the loop needs of an attempt, whatever the attempt calls. */
export interface RoutedAttempt {
  deployment: Deployment;
  /** Set once the upstream answered with a status (so its refusals can be told from ours). */
  upstreamStatus: number | null;
  /** Whether the attempt's whole-call timeout fired. */
  timedOut: () => boolean;
  /** Releases the attempt's timer and listeners; called when the attempt is over. */
  release: () => void;
}

/** Where the call went; kept by the caller so a failure is recorded with its retries too. */
export interface RoutingTrace<A extends RoutedAttempt = Attempt> {
  attempt: A | null;
  retries: number;
  fallbacks: number;
}

/** The routing state and settings shared by every door. */
export interface RoutingDeps {
  health: DeploymentHealth;
  retries: number;
  cooldownMs: number;
  metrics: Pick<ChatMetrics, 'retry' | 'fallback'>;
}

export interface RoutePlan<A extends RoutedAttempt> {
  /** The public model name asked for (metrics, and the no_healthy_deployment message). */
  model: string;
  /** The groups to try, in order (see `modelGroups`). */
  groups: readonly ResolvedModel[];
  start: (group: ResolvedModel, deployment: Deployment) => Promise<A>;
}

/** A provider asking for a longer pause than this is not waited for: the next deployment is tried. */
const MAX_WAIT_MS = 10_000;

type Verdict = 'retry' | 'next-deployment' | 'fatal';

/** The chat pipeline's routing: its groups, its attempts. */
export function runAttempts<T>(
  service: ChatService,
  prepared: PreparedChat,
  call: ChatCall,
  trace: RoutingTrace,
  execute: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  const { deps } = service;
  const plan: RoutePlan<Attempt> = {
    model: prepared.model.name,
    groups: modelGroups(deps.resolver, prepared.model, prepared.request.models ?? [], call.principal),
    start: (group, deployment) => service.startAttempt(prepared, call, group, deployment),
  };
  return routeAttempts({ ...deps.routing, metrics: deps.metrics }, plan, call.signal, trace, execute);
}

export async function routeAttempts<A extends RoutedAttempt, T>(
  routing: RoutingDeps,
  plan: RoutePlan<A>,
  signal: CallSignal,
  trace: RoutingTrace<A>,
  execute: (attempt: A) => Promise<T>,
): Promise<T> {
  const { health, retries } = routing;
  let lastError: GatewayError | null = null;
  let coolingSeen = false;
  for (const [groupIndex, group] of plan.groups.entries()) {
    if (groupIndex > 0 && lastError !== null) {
      trace.fallbacks++;
      routing.metrics.fallback(plan.model, group.name);
    }
    const { healthy, cooling } = orderDeployments(group.deployments, group.strategy, health);
    if (healthy.length === 0) {
      coolingSeen ||= cooling.length > 0;
      continue;
    }
    let previous: Deployment | null = null;
    for (let number = 0; number <= retries; number++) {
      const deployment = healthy[number % healthy.length] as Deployment;
      if (previous !== null) {
        trace.retries++;
        routing.metrics.retry(deployment.provider.name);
        const wait = previous === deployment ? backoffMs(number, lastError === null ? null : retryAfterMs(lastError.headers)) : 0;
        await sleep(wait, signal);
      }
      if (signal.aborted) throw asGatewayError(new Error('client gone'), null, signal);
      const attempt = await plan.start(group, deployment);
      trace.attempt = attempt;
      const id = idOf(deployment);
      health.started(id);
      const started = performance.now();
      try {
        const value = await execute(attempt);
        health.succeeded(id, performance.now() - started);
        return value;
      } catch (error) {
        attempt.release();
        const failure = asGatewayError(error, attempt, signal);
        const verdict = classify(failure, attempt, signal);
        const pause = retryAfterMs(failure.headers);
        if (verdict === 'fatal') {
          health.released(id);
          throw failure;
        }
        // Only the upstream's own failures count towards a cooldown (attempt-failure.ts).
        if (failure.deploymentFault) health.failed(id, failure.status === 429 ? (pause ?? routing.cooldownMs) : null);
        else health.released(id);
        lastError = failure;
        previous = deployment;
        if (verdict === 'next-deployment' || (pause !== null && pause > MAX_WAIT_MS)) {
          if (healthy.length === 1) break;
        }
      }
    }
  }
  if (lastError !== null) throw lastError;
  throw noHealthyDeployment(plan.model, coolingSeen);
}

function classify(error: GatewayError, attempt: RoutedAttempt, signal: CallSignal): Verdict {
  if (signal.aborted || error.status === 499) return 'fatal';
  // A deployment-level refusal (bad provider key, unknown model id at that provider): another
  // deployment may well work, the same one will not.
  if (attempt.upstreamStatus !== null && [401, 403, 404].includes(error.status)) return 'next-deployment';
  // By where the failure came from, not by its status: the gateway's own 500 is never retried.
  return error.retryable || error.deploymentFault ? 'retry' : 'fatal';
}

/**
 * The groups to try, in order, each resolved once: the model, then the request's own `models`, then
 * the model's `fallbacks`. Names that cannot be served, or that the key may not use, are skipped.
 */
export function modelGroups(resolver: ModelResolver, model: ResolvedModel, requested: readonly string[], principal: Principal): ResolvedModel[] {
  const groups: ResolvedModel[] = [model];
  const seen = new Set([model.name]);
  const names = [...requested, ...model.fallbacks];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      const group = resolver.resolve(name);
      const providers = group.deployments.map((deployment) => deployment.provider.name);
      if (principal.kind === 'key' && !mayUseModel(principal.key, group.name, providers)) continue;
      groups.push(group);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
    }
  }
  return groups;
}

function noHealthyDeployment(model: string, cooling: boolean): GatewayError {
  return new GatewayError(
    503,
    cooling
      ? `Every deployment of \`${model}\` (and of its fallbacks) failed recently and is cooling down; try again shortly.`
      : `No deployment of \`${model}\` is available.`,
    { type: 'server_error', code: 'no_healthy_deployment', headers: { 'retry-after': '5' } },
  );
}
