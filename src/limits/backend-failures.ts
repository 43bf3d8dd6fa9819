/**
 * Counts limit-backend failures (Redis unreachable, timeouts) and logs them without flooding: at
 * 10,000 requests/s against a dead Redis, one warning per interval carries the count instead of
 * 10,000 lines. The count is there for /metrics.
 */
export class BackendFailures {
  private total = 0;
  private unlogged = 0;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly logIntervalMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get count(): number {
    return this.total;
  }

  report(operation: string, outcome: 'failed open' | 'failed closed' | 'skipped' | 'lost', error: unknown): void {
    this.total += 1;
    this.unlogged += 1;
    const now = this.clock();
    if (now - this.lastLoggedAt < this.logIntervalMs) return;
    const detail = error instanceof Error ? error.message : String(error);
    const others = this.unlogged > 1 ? ` (${this.unlogged - 1} similar failures since the last warning)` : '';
    this.warn(`switchyard limits: ${operation} ${outcome}: ${detail}${others}`);
    this.lastLoggedAt = now;
    this.unlogged = 0;
  }
}
