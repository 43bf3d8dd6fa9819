/** The Fastify instance: parsers, hooks, the error envelope and the routes. No services are built here. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { ChatService } from '../chat/chat-service.js';
import type { Config } from '../config/config.js';
import type { ModelResolver } from '../routing/resolve-model.js';
import { routeAuthenticator } from './auth-hook.js';
import { handleClientError } from './client-error.js';
import { compressedBodyError, fastEdge, type EdgeRoute } from './fast-edge.js';
import { registerJsonBody } from './json-body.js';
import { makeErrorHandler, notFoundHandler } from './error-handler.js';
import { requestIdFor } from './request-id.js';
import { registerChatCompletions } from './routes/chat-completions.js';
import { registerHealth } from './routes/health.js';
import { registerMessages } from './routes/messages.js';
import { registerModels } from './routes/models.js';
import { registerResponses } from './routes/responses.js';
import { refuseUpgrades } from './refuse-upgrades.js';

export interface ServerDeps {
  config: Config;
  logger: FastifyBaseLogger;
  authenticator: Authenticator;
  chat: ChatService;
  resolver: ModelResolver;
  ready: () => Promise<void>;
  /** Extra routes (admin API, console, metrics) registered by other modules. */
  plugins?: Array<(app: FastifyInstance) => void>;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const { config } = deps;
  // Door and embeddings calls on their exact paths go to the calls' own edge (fast-edge.ts);
  // everything else, and those routes in any other spelling, to Fastify.
  const edgeRoutes = new Map<string, EdgeRoute>();
  let closing = false;
  let edge: ((request: IncomingMessage, response: ServerResponse) => boolean) | null = null;
  const app = Fastify({
    serverFactory: (handler) => {
      const server = createServer((request, response) => {
        if (edge === null || !edge(request, response)) handler(request, response);
      });
      // What Fastify sets on a server it creates itself (its defaults).
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      server.setTimeout(0);
      return server;
    },
    loggerInstance: deps.logger,
    // One log line per request comes from our onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    // request.log is the root logger itself: a pino child per request (for a request_id binding) cost
    // more than the log line a call writes; the few request-scoped lines name request_id themselves.
    childLoggerFactory: (logger) => logger,
    genReqId: requestIdFor,
    bodyLimit: config.server.bodyLimitBytes,
    return503OnClosing: true,
    clientErrorHandler: handleClientError,
  });

  registerJsonBody(app);

  app.decorate('edgeRoutes', edgeRoutes);
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  // One onRequest hook, in callback style (an async hook costs a promise per request): the request id
  // on every answer, compressed bodies refused, then authentication by the matched route.
  const authenticate = routeAuthenticator(app, deps.authenticator);
  app.addHook('onRequest', (request, reply, done) => {
    request.startedAt = performance.now();
    reply.header('x-request-id', request.id);
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      done(compressedBodyError(encoding));
      return;
    }
    try {
      authenticate(request);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    // Metered calls (every door) log their own richer line (src/chat/chat-service.ts).
    if (reply.statusCode >= 400 || request.routeOptions.config.metered !== true) {
      request.log.info(
        { request_id: request.id, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(performance.now() - request.startedAt) },
        'request completed',
      );
    }
    done();
  });

  app.setErrorHandler(makeErrorHandler(config.server.bodyLimitBytes));
  app.setNotFoundHandler(notFoundHandler);

  registerHealth(app, deps.ready);
  registerModels(app, deps.resolver);
  registerChatCompletions(app, deps.chat);
  registerResponses(app, deps.chat);
  refuseUpgrades(app.server);
  registerMessages(app, deps.chat);
  for (const plugin of deps.plugins ?? []) plugin(app);
  edge = fastEdge({ authenticator: deps.authenticator, log: deps.logger, bodyLimitBytes: config.server.bodyLimitBytes, closing: () => closing }, edgeRoutes);
  return app;
}
