/**
 * A door's route in Fastify (src/doors): the shared door call (../door-call.ts) with Fastify's reply;
 * errors answer in the door's shape through the error handler (`errorBody` in the route's config).
 * Exact door paths are usually served by the faster edge in ../fast-edge.ts; this route answers every
 * other spelling Fastify matches, with the same result.
 */
import type { FastifyInstance } from 'fastify';
import type { ChatService } from '../../chat/chat-service.js';
import type { DoorCodec } from '../../doors/door.js';
import { responseSink, serveDoor } from '../door-call.js';
import { doorEdgeRoute, type EdgeRoute } from '../fast-edge.js';
import { clientCall, replyJson } from './client-call.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Exact paths the calls' own edge serves (../fast-edge.ts): the doors and embeddings. */
    readonly edgeRoutes: Map<string, EdgeRoute>;
  }
}

export function registerDoorRoute<Inbound>(app: FastifyInstance, url: string, codec: DoorCodec<Inbound>, chat: ChatService): void {
  app.edgeRoutes.set(url, doorEdgeRoute(chat, codec));
  app.post(url, { config: { access: 'client', metered: true, errorBody: codec.errorBody } }, async (request, reply) => {
    const call = clientCall(request, reply);
    await serveDoor(chat, codec, call, request.body, {
      sink: () => responseSink(reply.raw, request.id, () => reply.hijack()),
      json: replyJson(reply),
    });
    return reply;
  });
}
