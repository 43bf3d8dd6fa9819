/** Weighted random choice among deployments (design.md §1 `targets` with `weight`). */
import type { Deployment } from '../routing/resolve-model.js';

export function pickDeployment(deployments: readonly Deployment[], random: () => number = Math.random): Deployment {
  if (deployments.length === 1) return deployments[0] as Deployment;
  const total = deployments.reduce((sum, deployment) => sum + deployment.weight, 0);
  let point = random() * total;
  for (const deployment of deployments) {
    point -= deployment.weight;
    if (point < 0) return deployment;
  }
  return deployments[deployments.length - 1] as Deployment;
}
