/**
 * What the router knows about each deployment: calls in flight (least-busy), a latency average
 * (lowest-latency), consecutive failures and cooldowns. A deployment that keeps failing — or that
 * the provider rate-limits — is taken out of rotation for a while and tried again after.
 * Cooldowns can be shared between instances through a CooldownSync (Redis).
 */
export interface CooldownSync {
  /** Tells the other instances; they call `coolLocally`. */
  publish(deploymentId: string, untilMs: number): void;
}

export interface HealthOptions {
  cooldownMs: number;
  /** Consecutive failures that trigger a cooldown. */
  failureThreshold?: number;
  now?: () => number;
  onCooldown?: (deploymentId: string, untilMs: number) => void;
}

/** States kept before idle ones are dropped: deployment ids come from clients too (`openai/<anything>`). */
const MAX_STATES = 10_000;

interface State {
  inFlight: number;
  latencyMs: number | null;
  failures: number;
  coolUntil: number;
}

export class DeploymentHealth {
  private readonly states = new Map<string, State>();
  sync: CooldownSync | null = null;

  constructor(private readonly options: HealthOptions) {}

  private state(id: string): State {
    let state = this.states.get(id);
    if (state === undefined) {
      if (this.states.size >= MAX_STATES) this.dropIdle();
      state = { inFlight: 0, latencyMs: null, failures: 0, coolUntil: 0 };
      this.states.set(id, state);
    }
    return state;
  }

  /** Forgets deployments with nothing to remember (no call in flight, no failures, no cooldown). */
  private dropIdle(): void {
    const now = this.now();
    for (const [id, state] of this.states) {
      if (state.inFlight === 0 && state.failures === 0 && state.coolUntil <= now) this.states.delete(id);
    }
  }

  /** How many deployments are tracked (tests). */
  get size(): number {
    return this.states.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  isCooling(id: string): boolean {
    return (this.states.get(id)?.coolUntil ?? 0) > this.now();
  }

  inFlight(id: string): number {
    return this.states.get(id)?.inFlight ?? 0;
  }

  latency(id: string): number | null {
    return this.states.get(id)?.latencyMs ?? null;
  }

  started(id: string): void {
    this.state(id).inFlight++;
  }

  succeeded(id: string, latencyMs: number): void {
    const state = this.state(id);
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.failures = 0;
    // An exponentially weighted average: recent calls count most, one slow call does not dominate.
    state.latencyMs = state.latencyMs === null ? latencyMs : state.latencyMs * 0.8 + latencyMs * 0.2;
  }

  /** `retryAfterMs` set: the provider asked for a pause (429), so cool down at once. */
  failed(id: string, retryAfterMs: number | null): void {
    const state = this.state(id);
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.failures++;
    if (retryAfterMs !== null) this.cool(id, Math.max(retryAfterMs, 1000));
    else if (state.failures >= (this.options.failureThreshold ?? 3)) this.cool(id, this.options.cooldownMs);
  }

  /** A call that ended for reasons that say nothing about the deployment (client gone, bad request). */
  released(id: string): void {
    const state = this.state(id);
    state.inFlight = Math.max(0, state.inFlight - 1);
  }

  coolLocally(id: string, untilMs: number): void {
    const state = this.state(id);
    if (untilMs <= state.coolUntil) return;
    state.coolUntil = untilMs;
    state.failures = 0;
    this.options.onCooldown?.(id, untilMs);
  }

  private cool(id: string, durationMs: number): void {
    // cooldown_s: 0 switches cooldowns off altogether.
    if (durationMs <= 0 || this.options.cooldownMs <= 0) return;
    const until = this.now() + durationMs;
    this.coolLocally(id, until);
    this.sync?.publish(id, until);
  }
}

export const deploymentId = (provider: string, model: string): string => `${provider}/${model}`;
