/**
 * The composition root: every service is built here, once, from the config, and handed to the
 * pieces that need it. Nothing else constructs services or reads the environment.
 */
import type { FastifyInstance } from 'fastify';
import { Authenticator } from '../auth/authenticator.js';
import { createAdapterRegistry } from '../chat/adapter-registry.js';
import { ChatService } from '../chat/chat-service.js';
import { LimitsAdmission } from '../chat/limits-admission.js';
import type { Config } from '../config/config.js';
import { UpstreamClient } from '../http/upstream-client.js';
import { KeyCache } from '../keys/key-cache.js';
import { connectKeyEvents, noKeyEvents, type KeyEvents } from '../keys/key-events.js';
import { KeyService } from '../keys/key-service.js';
import { createLimits } from '../limits/index.js';
import { inlineRemoteMedia } from '../media/inline-remote-media.js';
import { PriceBook } from '../pricing/price-book.js';
import { anthropicAdapter } from '../providers/anthropic/index.js';
import { geminiAdapter } from '../providers/gemini/index.js';
import { ModelResolver } from '../routing/resolve-model.js';
import { buildServer } from '../server/build-server.js';
import { sweepIdleConnections } from '../server/sweep-idle-connections.js';
import { registerAdminKeys } from '../server/routes/admin-keys.js';
import { registerAdminUsage } from '../server/routes/admin-usage.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { BatchUsageRecorder } from '../usage/batch-recorder.js';
import type { UsageRecorder } from '../usage/usage-record.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { registerMetrics } from '../metrics/register-metrics.js';
import { connectCooldownSync } from '../routing/cooldown-sync.js';
import { DeploymentHealth } from '../routing/deployment-health.js';
import { defaultConsoleAssetsDir, registerConsole } from '../console/register-console.js';
import { registerAdminOverview } from '../server/routes/admin-overview.js';
import { registerAdminRequest } from '../server/routes/admin-request.js';
import { registerEmbeddings } from '../server/routes/embeddings.js';
import { EmbeddingsService } from '../embeddings/embeddings-service.js';
import { createLogger, flushLogger, pinoCallLog } from './create-logger.js';
import { resolveMasterKey } from './master-key.js';
import { newId } from './new-id.js';
import { priceOverrides } from './price-overrides.js';
import type { WorkerLink } from '../cluster/worker-link.js';

export interface App {
  server: FastifyInstance;
  config: Config;
  store: Store;
  keys: KeyService;
  /** Set only when this start generated the master key (print it once). */
  generatedMasterKey: string | null;
  recorder: UsageRecorder;
  /** Graceful stop: in-flight calls get `graceMs` to finish, then usage is flushed. */
  close(graceMs?: number): Promise<void>;
}

export interface AppOverrides {
  /** Replaces the batched store recorder (tests). */
  recorder?: UsageRecorder;
  /** How often other instances' key changes are polled (default 1 s). */
  keyPollMs?: number;
  /**
   * Set in a `serve --workers N` worker: without Redis, limits, key changes and cooldowns are shared
   * through the cluster primary; /metrics answers for the whole cluster either way.
   */
  worker?: WorkerLink;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const store = await openStore(config.storeUrl);
  await store.migrate();
  const log = createLogger(config);
  const worker = overrides.worker ?? null;

  const masterKey = await resolveMasterKey(config.masterKey, store);
  const keyCache = new KeyCache(store, { pollMs: overrides.keyPollMs ?? 1000, onError: (error) => log.warn({ err: error }, 'key cache refresh failed') });
  await keyCache.start();
  let events: KeyEvents = noKeyEvents;
  if (config.redisUrl !== null) {
    events = await connectKeyEvents(
      config.redisUrl,
      (id) => void keyCache.refresh(id).catch((error: unknown) => log.warn({ err: error }, 'key refresh failed')),
      (error) => log.warn({ err: error }, 'redis key events'),
    );
  } else if (worker !== null) {
    events = worker.keyEvents((id) => keyCache.refresh(id).catch((error: unknown) => log.warn({ err: error }, 'key refresh failed')));
  }
  const keys = new KeyService(store, keyCache, events);

  const reservationTtlMs = config.routing.timeouts.totalMs + 60_000;
  const limits =
    worker !== null && config.redisUrl === null
      ? worker.limits({ reservationTtlMs, warn: (message) => log.warn(message) })
      : createLimits({
          redisUrl: config.redisUrl,
          reservationTtlMs,
          loadSpend: (keyId, period, periodStartMs) => store.keySpend(keyId, period === null ? null : new Date(periodStartMs)),
          warn: (message) => log.warn(message),
        });
  const recorder =
    overrides.recorder ??
    new BatchUsageRecorder(store, {
      log: { warn: (details, message) => log.warn(details, message), error: (details, message) => log.error(details, message) },
    });

  const metrics = new GatewayMetrics({
    ...(recorder instanceof BatchUsageRecorder ? { usageBuffered: () => recorder.stats.buffered, usageDropped: () => recorder.stats.dropped } : {}),
    limitFailures: () => limits.failures.count,
  });
  const health = new DeploymentHealth({
    cooldownMs: config.routing.cooldownS * 1000,
    onCooldown: (id, until) => {
      metrics.cooldown(id);
      log.warn({ deployment: id, until: new Date(until).toISOString() }, 'deployment cooling down');
    },
  });
  let cooldowns: { close(): Promise<void> } | null = null;
  if (config.redisUrl !== null) {
    const sync = await connectCooldownSync(config.redisUrl, health, (error) => log.warn({ err: error }, 'redis cooldown sync'));
    health.sync = sync;
    cooldowns = sync;
  } else if (worker !== null) {
    const sync = await worker.cooldownSync(health);
    health.sync = sync;
    cooldowns = sync;
  }

  const resolver = new ModelResolver(config);
  const upstream = new UpstreamClient();
  const chat = new ChatService({
    resolver,
    adapters: createAdapterRegistry({ anthropic: anthropicAdapter, gemini: geminiAdapter }),
    upstream,
    prices: new PriceBook(priceOverrides(config)),
    recorder,
    admission: new LimitsAdmission(limits.rateLimiter, limits.budgetGuard, (error) => log.warn({ err: error }, 'limit bookkeeping failed'), limits.lease === undefined ? {} : { lease: limits.lease }),
    defaultModel: config.defaultModel,
    inlineMedia: (request) => inlineRemoteMedia(request, config.media),
    now: () => Math.floor(Date.now() / 1000),
    newId,
    maxUpstreamBytes: 64 * 1024 * 1024,
    routing: { health, retries: config.routing.retries, cooldownMs: config.routing.cooldownS * 1000 },
    metrics,
    callLog: pinoCallLog(log),
  });

  const app = buildServer({
    config,
    logger: log,
    authenticator: new Authenticator(masterKey.hash, keyCache),
    chat,
    resolver,
    ready: () => store.ping(),
    plugins: [
      (instance) => registerEmbeddings(instance, new EmbeddingsService(chat)),
      (instance) => registerAdminKeys(instance, keys),
      (instance) => registerAdminUsage(instance, store),
      (instance) =>
        worker === null
          ? registerMetrics(instance, metrics.registry, config.server.metricsAccess)
          : worker.registerMetrics(instance, metrics.registry, config.server.metricsAccess),
      (instance) => registerAdminOverview(instance, store),
      (instance) => registerAdminRequest(instance, store),
      (instance) => registerConsole(instance, { assetsDir: defaultConsoleAssetsDir() }),
      ...(worker === null ? [] : [(instance: FastifyInstance) => worker.registerWorkerHeader(instance)]),
    ],
  });

  return {
    server: app,
    config,
    store,
    keys,
    generatedMasterKey: masterKey.generated,
    recorder,
    async close(graceMs = 30_000) {
      // Stop accepting; let requests and streams in flight finish within the grace period, closing
      // each keep-alive connection as soon as its call is answered.
      const stopSweeping = sweepIdleConnections(app.server);
      const closed = app.close().finally(stopSweeping);
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      if ((await Promise.race([closed.then(() => 'closed' as const), timer])) === 'timeout') {
        log.warn({ grace_ms: graceMs }, 'grace period over: closing the connections still open');
        app.server.closeAllConnections();
        await closed;
      }
      keyCache.stop();
      await recorder.close();
      await Promise.allSettled([upstream.close(), limits.close(), events.close(), cooldowns?.close()]);
      await store.close();
      await flushLogger(log);
    },
  };
}
