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
import { clientCall } from './client-call.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Door paths and their codecs, for the door routes' own edge (../fast-edge.ts). */
    readonly doorPaths: Map<string, DoorCodec<unknown>>;
  }
}

export function registerDoorRoute<Inbound>(app: FastifyInstance, url: string, codec: DoorCodec<Inbound>, chat: ChatService): void {
  app.doorPaths.set(url, codec);
  app.post(url, { config: { access: 'client', metered: true, errorBody: codec.errorBody } }, async (request, reply) => {
    const call = clientCall(request, reply);
    await serveDoor(chat, codec, call, request.body, {
      sink: () => responseSink(reply.raw, request.id, () => reply.hijack()),
      json: (headers, body) => {
        for (let index = 0; index + 1 < headers.length; index += 2) reply.header(headers[index] as string, headers[index + 1]);
        // A string is JSON text already (a native answer, or a conformant upstream's, sent as it came).
        if (typeof body === 'string') reply.type('application/json');
        void reply.send(body);
      },
    });
    return reply;
  });
}
