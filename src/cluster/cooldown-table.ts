/**
 * The cooldowns running in the cluster, kept by the primary so that a worker started later (or
 * restarted) learns them, as instances learn them from Redis keys with a TTL. Bounded: deployment ids
 * come from clients too.
 */
const MAX_ENTRIES = 10_000;

export class CooldownTable {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  add(id: string, untilMs: number): void {
    if (untilMs <= (this.until.get(id) ?? 0)) return;
    this.until.delete(id);
    this.until.set(id, untilMs);
    if (this.until.size > MAX_ENTRIES) this.prune();
    // Still over: the oldest entries (insertion order) go.
    for (const key of this.until.keys()) {
      if (this.until.size <= MAX_ENTRIES) break;
      this.until.delete(key);
    }
  }

  running(): Array<{ id: string; untilMs: number }> {
    this.prune();
    return [...this.until].map(([id, untilMs]) => ({ id, untilMs }));
  }

  private prune(): void {
    const now = this.now();
    for (const [id, untilMs] of this.until) if (untilMs <= now) this.until.delete(id);
  }
}
