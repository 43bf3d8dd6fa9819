/** Who is calling: the master key, or a virtual key with its limits (issue: keys and usage). */
export interface KeyPolicy {
  id: string;
  name: string;
  /** null = every model; entries are model names or `provider/*` patterns. */
  models: readonly string[] | null;
  rpm: number | null;
  tpm: number | null;
  budgetUsd: number | null;
  budgetPeriod: 'day' | 'week' | 'month' | null;
  expiresAt: Date | null;
}

export type Principal = { kind: 'master' } | { kind: 'key'; key: KeyPolicy };

export const principalKeyId = (principal: Principal): string | null => (principal.kind === 'key' ? principal.key.id : null);
