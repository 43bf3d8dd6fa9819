/**
 * The HTTP edge of one door (src/doors): decode the body, run the call through the one pipeline
 * (src/chat), and answer in the door's shape — a JSON body, an SSE stream, or the door's error body
 * (the error handler reads `errorBody` from the route's config).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StreamSink } from '../../chat/chat-types.js';
import type { ChatService } from '../../chat/chat-service.js';
import { completeChat } from '../../chat/complete-chat.js';
import { streamChat } from '../../chat/stream-chat.js';
import type { DoorCodec } from '../../doors/door.js';
import { clientCall } from './client-call.js';

export function registerDoorRoute<Inbound>(app: FastifyInstance, url: string, codec: DoorCodec<Inbound>, chat: ChatService): void {
  app.post(url, { config: { access: 'client', metered: true, errorBody: codec.errorBody } }, async (request, reply) => {
    const call = clientCall(request, reply);
    const { request: canonical, inbound } = codec.decode(request.body);
    const prepared = await chat.prepare({ codec, inbound }, canonical, call);
    if (canonical.stream === true) {
      await streamChat(chat, prepared, call, rawSink(request, reply));
      return reply;
    }
    const { answer, headers } = await completeChat(chat, prepared, call);
    reply.headers(headers);
    if (answer.kind === 'native') return reply.type('application/json').send(answer.json);
    const body = codec.encodeResponse(answer.completion, inbound, chat.deps);
    // A string is JSON text already (a conformant upstream's answer, sent as it came).
    if (typeof body === 'string') reply.type('application/json');
    return reply.send(body);
  });
}

/** SSE straight onto the socket: Fastify steps aside once the first answer is ready. */
function rawSink(request: FastifyRequest, reply: FastifyReply): StreamSink {
  const raw = reply.raw;
  return {
    start(headers) {
      // Headers first: should a value be refused, nothing is hijacked yet and the error handler
      // still answers in the envelope instead of leaving the client hanging.
      raw.writeHead(200, { ...headers, 'x-request-id': request.id });
      reply.hijack();
      raw.flushHeaders();
    },
    write(data) {
      if (raw.destroyed || raw.writableEnded) return Promise.resolve();
      if (raw.write(data)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          raw.off('drain', done);
          raw.off('close', done);
          resolve();
        };
        raw.once('drain', done);
        raw.once('close', done);
      });
    },
    end() {
      if (!raw.writableEnded) raw.end();
    },
  };
}
