/**
 * POST /v1/messages/count_tokens (https://docs.claude.com/en/api/messages-count-tokens): any valid
 * key that may use the model; not metered and outside rate limits and budgets, as at Anthropic
 * (counting is free there). A model with a Claude deployment is counted by Anthropic; any other gets
 * the gateway's estimate (src/doors/messages/count-tokens.ts), marked `x-switchyard-token-count: estimate`.
 */
import type { FastifyInstance } from 'fastify';
import { mayUseModel } from '../../auth/model-access.js';
import { answerFailure } from '../../chat/attempt-failure.js';
import { attemptSignal, type ChatService } from '../../chat/chat-service.js';
import { modelNotAllowed } from '../../core/errors.js';
import { buildNativeRequest } from '../../doors/messages/build-native-request.js';
import { estimateInputTokens, parseCountTokensRequest } from '../../doors/messages/count-tokens.js';
import { messagesErrorBody } from '../../doors/messages/messages-errors.js';
import { messagesNativeWire } from '../../doors/messages/messages-native-wire.js';
import { principalOf } from '../auth-hook.js';
import { clientCall } from './client-call.js';

export function registerMessagesCountTokens(app: FastifyInstance, chat: ChatService): void {
  app.post('/v1/messages/count_tokens', { config: { access: 'client', errorBody: messagesErrorBody } }, async (request, reply) => {
    const parsed = parseCountTokensRequest(request.body);
    if (!parsed.ok) throw parsed.error;
    const { deps } = chat;
    const model = deps.resolver.resolve(parsed.request.model);
    const principal = principalOf(request);
    const providers = model.deployments.map((deployment) => deployment.provider.name);
    if (principal.kind === 'key' && !mayUseModel(principal.key, model.name, providers)) throw modelNotAllowed(model.name);

    const deployment = model.deployments.find((candidate) => messagesNativeWire.accepts(candidate.provider));
    if (deployment === undefined) {
      reply.header('x-switchyard-token-count', 'estimate');
      return { input_tokens: estimateInputTokens(parsed.request, parsed.raw) };
    }
    const call = clientCall(request, reply);
    const upstreamRequest = buildNativeRequest(
      parsed.raw,
      deployment.provider,
      { upstreamModel: deployment.model, stream: false, clientHeaders: call.headers, clientQuery: call.query },
      '/v1/messages/count_tokens',
    );
    // Aborted when the client leaves or the model's whole-call timeout passes.
    const { signal, release } = attemptSignal(call.signal, model.timeouts.totalMs);
    let text: string;
    let response;
    try {
      response = await deps.upstream.send(upstreamRequest, model.timeouts, signal);
      text = await response.body.text(deps.maxUpstreamBytes);
    } finally {
      release();
    }
    if (response.status >= 400) {
      throw answerFailure(messagesNativeWire.mapError(response.status, text, response.headers), deployment.provider.name, response.status);
    }
    reply.header('x-switchyard-provider', deployment.provider.name).header('x-switchyard-model', deployment.model);
    return reply.type('application/json').send(text);
  });
}
