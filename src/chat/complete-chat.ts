/** A non-streamed chat: one upstream call, its answer converted, priced and recorded. */
import type { ChatCompletion } from '../core/chat-response.js';
import { upstreamError } from '../core/errors.js';
import { formatUsd } from '../pricing/compute-cost.js';
import { asGatewayError, type Attempt, type ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat } from './chat-types.js';
import { readBodyText } from './read-body.js';

export interface CompletedChat {
  completion: ChatCompletion;
  headers: Record<string, string>;
}

export async function completeChat(service: ChatService, prepared: PreparedChat, call: ChatCall): Promise<CompletedChat> {
  let attempt: Attempt | null = null;
  try {
    attempt = await service.startAttempt(prepared, call);
    const completion = await callUpstream(service, attempt);
    const cost = service.finish(prepared, call, attempt, { status: 200, errorCode: null, usage: completion.usage, ttftMs: null });
    const headers: Record<string, string> = {
      ...prepared.ticket.headers,
      'x-switchyard-provider': attempt.deployment.provider.name,
      'x-switchyard-model': attempt.deployment.model,
    };
    if (cost !== null) headers['x-switchyard-cost-usd'] = formatUsd(cost);
    return { completion, headers };
  } catch (error) {
    const failure = attempt === null ? error : asGatewayError(error, attempt, call.signal);
    const status = typeof failure === 'object' && failure !== null && 'status' in failure ? Number(failure.status) : 500;
    const code = typeof failure === 'object' && failure !== null && 'code' in failure ? String(failure.code) : 'internal_error';
    service.finish(prepared, call, attempt, { status, errorCode: code, usage: undefined, ttftMs: null });
    throw failure;
  }
}

async function callUpstream(service: ChatService, attempt: Attempt): Promise<ChatCompletion> {
  const { adapter, context, deployment } = attempt;
  const upstreamRequest = adapter.buildRequest(attempt.request, deployment.provider, context);
  const response = await service.deps.upstream.send(upstreamRequest, attempt.timeouts, attempt.signal);
  const text = await readBodyText(response.body, service.deps.maxUpstreamBytes);
  if (response.status >= 400) throw adapter.mapError(response.status, text, response.headers);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw upstreamError(`The upstream ${deployment.provider.name} answered with a body that is not JSON.`);
  }
  return adapter.convertResponse(json, context);
}
