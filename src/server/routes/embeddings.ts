/**
 * POST /v1/embeddings (design.md §2): the OpenAI embeddings API, to providers that embed
 * (src/embeddings). Its exact path is served by the calls' own edge (../fast-edge.ts), like the
 * doors; the Fastify route answers every other spelling, with the same result.
 */
import type { FastifyInstance } from 'fastify';
import type { ChatCall } from '../../chat/chat-types.js';
import { toEnvelope } from '../../core/errors.js';
import { parseEmbeddingRequest } from '../../embeddings/embedding-request.js';
import type { EmbeddingsService } from '../../embeddings/embeddings-service.js';
import type { SendJson } from '../door-call.js';
import { clientCall, replyJson } from './client-call.js';

export function registerEmbeddings(app: FastifyInstance, embeddings: EmbeddingsService): void {
  app.edgeRoutes.set('/v1/embeddings', { serve: (call, body, output) => serveEmbeddings(embeddings, call, body, output.json), errorBody: toEnvelope });
  app.post('/v1/embeddings', { config: { access: 'client', metered: true } }, async (request, reply) => {
    await serveEmbeddings(embeddings, clientCall(request, reply), request.body, replyJson(reply));
    return reply;
  });
}

async function serveEmbeddings(embeddings: EmbeddingsService, call: ChatCall, body: unknown, json: SendJson): Promise<void> {
  const parsed = parseEmbeddingRequest(body);
  if (!parsed.ok) throw parsed.error;
  const answer = await embeddings.embed(parsed.request, call);
  json(answer.headers, answer.body);
}
