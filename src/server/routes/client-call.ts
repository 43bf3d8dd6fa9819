/** The pipeline's view of one call on a Fastify route (the door routes and embeddings), and its JSON answer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCall } from '../../chat/chat-types.js';
import { principalOf } from '../auth-hook.js';
import { callFor, type SendJson } from '../door-call.js';

export function clientCall(request: FastifyRequest, reply: FastifyReply): ChatCall {
  return callFor(request.raw, reply.raw, request.id, principalOf(request), request.startedAt);
}

/** A call's JSON answer through Fastify's reply: the flat header list, and a string sent as the JSON text it is. */
export function replyJson(reply: FastifyReply): SendJson {
  return (headers, body) => {
    for (let index = 0; index + 1 < headers.length; index += 2) reply.header(headers[index] as string, headers[index + 1]);
    // A string is JSON text already (a native answer, or a conformant upstream's, sent as it came).
    if (typeof body === 'string') reply.type('application/json; charset=utf-8');
    void reply.send(body);
  };
}
