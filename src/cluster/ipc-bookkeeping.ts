/**
 * A worker's bookkeeping after its calls — actual tokens for the TPM window, actual cost for the
 * budget, the unused rest of leases that ended — gathered for up to 10 ms and sent as one call
 * (sooner when the channel writes anyway: IpcPeer.beforeNextFlush). Under load that is a hundred
 * small messages a second at most instead of a round trip per call and per kind. Tokens of one key
 * in one second (one TPM bucket) travel as one sum, and so do the calls drawn from one lease's
 * budget block; holds of their own settle one by one. Each caller's promise still resolves once
 * the primary has applied its entry.
 *
 * Arriving late only ever errs one way: a hold is released when its spend is counted, together, so
 * the budget holds longer; tokens count a little later in other workers' TPM checks, like the
 * tokens of calls still in flight.
 */
import type { BackendFailures } from '../limits/backend-failures.js';
import type { Reservation } from '../limits/budget-guard.js';
import { tokenBucketOf } from '../limits/sliding-window.js';
import type { ClusterPeer } from './cluster-protocol.js';
import type { LeaseReturn } from './lease-terms.js';

interface TokenEntry {
  keyId: string;
  tokens: number;
  now: number;
}

interface SettleEntry {
  reservation: Reservation;
  actualUsd: number;
  now: number;
}

/** One key's tokens, or one block's draws, summed within one second (one TPM bucket). */
interface Summed {
  bucket: number;
  tokens: number;
  drawnUsd: number;
  actualUsd: number;
  now: number;
  /** The first draw's reservation (draws only); the sum replaces its amount when sent. */
  reservation: Reservation | null;
}

export class IpcBookkeeping {
  /** By key: the current second's tokens; earlier seconds wait in `tokenEntries`. */
  private tokens = new Map<string, Summed>();
  private tokenEntries: TokenEntry[] = [];
  private settlements: SettleEntry[] = [];
  /** Holds drawn from a lease's block, by block: the current second's sum. */
  private draws = new Map<string, Summed>();
  private returns: LeaseReturn[] = [];
  private queued: Promise<void> | null = null;

  constructor(
    private readonly peer: ClusterPeer,
    private readonly failures: BackendFailures,
    private readonly maxDelayMs = 10,
  ) {}

  recordTokens(entry: TokenEntry): Promise<void> {
    this.queueTokens(entry.keyId, entry.tokens, entry.now);
    return this.schedule();
  }

  settle(entry: SettleEntry): Promise<void> {
    this.queueSettle(entry.reservation, entry.actualUsd, entry.now);
    return this.schedule();
  }

  /** recordTokens without a promise to wait on, for calls admitted from a lease (nothing waits for their bookkeeping). */
  queueTokens(keyId: string, tokens: number, now: number): void {
    const bucket = tokenBucketOf(now);
    const summed = this.tokens.get(keyId);
    if (summed !== undefined && summed.bucket === bucket) {
      summed.tokens += tokens;
      summed.now = Math.max(summed.now, now);
    } else {
      if (summed !== undefined) this.tokenEntries.push({ keyId, tokens: summed.tokens, now: summed.now });
      this.tokens.set(keyId, { bucket, tokens, drawnUsd: 0, actualUsd: 0, now, reservation: null });
    }
    void this.schedule();
  }

  /** settle without a promise to wait on. */
  queueSettle(reservation: Reservation, actualUsd: number, now: number): void {
    const { block } = reservation;
    if (block === undefined) this.settlements.push({ reservation, actualUsd, now });
    else {
      const bucket = tokenBucketOf(now);
      const summed = this.draws.get(block);
      if (summed !== undefined && summed.bucket === bucket) {
        summed.drawnUsd += reservation.amountUsd;
        summed.actualUsd += actualUsd;
        summed.now = Math.max(summed.now, now);
      } else {
        if (summed !== undefined) this.settlements.push(drawsOf(summed));
        this.draws.set(block, { bucket, tokens: 0, drawnUsd: reservation.amountUsd, actualUsd, now, reservation });
      }
    }
    void this.schedule();
  }

  /** A lease that ended by itself (expired or spent): what it leaves unused goes back with the next batch. */
  returnLease(entry: LeaseReturn): void {
    this.returns.push(entry);
    void this.schedule();
  }

  /** The next batch, sent within maxDelayMs; its promise resolves once the primary applied it (never rejects). */
  private schedule(): Promise<void> {
    this.queued ??= new Promise((resolve) => this.peer.beforeNextFlush(() => resolve(this.send()), this.maxDelayMs));
    return this.queued;
  }

  private async send(): Promise<void> {
    const tokens = this.tokenEntries;
    for (const [keyId, summed] of this.tokens) tokens.push({ keyId, tokens: summed.tokens, now: summed.now });
    const { settlements, returns } = this;
    for (const summed of this.draws.values()) settlements.push(drawsOf(summed));
    this.tokens = new Map();
    this.tokenEntries = [];
    this.settlements = [];
    this.draws = new Map();
    this.returns = [];
    this.queued = null;
    try {
      await this.peer.call('limits.bookkeeping', { tokens, settlements, returns });
    } catch (error) {
      // The cost still reaches the database through the usage recorder; a hold expires by its TTL.
      for (let index = 0; index < tokens.length; index++) this.failures.report('token accounting', 'skipped', error);
      for (let index = 0; index < settlements.length; index++) this.failures.report('budget settle', 'skipped', error);
      // Unreturned slots keep counting for a minute; an unreleased block, until its TTL.
      for (let index = 0; index < returns.length; index++) this.failures.report('lease return', 'skipped', error);
    }
  }
}

/** Summed draws as one settlement: the first draw's reservation carrying the sum of their holds. */
function drawsOf(summed: Summed): SettleEntry {
  const reservation = summed.reservation;
  if (reservation === null) throw new Error('a draw sum without its reservation');
  return { reservation: { ...reservation, amountUsd: summed.drawnUsd }, actualUsd: summed.actualUsd, now: summed.now };
}
