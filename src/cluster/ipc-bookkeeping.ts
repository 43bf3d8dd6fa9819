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

/** An entry still being summed: the TPM bucket (second) it belongs to. */
interface Summing<Entry> {
  bucket: number;
  entry: Entry;
}

/** Draws from one block: a copy of the first draw's reservation, whose amount grows by each next draw's. */
interface DrawSum extends Omit<SettleEntry, 'reservation'> {
  reservation: { -readonly [Field in keyof Reservation]: Reservation[Field] };
}

export class IpcBookkeeping {
  /** By key: the current second's tokens; earlier seconds wait in `tokenEntries`. */
  private tokens = new Map<string, Summing<TokenEntry>>();
  private tokenEntries: TokenEntry[] = [];
  private settlements: SettleEntry[] = [];
  /** Holds drawn from a lease's block, by block: the current second's sum (its reservation a copy carrying the summed amount). */
  private draws = new Map<string, Summing<DrawSum>>();
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
    const summing = this.tokens.get(keyId);
    if (summing !== undefined && summing.bucket === bucket) {
      summing.entry.tokens += tokens;
      summing.entry.now = Math.max(summing.entry.now, now);
    } else {
      if (summing !== undefined) this.tokenEntries.push(summing.entry);
      this.tokens.set(keyId, { bucket, entry: { keyId, tokens, now } });
    }
    void this.schedule();
  }

  /** settle without a promise to wait on. */
  queueSettle(reservation: Reservation, actualUsd: number, now: number): void {
    const { block } = reservation;
    if (block === undefined) this.settlements.push({ reservation, actualUsd, now });
    else {
      const bucket = tokenBucketOf(now);
      const summing = this.draws.get(block);
      if (summing !== undefined && summing.bucket === bucket) {
        const { entry } = summing;
        entry.reservation.amountUsd += reservation.amountUsd;
        entry.actualUsd += actualUsd;
        entry.now = Math.max(entry.now, now);
      } else {
        if (summing !== undefined) this.settlements.push(summing.entry);
        this.draws.set(block, { bucket, entry: { reservation: { ...reservation }, actualUsd, now } });
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
    for (const summing of this.tokens.values()) tokens.push(summing.entry);
    const { settlements, returns } = this;
    for (const summing of this.draws.values()) settlements.push(summing.entry);
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

