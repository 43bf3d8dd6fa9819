/**
 * One door call over HTTP, whichever edge received it (Fastify's route, src/server/routes/door-route.ts,
 * or the door routes' own edge, src/server/fast-edge.ts): decode the body, run it through the one
 * pipeline (src/chat), and answer in the door's shape — a JSON body, or an SSE stream written
 * straight to the socket. Errors are thrown; each edge turns them into the door's error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.js';
import type { ChatService } from '../chat/chat-service.js';
import type { ChatCall, StreamSink } from '../chat/chat-types.js';
import { completeChat } from '../chat/complete-chat.js';
import { streamChat } from '../chat/stream-chat.js';
import { CallSignal } from '../core/call-signal.js';
import type { DoorCodec } from '../doors/door.js';

/** How the edge sends a JSON answer (status 200): headers as a flat [name, value, …] list; `body` is JSON text already when it is a string. */
export type SendJson = (headers: readonly string[], body: unknown) => void;

export async function serveDoor<Inbound>(
  chat: ChatService,
  codec: DoorCodec<Inbound>,
  call: ChatCall,
  body: unknown,
  output: { sink: () => StreamSink; json: SendJson },
): Promise<void> {
  const { request: canonical, inbound } = codec.decode(body);
  const prepared = await chat.prepare({ codec, inbound }, canonical, call);
  if (canonical.stream === true) {
    await streamChat(chat, prepared, call, output.sink());
    return;
  }
  const { answer, headers } = await completeChat(chat, prepared, call);
  output.json(headers, answer.kind === 'verbatim' ? answer.json : codec.encodeResponse(answer.completion, inbound, chat.deps));
}

/** The pipeline's view of one call. `response`'s 'close' before the answer finished means the client left. */
export function callFor(request: IncomingMessage, response: ServerResponse, requestId: string, principal: Principal, startedAt: number): ChatCall {
  const signal = new CallSignal();
  response.once('close', () => {
    if (!response.writableFinished) signal.abort();
  });
  const url = request.url ?? '';
  const questionMark = url.indexOf('?');
  return {
    requestId,
    principal,
    signal,
    startedAt,
    headers: request.headers,
    // Native passthrough forwards it (Anthropic's beta SDK paths add `?beta=true`).
    query: questionMark === -1 ? '' : url.slice(questionMark + 1),
  };
}

/** SSE onto the response; `beforeStart` lets an edge step aside (Fastify's hijack) once the head is out. */
export function responseSink(response: ServerResponse, requestId: string, beforeStart: () => void = noop): StreamSink {
  return {
    start(headers) {
      // Headers first: should a value be refused, nothing is sent yet and the edge still answers
      // with the error body instead of leaving the client hanging.
      response.writeHead(200, { ...headers, 'x-request-id': requestId });
      beforeStart();
      response.flushHeaders();
    },
    write(data) {
      if (response.destroyed || response.writableEnded) return Promise.resolve();
      if (response.write(data)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.once('drain', done);
        response.once('close', done);
      });
    },
    end() {
      if (!response.writableEnded) response.end();
    },
  };
}

const noop = (): void => undefined;
