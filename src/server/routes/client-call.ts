/** The pipeline's view of one call on a Fastify route (the door routes and embeddings). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCall } from '../../chat/chat-types.js';
import { principalOf } from '../auth-hook.js';
import { callFor } from '../door-call.js';

export function clientCall(request: FastifyRequest, reply: FastifyReply): ChatCall {
  return callFor(request.raw, reply.raw, request.id, principalOf(request), request.startedAt);
}
