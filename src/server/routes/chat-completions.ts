/** POST /v1/chat/completions: the HTTP edge of the chat pipeline (src/chat). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCall, StreamSink } from '../../chat/chat-types.js';
import type { ChatService } from '../../chat/chat-service.js';
import { completeChat } from '../../chat/complete-chat.js';
import { streamChat } from '../../chat/stream-chat.js';
import { principalOf } from '../auth-hook.js';
import { CLIENT } from '../route-access.js';

export function registerChatCompletions(app: FastifyInstance, chat: ChatService): void {
  app.post('/v1/chat/completions', CLIENT, async (request, reply) => {
    const call = chatCall(request, reply);
    const prepared = await chat.prepare(request.body, call);
    if (prepared.request.stream === true) {
      await streamChat(chat, prepared, call, rawSink(request, reply));
      return reply;
    }
    const { completion, headers } = await completeChat(chat, prepared, call);
    return reply.headers(headers).send(completion);
  });
}

function chatCall(request: FastifyRequest, reply: FastifyReply): ChatCall {
  const controller = new AbortController();
  // 'close' on the response fires when the connection goes away or the answer is done; only the
  // former aborts the upstream call.
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return { requestId: request.id, principal: principalOf(request), signal: controller.signal, startedAt: request.startedAt };
}

/** SSE straight onto the socket: Fastify steps aside once the first chunk is ready. */
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
    write(text) {
      if (raw.destroyed || raw.writableEnded) return Promise.resolve();
      if (raw.write(text)) return Promise.resolve();
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
