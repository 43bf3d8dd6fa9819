/**
 * The composition root: every service is built here, once, from the config, and handed to the
 * pieces that need it. Nothing else constructs services or reads the environment.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Authenticator, noVirtualKeys } from '../auth/authenticator.js';
import { createAdapterRegistry } from '../chat/adapter-registry.js';
import { unlimitedAdmission } from '../chat/admission.js';
import { ChatService } from '../chat/chat-service.js';
import type { Config, Price } from '../config/config.js';
import { UpstreamClient } from '../http/upstream-client.js';
import { PriceBook } from '../pricing/price-book.js';
import { ModelResolver } from '../routing/resolve-model.js';
import { buildServer } from '../server/build-server.js';
import { MemoryUsageRecorder } from '../usage/memory-recorder.js';
import type { UsageRecorder } from '../usage/usage-record.js';
import { MemorySettings, resolveMasterKey } from './master-key.js';

export interface App {
  server: FastifyInstance;
  config: Config;
  /** Set only when this start generated the master key (print it once). */
  generatedMasterKey: string | null;
  recorder: UsageRecorder;
  close(): Promise<void>;
}

export interface AppOverrides {
  recorder?: UsageRecorder;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const settings = new MemorySettings();
  const masterKey = await resolveMasterKey(config.masterKey, settings);
  const recorder = overrides.recorder ?? new MemoryUsageRecorder();
  const resolver = new ModelResolver(config);
  const upstream = new UpstreamClient(config.routing.timeouts.connectMs);
  const overridesByName = new Map<string, Price>();
  for (const model of config.models) if (model.price !== null) overridesByName.set(model.name, model.price);

  const chat = new ChatService({
    resolver,
    adapters: createAdapterRegistry({}),
    upstream,
    prices: new PriceBook(overridesByName),
    recorder,
    admission: unlimitedAdmission,
    defaultModel: config.defaultModel,
    inlineMedia: async (request) => request,
    now: () => Math.floor(Date.now() / 1000),
    newId: (prefix) => `${prefix}-${randomBytes(12).toString('base64url')}`,
    maxUpstreamBytes: 64 * 1024 * 1024,
  });

  const server = buildServer({
    config,
    authenticator: new Authenticator(masterKey.hash, noVirtualKeys),
    chat,
    resolver,
    ready: async () => undefined,
  });

  return {
    server,
    config,
    generatedMasterKey: masterKey.generated,
    recorder,
    async close() {
      await server.close();
      await recorder.flush();
      await recorder.close();
      await upstream.close();
    },
  };
}
