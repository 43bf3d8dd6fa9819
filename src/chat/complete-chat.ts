/** A non-streamed chat: routed with retries and fallbacks, converted, priced and recorded. */
import type { ChatCompletion } from '../core/chat-response.js';
import { GatewayError, upstreamError } from '../core/errors.js';
import { answerFailure, internalFailure, translationFailure } from './attempt-failure.js';
import { formatUsd } from '../pricing/compute-cost.js';
import type { Attempt, ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat } from './chat-types.js';
import { readBodyText } from './read-body.js';
import { runAttempts, type RoutingTrace } from './run-attempts.js';

export interface CompletedChat {
  completion: ChatCompletion;
  headers: Record<string, string>;
}

export async function completeChat(service: ChatService, prepared: PreparedChat, call: ChatCall): Promise<CompletedChat> {
  const trace: RoutingTrace = { attempt: null, retries: 0, fallbacks: 0 };
  try {
    const completion = await runAttempts(service, prepared, call, trace, (attempt) => callUpstream(service, attempt));
    const attempt = trace.attempt as Attempt;
    attempt.release();
    const cost = service.finish(prepared, call, trace, { status: 200, errorCode: null, usage: completion.usage, ttftMs: null });
    const headers: Record<string, string> = {
      ...prepared.ticket.headers,
      'x-switchyard-provider': attempt.deployment.provider.name,
      'x-switchyard-model': attempt.deployment.model,
    };
    if (cost !== null) headers['x-switchyard-cost-usd'] = formatUsd(cost);
    if (trace.retries > 0) headers['x-switchyard-retries'] = String(trace.retries);
    if (trace.fallbacks > 0) headers['x-switchyard-fallbacks'] = String(trace.fallbacks);
    return { completion, headers };
  } catch (error) {
    const failure = error instanceof GatewayError ? error : internalFailure(error);
    service.finish(prepared, call, trace, { status: failure.status, errorCode: failure.code, usage: undefined, ttftMs: null });
    throw failure;
  }
}

async function callUpstream(service: ChatService, attempt: Attempt): Promise<ChatCompletion> {
  const { adapter, context, deployment } = attempt;
  let upstreamRequest;
  try {
    upstreamRequest = adapter.buildRequest(attempt.request, deployment.provider, context);
  } catch (error) {
    throw translationFailure(error);
  }
  const response = await service.deps.upstream.send(upstreamRequest, attempt.timeouts, attempt.signal);
  attempt.upstreamStatus = response.status;
  try {
    const text = await readBodyText(response.body, service.deps.maxUpstreamBytes);
    if (response.status >= 400) throw adapter.mapError(response.status, text, response.headers);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw upstreamError(`The upstream ${deployment.provider.name} answered with a body that is not JSON.`);
    }
    return adapter.convertResponse(json, context);
  } catch (error) {
    throw answerFailure(error, deployment.provider.name, response.status);
  }
}
