/**
 * A worker's bookkeeping after its calls — actual tokens for the TPM window, actual cost for the
 * budget — gathered over one turn of the event loop and sent as one call just before the channel
 * next writes (IpcPeer.beforeNextFlush). Under load that is one small message per turn instead of
 * a round trip per call and per kind, and one answer from the primary. Each caller's promise still
 * resolves once the primary has applied its entry, so another worker's next check sees it.
 */
import type { BackendFailures } from '../limits/backend-failures.js';
import type { Reservation } from '../limits/budget-guard.js';
import type { ClusterPeer } from './cluster-protocol.js';

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
  private tokens: TokenEntry[] = [];
  private settlements: SettleEntry[] = [];
  private queued: Promise<void> | null = null;

  constructor(
    private readonly peer: ClusterPeer,
    private readonly failures: BackendFailures,
    private readonly maxDelayMs = 1,
  ) {}

  recordTokens(entry: TokenEntry): Promise<void> {
    this.tokens.push(entry);
    return this.nextBatch();
  }

  settle(entry: SettleEntry): Promise<void> {
    this.settlements.push(entry);
    return this.nextBatch();
  }

  private nextBatch(): Promise<void> {
    this.queued ??= new Promise((resolve) => this.peer.beforeNextFlush(() => resolve(this.send()), this.maxDelayMs));
    return this.queued;
  }

  private async send(): Promise<void> {
    const { tokens, settlements } = this;
    this.tokens = [];
    this.settlements = [];
    this.queued = null;
    try {
      await this.peer.call('limits.bookkeeping', { tokens, settlements });
    } catch (error) {
      // The cost still reaches the database through the usage recorder; a hold expires by its TTL.
      for (let index = 0; index < tokens.length; index++) this.failures.report('token accounting', 'skipped', error);
      for (let index = 0; index < settlements.length; index++) this.failures.report('budget settle', 'skipped', error);
    }
  }
}
