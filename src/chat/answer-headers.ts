/**
 * The headers every metered answer carries, whichever door: the key's x-ratelimit-* window, where the
 * call went (x-switchyard-provider / -model), what it cost and how it was routed. A flat
 * [name, value, …] list, as the edge writes it: building an object by cloning the limits' headers
 * cost a few microseconds a call.
 */
import { formatUsd } from '../pricing/compute-cost.js';
import type { Deployment } from '../routing/resolve-model.js';
import type { RoutingTrace, RoutedAttempt } from './run-attempts.js';

export function answerHeaders(limitHeaders: Readonly<Record<string, string>>, trace: RoutingTrace<RoutedAttempt>, deployment: Deployment | null, cost: number | null): string[] {
  const headers: string[] = [];
  for (const name in limitHeaders) headers.push(name, limitHeaders[name] as string);
  if (deployment !== null) headers.push('x-switchyard-provider', deployment.provider.name, 'x-switchyard-model', deployment.model);
  if (cost !== null) headers.push('x-switchyard-cost-usd', formatUsd(cost));
  if (trace.retries > 0) headers.push('x-switchyard-retries', String(trace.retries));
  if (trace.fallbacks > 0) headers.push('x-switchyard-fallbacks', String(trace.fallbacks));
  return headers;
}
