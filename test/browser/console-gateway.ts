/**
 * The real gateway for the browser tests: the composition root (SQLite in memory, the batched
 * usage recorder writing to it, as in production) in front of fake OpenAI-compatible and Anthropic
 * upstreams, with the console served from the build in dist/console/ui.
 *
 * Until create-app.ts registers the console and its admin routes itself, they are added here
 * before listen (Fastify accepts routes until then); once wired, the checks below skip them.
 */
import { createApp, type App } from '../../src/app/create-app.js';
import { registerConsole, defaultConsoleAssetsDir } from '../../src/console/register-console.js';
import { loadConfig } from '../../src/config/load-config.js';
import { registerAdminOverview } from '../../src/server/routes/admin-overview.js';
import { registerAdminRequest } from '../../src/server/routes/admin-request.js';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import { FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';
import { MASTER_KEY, providerEnv } from '../helpers/gateway.js';

export { MASTER_KEY };

export interface ConsoleGateway {
  app: App;
  url: string;
  upstream: FakeUpstream;
  close(): Promise<void>;
}

export async function startConsoleGateway(): Promise<ConsoleGateway> {
  const upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire, anthropic: anthropicWire });
  const env = {
    SWITCHYARD_MASTER_KEY: MASTER_KEY,
    SWITCHYARD_DATABASE_URL: 'sqlite::memory:',
    SWITCHYARD_LOG_LEVEL: 'silent',
    ...providerEnv(upstream.url),
  };
  const config = loadConfig({ env, port: 0, host: '127.0.0.1' });
  const app = await createApp(config, { keyPollMs: 200 });
  const server = app.server;
  if (!server.hasRoute({ method: 'GET', url: '/admin/overview' })) registerAdminOverview(server, app.store);
  if (!server.hasRoute({ method: 'GET', url: '/admin/requests/:id' })) registerAdminRequest(server, app.store);
  if (!server.hasRoute({ method: 'GET', url: '/ui' })) registerConsole(server, { assetsDir: defaultConsoleAssetsDir() });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    upstream,
    async close() {
      await app.close();
      await upstream.close();
    },
  };
}
