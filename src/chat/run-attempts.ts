/**
 * Retries and fallbacks (design.md §1 routing): each model group — the model asked for, then the
 * request's own `models: [...]`, then the model's configured `fallbacks` — gets up to `retries + 1`
 * attempts over its healthy deployments, with backoff and jitter that honour Retry-After. Only
 * failures that another attempt can fix are retried, and only while nothing has reached the client.
 */
import { mayUseModel } from '../auth/model-access.js';
import { GatewayError } from '../core/errors.js';
import { backoffMs, retryAfterMs, sleep } from '../routing/backoff.js';
import { idOf, orderDeployments } from '../routing/order-deployments.js';
import type { Deployment, ResolvedModel } from '../routing/resolve-model.js';
import { asGatewayError, type Attempt, type ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat } from './chat-types.js';

/** Where the call went; kept by the caller so a failure is recorded with its retries too. */
export interface RoutingTrace {
  attempt: Attempt | null;
  retries: number;
  fallbacks: number;
}

/** A provider asking for a longer pause than this is not waited for: the next deployment is tried. */
const MAX_WAIT_MS = 10_000;

type Verdict = 'retry' | 'next-deployment' | 'fatal';

export async function runAttempts<T>(
  service: ChatService,
  prepared: PreparedChat,
  call: ChatCall,
  trace: RoutingTrace,
  execute: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  const { health, retries } = service.deps.routing;
  let lastError: GatewayError | null = null;
  let coolingSeen = false;
  const groups = modelGroups(service, prepared, call);
  for (const [groupIndex, group] of groups.entries()) {
    if (groupIndex > 0 && lastError !== null) {
      trace.fallbacks++;
      service.deps.metrics.fallback(prepared.model.name, group.name);
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
        service.deps.metrics.retry(deployment.provider.name);
        const wait = previous === deployment ? backoffMs(number, lastError === null ? null : retryAfterMs(lastError.headers)) : 0;
        await sleep(wait, call.signal);
      }
      if (call.signal.aborted) throw asGatewayError(new Error('client gone'), null, call.signal);
      const attempt = await service.startAttempt(prepared, call, group, deployment);
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
        const failure = asGatewayError(error, attempt, call.signal);
        const verdict = classify(failure, attempt, call);
        const pause = retryAfterMs(failure.headers);
        if (verdict === 'fatal') {
          health.released(id);
          throw failure;
        }
        // Only the upstream's own failures count towards a cooldown (attempt-failure.ts).
        if (failure.deploymentFault) health.failed(id, failure.status === 429 ? (pause ?? service.deps.routing.cooldownMs) : null);
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
  throw noHealthyDeployment(prepared.model.name, coolingSeen);
}

function classify(error: GatewayError, attempt: Attempt, call: ChatCall): Verdict {
  if (call.signal.aborted || error.status === 499) return 'fatal';
  // A deployment-level refusal (bad provider key, unknown model id at that provider): another
  // deployment may well work, the same one will not.
  if (attempt.upstreamStatus !== null && [401, 403, 404].includes(error.status)) return 'next-deployment';
  // By where the failure came from, not by its status: the gateway's own 500 is never retried.
  return error.retryable || error.deploymentFault ? 'retry' : 'fatal';
}

/** The groups to try, in order, each resolved once; names that cannot be served are skipped. */
function modelGroups(service: ChatService, prepared: PreparedChat, call: ChatCall): ResolvedModel[] {
  const groups: ResolvedModel[] = [prepared.model];
  const seen = new Set([prepared.model.name]);
  const names = [...(prepared.request.models ?? []), ...prepared.model.fallbacks];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      const group = service.deps.resolver.resolve(name);
      const principal = call.principal;
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
