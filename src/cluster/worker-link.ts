/**
 * A cluster worker's line to the primary, handed to the composition root: the shared limits (when
 * there is no Redis), key-change fan-out, shared cooldowns, the cluster-wide /metrics and the
 * lifecycle messages. One IPC channel carries all of it (cluster-protocol.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { GatewayError } from '../core/errors.js';
import type { KeyEvents } from '../keys/key-events.js';
import type { Limits } from '../limits/create-limits.js';
import type { CooldownSync, DeploymentHealth } from '../routing/deployment-health.js';
import type { RouteAccess } from '../server/route-access.js';
import { clusterProtocol, type ClusterPeer } from './cluster-protocol.js';
import { createIpcLimits, type IpcLimitsOptions } from './create-ipc-limits.js';
import { IpcPeer, type IpcPort } from './ipc-channel.js';

/** Response header naming the worker that answered (cluster mode only), for operators and tests. */
export const WORKER_HEADER = 'x-switchyard-worker';

export interface WorkerLinkOptions {
  /** node:cluster's worker id (1, 2, … and counting up as workers are restarted). */
  workerId: number;
  /** Bound on each limit call (default 1 s, as a Redis command). */
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

export class WorkerLink {
  readonly workerId: number;
  private readonly peer: ClusterPeer;
  private refreshKey: (id: string) => Promise<void> = async () => undefined;
  private registry: Registry | null = null;
  private health: DeploymentHealth | null = null;
  private shutdownRequested = false;
  private readonly shutdownListeners: Array<() => void> = [];
  private readonly onError: (error: unknown) => void;

  constructor(port: IpcPort, options: WorkerLinkOptions) {
    this.workerId = options.workerId;
    this.onError = options.onError ?? (() => undefined);
    this.peer = new IpcPeer(port, clusterProtocol, { timeoutMs: options.timeoutMs ?? 1000, onError: this.onError });
    this.peer.handle('keys.refresh', async ({ id }) => {
      await this.refreshKey(id);
      return null;
    });
    this.peer.handle('metrics.collect', async () => {
      if (this.registry === null) throw new Error('metrics not registered yet');
      return this.registry.getMetricsAsJSON();
    });
    this.peer.on('cooldown.apply', ({ id, untilMs }) => this.health?.coolLocally(id, untilMs));
    // Listened for from the start: a worker still starting when the cluster stops must stop too.
    this.peer.on('worker.shutdown', () => {
      this.shutdownRequested = true;
      for (const listener of this.shutdownListeners.splice(0)) listener();
    });
  }

  /** RPM/TPM windows and budgets held by the primary, exact across workers. */
  limits(options: IpcLimitsOptions): Limits {
    return createIpcLimits(this.peer, options);
  }

  /**
   * A change published here is applied by every other worker before publish() resolves (the primary
   * waits for their answers, up to a second), so a revoked key is refused everywhere once the
   * DELETE has answered. The key cache's poll still catches anything this misses.
   */
  keyEvents(refresh: (id: string) => Promise<void>): KeyEvents {
    this.refreshKey = refresh;
    return {
      publish: async (id) => {
        try {
          await this.peer.call('keys.changed', { id }, 2000);
        } catch (error) {
          this.onError(error);
        }
      },
      close: async () => undefined,
    };
  }

  /** Cooldowns shared through the primary, which also tells workers started later the ones still running. */
  async cooldownSync(health: DeploymentHealth): Promise<CooldownSync & { close(): Promise<void> }> {
    this.health = health;
    try {
      for (const { id, untilMs } of await this.peer.call('cooldowns.list', {})) health.coolLocally(id, untilMs);
    } catch (error) {
      this.onError(error);
    }
    return {
      publish: (id, untilMs) => this.peer.notify('cooldown.started', { id, untilMs }),
      close: async () => undefined,
    };
  }

  /** GET /metrics answers for the whole cluster: the primary gathers and aggregates every worker's registry. */
  registerMetrics(app: FastifyInstance, registry: Registry, access: RouteAccess): void {
    this.registry = registry;
    app.get('/metrics', { config: { access } }, async (_request, reply) => {
      let scrape: { text: string; contentType: string };
      try {
        scrape = await this.peer.call('metrics.scrape', {}, 10_000);
      } catch (error) {
        throw new GatewayError(503, `The cluster's metrics could not be gathered: ${error instanceof Error ? error.message : String(error)}`, {
          type: 'server_error',
          code: 'metrics_unavailable',
          cause: error,
        });
      }
      return reply.header('content-type', scrape.contentType).send(scrape.text);
    });
  }

  /**
   * Names this worker on every answer — refusals by the auth hook and streams included — by setting
   * the header on the raw response before Fastify sees the request (Node merges it into the head).
   */
  registerWorkerHeader(app: FastifyInstance): void {
    const value = String(this.workerId);
    app.server.prependListener('request', (_request, response) => response.setHeader(WORKER_HEADER, value));
  }

  /** Tells the primary where this worker listens (it prints the banner once all are up). */
  listening(address: string): void {
    this.peer.notify('worker.listening', { address });
  }

  /** The primary asks for a graceful stop (SIGTERM/SIGINT reached it); called at once if it already has. */
  onShutdown(listener: () => void): void {
    if (this.shutdownRequested) listener();
    else this.shutdownListeners.push(listener);
  }

  close(): void {
    this.peer.close();
  }
}
