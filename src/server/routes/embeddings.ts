/** POST /v1/embeddings (design.md §2): the OpenAI embeddings API, to providers that embed (src/embeddings). */
import type { FastifyInstance } from 'fastify';
import { parseEmbeddingRequest } from '../../embeddings/embedding-request.js';
import type { EmbeddingsService } from '../../embeddings/embeddings-service.js';
import { clientCall } from './client-call.js';

export function registerEmbeddings(app: FastifyInstance, embeddings: EmbeddingsService): void {
  app.post('/v1/embeddings', { config: { access: 'client', metered: true } }, async (request, reply) => {
    const parsed = parseEmbeddingRequest(request.body);
    if (!parsed.ok) throw parsed.error;
    const { body, headers } = await embeddings.embed(parsed.request, clientCall(request, reply));
    reply.headers(headers);
    // A string is JSON text already: OpenAI's own answer, sent as it came.
    if (typeof body === 'string') reply.type('application/json; charset=utf-8');
    return reply.send(body);
  });
}
