/**
 * How long the primary waits before restarting a worker that died: doubling from `initialMs` up to
 * `maxMs` while workers keep dying young, back to `initialMs` once one has run `healthyAfterMs`. A
 * worker that crashes on every start (a bad upstream answer, an exhausted disk) is then restarted
 * a few times a minute instead of hundreds of times a second.
 */
export interface RestartBackoffOptions {
  initialMs?: number;
  maxMs?: number;
  healthyAfterMs?: number;
}

export class RestartBackoff {
  private consecutive = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly healthyAfterMs: number;

  constructor(options: RestartBackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 250;
    this.maxMs = options.maxMs ?? 30_000;
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
  }

  /** The wait before restarting a worker that ran for `ranMs` before it exited. */
  next(ranMs: number): number {
    if (ranMs >= this.healthyAfterMs) this.consecutive = 0;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.consecutive);
    this.consecutive += 1;
    return delay;
  }
}
