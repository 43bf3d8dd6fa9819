/** A non-streamed call: routed with retries and fallbacks, translated or native, priced and recorded. */
import type { ChatCompletion } from '../core/chat-response.js';
import { GatewayError, upstreamError } from '../core/errors.js';
import { withRawJson } from '../core/raw-json.js';
import type { Usage } from '../core/usage.js';
import type { UpstreamRequest } from '../providers/adapter.js';
import { answerHeaders } from './answer-headers.js';
import { answerFailure, internalFailure, translationFailure } from './attempt-failure.js';
import type { Attempt, ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat } from './chat-types.js';
import { runAttempts, type RoutingTrace } from './run-attempts.js';

/** A canonical completion (to encode for the door), or an answer to send as it came (a native wire's, a conformant vendor's). */
export type Answer = { kind: 'canonical'; completion: ChatCompletion } | { kind: 'verbatim'; json: string; usage: Usage | undefined };

export interface CompletedChat {
  answer: Answer;
  /** The answer's own headers as a flat [name, value, …] list (rate limits, provider, model, cost, retries). */
  headers: string[];
}

export async function completeChat(service: ChatService, prepared: PreparedChat, call: ChatCall): Promise<CompletedChat> {
  const trace: RoutingTrace = { attempt: null, retries: 0, fallbacks: 0 };
  try {
    const answer = await runAttempts(service, prepared, call, trace, (attempt) =>
      attempt.native ? callNative(service, prepared, call, attempt) : callUpstream(service, prepared, attempt),
    );
    const attempt = trace.attempt as Attempt;
    attempt.release();
    const usage = answer.kind === 'canonical' ? answer.completion.usage : answer.usage;
    const cost = service.finish(prepared, call, trace, { status: 200, errorCode: null, usage, ttftMs: null });
    const headers = answerHeaders(prepared.ticket.headers, trace, attempt.deployment, cost);
    return { answer, headers };
  } catch (error) {
    const failure = error instanceof GatewayError ? error : internalFailure(error);
    service.finish(prepared, call, trace, { status: failure.status, errorCode: failure.code, usage: undefined, ttftMs: null });
    throw failure;
  }
}

async function callUpstream(service: ChatService, prepared: PreparedChat, attempt: Attempt): Promise<Answer> {
  const { adapter, context, deployment } = attempt;
  let upstreamRequest;
  try {
    prepared.door.codec.assertTranslatable?.(prepared.door.inbound);
    upstreamRequest = adapter.buildRequest(attempt.request, deployment.provider, context);
  } catch (error) {
    throw translationFailure(error);
  }
  // To the chat door, a conformant vendor's answer goes as its own text, read only for its usage.
  const passThrough = prepared.door.codec.canonicalWire === true ? adapter.passAnswerThrough : undefined;
  return exchange(service, attempt, upstreamRequest, (status, text, headers) => adapter.mapError(status, text, headers), (text) => {
    const scanned = passThrough?.(text, context) ?? null;
    if (scanned !== null) return { kind: 'verbatim', json: text, usage: scanned.usage };
    return { kind: 'canonical', completion: adapter.convertResponse(parseJson(text, deployment.provider.name), context) };
  });
}

/** The deployment speaks the door's own wire: the body goes through with the model rewritten. */
async function callNative(service: ChatService, prepared: PreparedChat, call: ChatCall, attempt: Attempt): Promise<Answer> {
  const { deployment } = attempt;
  const native = attempt.native;
  if (native === null) throw new Error('callNative without a native wire');
  let upstreamRequest;
  try {
    upstreamRequest = native.buildRequest(prepared.door.inbound, deployment.provider, { upstreamModel: deployment.model, stream: false, clientHeaders: call.headers, clientQuery: call.query });
  } catch (error) {
    throw translationFailure(error);
  }
  return exchange(service, attempt, upstreamRequest, (status, text, headers) => native.mapError(status, text, headers), (text) => ({
    kind: 'verbatim',
    // Messages door: the answer names the model the client asked for (NativeWire.rewriteAnswer).
    json: native.rewriteAnswer?.(text, prepared.door.inbound, deployment.model) ?? text,
    usage: native.usageOf(parseJson(text, deployment.provider.name)),
  }));
}

/** Sends the upstream request and reads its answer: an error status becomes `mapError`'s error, a 2xx `answer`'s. */
async function exchange(
  service: ChatService,
  attempt: Attempt,
  upstreamRequest: UpstreamRequest,
  mapError: (status: number, body: string, headers: Readonly<Record<string, string | string[] | undefined>>) => Error,
  answer: (text: string) => Answer,
): Promise<Answer> {
  const response = await service.deps.upstream.send(upstreamRequest, attempt.timeouts, attempt.signal);
  attempt.upstreamStatus = response.status;
  try {
    const text = await response.body.text(service.deps.maxUpstreamBytes);
    if (response.status >= 400) throw mapError(response.status, text, response.headers);
    return answer(text);
  } catch (error) {
    throw answerFailure(error, attempt.deployment.provider.name, response.status);
  }
}

/** The parsed answer remembers its text, so a completion that is the answer itself is sent on unchanged. */
function parseJson(text: string, provider: string): unknown {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null ? withRawJson(json, text) : json;
  } catch {
    throw upstreamError(`The upstream ${provider} answered with a body that is not JSON.`);
  }
}
