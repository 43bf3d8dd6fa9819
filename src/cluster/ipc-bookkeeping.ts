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

export class IpcBookkeeping {
  /** By key and TPM bucket. */
  private tokens = new Map<string, TokenEntry>();
  private settlements: SettleEntry[] = [];
  /** Settlements of holds drawn from a lease's block, by block and second. */
  private draws = new Map<string, SettleEntry>();
  private returns: LeaseReturn[] = [];
  private queued: Promise<void> | null = null;

  constructor(
    private readonly peer: ClusterPeer,
    private readonly failures: BackendFailures,
    private readonly maxDelayMs = 10,
  ) {}

  recordTokens(entry: TokenEntry): Promise<void> {
    const bucket = `${entry.keyId}|${tokenBucketOf(entry.now)}`;
    const summed = this.tokens.get(bucket);
    if (summed === undefined) this.tokens.set(bucket, { ...entry });
    else {
      summed.tokens += entry.tokens;
      summed.now = Math.max(summed.now, entry.now);
    }
    return this.nextBatch();
  }

  settle(entry: SettleEntry): Promise<void> {
    const { block } = entry.reservation;
    if (block === undefined) {
      this.settlements.push(entry);
      return this.nextBatch();
    }
    const group = `${block}|${tokenBucketOf(entry.now)}`;
    const summed = this.draws.get(group);
    if (summed === undefined) this.draws.set(group, { ...entry, reservation: { ...entry.reservation } });
    else {
      summed.reservation = { ...summed.reservation, amountUsd: summed.reservation.amountUsd + entry.reservation.amountUsd };
      summed.actualUsd += entry.actualUsd;
      summed.now = Math.max(summed.now, entry.now);
    }
    return this.nextBatch();
  }

  /** A lease that ended by itself (expired or spent): what it leaves unused goes back with the next batch. */
  returnLease(entry: LeaseReturn): Promise<void> {
    this.returns.push(entry);
    return this.nextBatch();
  }

  private nextBatch(): Promise<void> {
    this.queued ??= new Promise((resolve) => this.peer.beforeNextFlush(() => resolve(this.send()), this.maxDelayMs));
    return this.queued;
  }

  private async send(): Promise<void> {
    const tokens = [...this.tokens.values()];
    const settlements = [...this.settlements, ...this.draws.values()];
    const { returns } = this;
    this.tokens = new Map();
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
