/** The pipeline's view of one HTTP call (src/chat/chat-types.ts), shared by every metered route. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCall } from '../../chat/chat-types.js';
import { principalOf } from '../auth-hook.js';
import { CallSignal } from '../../core/call-signal.js';

export function clientCall(request: FastifyRequest, reply: FastifyReply): ChatCall {
  const signal = new CallSignal();
  // 'close' on the response fires when the connection goes away or the answer is done; only the
  // former aborts the upstream call.
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) signal.abort();
  });
  return {
    requestId: request.id,
    principal: principalOf(request),
    signal,
    startedAt: request.startedAt,
    headers: request.headers,
    // Native passthrough forwards it (Anthropic's beta SDK paths add `?beta=true`).
    query: queryOf(request.url),
  };
}

function queryOf(url: string): string {
  const questionMark = url.indexOf('?');
  return questionMark === -1 ? '' : url.slice(questionMark + 1);
}
