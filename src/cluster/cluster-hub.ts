/**
 * The primary's end of every worker channel: it answers the workers' limit calls from one set of
 * memory limits (when there is no Redis), fans key changes and cooldowns out to the other workers,
 * and gathers every worker's metrics into one Prometheus view.
 */
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MemoryBudgetGuard } from '../limits/memory-budget-guard.js';
import type { MemoryRateLimiter } from '../limits/memory-rate-limiter.js';
import { clusterProtocol, type ClusterPeer } from './cluster-protocol.js';
import { CooldownTable } from './cooldown-table.js';
import { IpcPeer, type IpcPort } from './ipc-channel.js';
import { LeaseGrantor } from './lease-grantor.js';
import type { LeaseReturn } from './lease-terms.js';
import { serveLimits } from './serve-limits.js';

export interface ClusterHubOptions {
  /** The limits every worker shares, leased out to them; null when the workers use Redis themselves. */
  limits: { rateLimiter: MemoryRateLimiter; budgetGuard: MemoryBudgetGuard } | null;
  /** The primary's own metrics (workers, restarts, its limit failures), summed in with the workers'. */
  registry: Registry;
  onListening?: (workerId: number, address: string) => void;
  onError?: (error: unknown) => void;
  /** How long a worker gets to send its metrics or re-read a key (default 1 s; metrics 5 s). */
  refreshTimeoutMs?: number;
  scrapeTimeoutMs?: number;
}

export class ClusterHub {
  private readonly peers = new Map<number, ClusterPeer>();
  private readonly cooldowns = new CooldownTable();
  private readonly grantor: LeaseGrantor | null;

  constructor(private readonly options: ClusterHubOptions) {
    this.grantor = options.limits === null ? null : new LeaseGrantor({ ...options.limits, workers: () => this.peers.size });
  }

  /** Wires a new worker's channel; it leaves the hub when its pipe closes. */
  attach(workerId: number, port: IpcPort): void {
    const peer: ClusterPeer = new IpcPeer(port, clusterProtocol, { onError: (error) => this.options.onError?.(error) });
    this.peers.set(workerId, peer);
    port.onClose(() => {
      if (this.peers.get(workerId) === peer) this.peers.delete(workerId);
      this.grantor?.forget(workerId);
    });
    if (this.options.limits !== null && this.grantor !== null) {
      serveLimits(peer, this.options.limits, { grantor: this.grantor, workerId, revoke: (workerIds, keyId) => this.revoke(workerIds, keyId) });
    }
    peer.handle('keys.changed', async ({ id }) => {
      await Promise.allSettled(this.others(workerId).map((other) => other.call('keys.refresh', { id }, this.options.refreshTimeoutMs ?? 1000)));
      return null;
    });
    peer.handle('cooldowns.list', () => this.cooldowns.running());
    peer.handle('metrics.scrape', async () => this.scrape());
    peer.on('cooldown.started', ({ id, untilMs }) => {
      this.cooldowns.add(id, untilMs);
      for (const other of this.others(workerId)) other.notify('cooldown.apply', { id, untilMs });
    });
    peer.on('worker.listening', ({ address }) => this.options.onListening?.(workerId, address));
  }

  /** Asks every worker to stop gracefully. */
  shutdown(): void {
    for (const peer of this.peers.values()) peer.notify('worker.shutdown', {});
  }

  /**
   * Every connected worker's registry, summed by prom-client's cluster aggregator, plus the primary's
   * own. A worker that does not answer fails the scrape: partial counters would look like resets.
   */
  async scrape(): Promise<{ text: string; contentType: string }> {
    const timeoutMs = this.options.scrapeTimeoutMs ?? 5000;
    const perWorker = await Promise.all([...this.peers.values()].filter((peer) => !peer.closed).map((peer) => peer.call('metrics.collect', {}, timeoutMs)));
    const aggregated = AggregatorRegistry.aggregate([...perWorker, await this.options.registry.getMetricsAsJSON()]);
    return { text: await aggregated.metrics(), contentType: aggregated.contentType };
  }

  get workers(): number {
    return this.peers.size;
  }

  /** Asks each worker for its lease of the key back; one that does not answer within a second returns nothing. */
  private revoke(workerIds: number[], keyId: string): Promise<Array<LeaseReturn | null>> {
    return Promise.all(
      workerIds.map((workerId) => {
        const peer = this.peers.get(workerId);
        if (peer === undefined || peer.closed) return null;
        return peer.call('lease.revoke', { keyId }, this.options.refreshTimeoutMs ?? 1000).catch(() => null);
      }),
    );
  }

  private others(workerId: number): ClusterPeer[] {
    return [...this.peers].flatMap(([id, peer]) => (id === workerId || peer.closed ? [] : [peer]));
  }
}
