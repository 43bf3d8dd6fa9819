/**
 * The order in which a model's deployments are tried: by weight (random, proportional), by fewest
 * calls in flight, or by lowest average latency — healthy ones first, cooling ones only if nothing
 * else is left.
 */
import type { ModelEntry } from '../config/config.js';
import type { DeploymentHealth } from './deployment-health.js';
import type { Deployment } from './resolve-model.js';

export function orderDeployments(
  deployments: readonly Deployment[],
  strategy: ModelEntry['strategy'],
  health: DeploymentHealth,
  random: () => number = Math.random,
): { healthy: Deployment[]; cooling: Deployment[] } {
  const healthy: Deployment[] = [];
  const cooling: Deployment[] = [];
  for (const deployment of deployments) {
    (health.isCooling(idOf(deployment)) ? cooling : healthy).push(deployment);
  }
  return { healthy: sortBy(healthy, strategy, health, random), cooling: sortBy(cooling, strategy, health, random) };
}

function sortBy(list: Deployment[], strategy: ModelEntry['strategy'], health: DeploymentHealth, random: () => number): Deployment[] {
  if (list.length <= 1) return list;
  if (strategy === 'least-busy') return [...list].sort((a, b) => health.inFlight(idOf(a)) - health.inFlight(idOf(b)) || b.weight - a.weight);
  if (strategy === 'lowest-latency') {
    // Unmeasured deployments go first so that each gets measured.
    const latency = (deployment: Deployment) => health.latency(idOf(deployment)) ?? -1;
    return [...list].sort((a, b) => latency(a) - latency(b));
  }
  return weightedShuffle(list, random);
}

/** Weighted random order without replacement: the first pick is proportional to weight, and so on. */
export function weightedShuffle<T extends { weight: number }>(items: readonly T[], random: () => number = Math.random): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((sum, item) => sum + item.weight, 0);
    let point = random() * total;
    let index = pool.findIndex((item) => {
      point -= item.weight;
      return point < 0;
    });
    if (index === -1) index = pool.length - 1;
    out.push(...pool.splice(index, 1));
  }
  return out;
}

export const idOf = (deployment: Deployment): string => deployment.id;
