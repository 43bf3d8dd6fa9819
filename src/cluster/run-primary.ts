/**
 * `serve --workers N`, the primary process: prepares the store once (migrations, the generated master
 * key), forks N gateway workers on the shared port, holds the limits they share when there is no
 * Redis, restarts a worker that dies (with backoff), prints the banner once, and on SIGTERM/SIGINT
 * lets every worker drain and flush before it exits itself.
 */
import cluster, { type Worker } from 'node:cluster';
import { Counter, Gauge, Registry } from 'prom-client';
import { createLogger, flushLogger } from '../app/create-logger.js';
import { withNodeFlags } from '../cli/node-flags.js';
import { resolveMasterKey } from '../app/master-key.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/load-config.js';
import { createMemoryLimits, type MemoryLimits } from '../limits/create-limits.js';
import { openStore } from '../store/open-store.js';
import { MEMORY_PATH, parseStoreUrl } from '../store/parse-store-url.js';
import type { Store } from '../store/store.js';
import { ClusterHub } from './cluster-hub.js';
import { workerPort } from './ipc-ports.js';
import { RestartBackoff } from './restart-backoff.js';

export type Banner = (address: string, generatedMasterKey: string | null) => void;

/** Past the grace period, workers still get this long to flush usage (the recorder tries for 10 s). */
const FLUSH_MARGIN_MS = 15_000;

export async function runPrimary(config: Config, banner: Banner): Promise<number> {
  const location = parseStoreUrl(config.storeUrl);
  if (location.kind === 'sqlite' && location.path === MEMORY_PATH) {
    throw new ConfigError('--workers needs a store the workers can share: sqlite::memory: is private to each process. Use a SQLite file or Postgres.');
  }
  const log = createLogger(config);
  // Once, before any worker starts: the workers then find the schema current and the master key stored.
  const store = await openStore(config.storeUrl, { poolSize: 2 });
  let limits: MemoryLimits | null = null;
  let generatedMasterKey: string | null;
  try {
    await store.migrate();
    generatedMasterKey = (await resolveMasterKey(config.masterKey, store)).generated;
    if (config.redisUrl === null) limits = sharedLimits(config, store, log.warn.bind(log));
  } catch (error) {
    await store.close();
    throw error;
  }
  // With Redis the workers share limits there; the primary has no use for the store.
  if (limits === null) await store.close();

  const registry = new Registry();
  const restarts = new Counter({ name: 'switchyard_cluster_worker_restarts_total', help: 'Workers restarted after they exited', registers: [registry] });
  const target = config.server.workers;
  const listening = new Set<number>();
  let bannerShown = false;
  const hub = new ClusterHub({
    limits,
    registry,
    onError: (error) => log.warn({ err: error }, 'cluster channel'),
    onListening: (workerId, address) => {
      listening.add(workerId);
      if (!bannerShown && listening.size >= target) {
        bannerShown = true;
        banner(address, generatedMasterKey);
      } else if (bannerShown) log.info({ worker: workerId }, 'worker restarted and listening');
    },
  });
  new Gauge({ name: 'switchyard_cluster_workers', help: 'Gateway workers connected to the primary', registers: [registry], collect() { this.set(hub.workers); } });
  if (limits !== null) {
    // Same name as the workers' gauge: the scrape sums the primary's failures (its spend loader) with theirs.
    const failures = limits.failures;
    new Gauge({ name: 'switchyard_limit_backend_failures', help: 'Rate-limit/budget backend failures (since start)', registers: [registry], collect() { this.set(failures.count); } });
  }

  const slots = Array.from({ length: target }, () => new RestartBackoff());
  const running = new Map<number, { slot: number; startedAt: number }>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  // Workers run with the gateway's V8 flags even when the primary was started without them.
  cluster.setupPrimary({ execArgv: withNodeFlags(process.execArgv) });
  const fork = (slot: number): Worker => {
    const worker = cluster.fork();
    hub.attach(worker.id, workerPort(worker));
    running.set(worker.id, { slot, startedAt: Date.now() });
    return worker;
  };

  return new Promise<number>((resolve) => {
    let stopping = false;
    let failed = false;
    let killTimer: NodeJS.Timeout | null = null;

    const finish = () => {
      if (killTimer !== null) clearTimeout(killTimer);
      void Promise.allSettled([limits?.close(), limits === null ? undefined : store.close()])
        .then(() => flushLogger(log))
        .then(() => resolve(failed ? 1 : 0));
    };
    const killAll = () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    };
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: stopping the workers now');
        failed = true;
        killAll();
        return;
      }
      stopping = true;
      for (const timer of pendingRestarts) clearTimeout(timer);
      pendingRestarts.clear();
      log.info({ signal, workers: running.size, grace_ms: config.server.shutdownGraceMs }, 'shutting down: each worker finishes its requests and flushes usage');
      hub.shutdown();
      killTimer = setTimeout(() => {
        log.error({ workers: running.size }, 'workers still running past the grace period: killing them');
        failed = true;
        killAll();
      }, config.server.shutdownGraceMs + FLUSH_MARGIN_MS);
      if (running.size === 0) finish();
    };

    cluster.on('exit', (worker, code, signal) => {
      const entry = running.get(worker.id);
      running.delete(worker.id);
      listening.delete(worker.id);
      if (stopping) {
        if (code !== 0) failed = true;
        if (running.size === 0) finish();
        return;
      }
      if (!bannerShown) {
        // A worker that cannot start (port taken, bad store) would fail the same way again.
        // The others have served nothing yet: they are stopped at once.
        process.stderr.write(`A gateway worker exited during startup (${signal ?? `code ${String(code)}`}); stopping.\n`);
        stopping = true;
        failed = true;
        killAll();
        if (running.size === 0) finish();
        return;
      }
      if (entry === undefined) return;
      const delayMs = slots[entry.slot]?.next(Date.now() - entry.startedAt) ?? 1000;
      restarts.inc();
      log.error({ worker: worker.id, pid: worker.process.pid, code, signal, restart_in_ms: delayMs }, 'worker exited: restarting it');
      const timer = setTimeout(() => {
        pendingRestarts.delete(timer);
        if (!stopping) fork(entry.slot);
      }, delayMs);
      pendingRestarts.add(timer);
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    for (let slot = 0; slot < target; slot += 1) fork(slot);
  });
}

/** The memory limits every worker uses over IPC; spend the store knows is loaded on first use. */
function sharedLimits(config: Config, store: Store, warn: (message: string) => void): MemoryLimits {
  return createMemoryLimits({
    reservationTtlMs: config.routing.timeouts.totalMs + 60_000,
    loadSpend: (keyId, period, periodStartMs) => store.keySpend(keyId, period === null ? null : new Date(periodStartMs)),
    warn,
  });
}
