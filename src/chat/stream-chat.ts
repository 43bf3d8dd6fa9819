/**
 * A streamed chat: upstream SSE → decoder → adapter stream converter → OpenAI chunk encoder → client.
 * The client's 200 and headers go out only with the first chunk, so a failure before that is still
 * an ordinary HTTP error. After that, a failure is one `data: {"error":…}` event and the end.
 */
import { GatewayError } from '../core/errors.js';
import type { ChatCompletionChunk } from '../core/chat-response.js';
import type { Usage } from '../core/usage.js';
import { SseDecoder } from '../stream/sse-decoder.js';
import { encodeChunk, encodeError, SSE_DONE, SSE_HEADERS } from '../stream/sse-encoder.js';
import { asGatewayError, type Attempt, type ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat, StreamSink } from './chat-types.js';
import { readBodyText } from './read-body.js';

export async function streamChat(service: ChatService, prepared: PreparedChat, call: ChatCall, sink: StreamSink): Promise<void> {
  let attempt: Attempt | null = null;
  let started = false;
  let ttftMs: number | null = null;
  let usage: Usage | undefined;

  const begin = () => {
    if (started) return;
    started = true;
    ttftMs = performance.now() - call.startedAt;
    sink.start({ ...SSE_HEADERS, ...prepared.ticket.headers, ...deploymentHeaders(attempt) });
  };
  const send = async (chunks: ChatCompletionChunk[]) => {
    for (const chunk of chunks) {
      begin();
      await sink.write(encodeChunk(chunk));
    }
  };

  try {
    attempt = await service.startAttempt(prepared, call);
    const { adapter, context, deployment } = attempt;
    const upstreamRequest = adapter.buildRequest(attempt.request, deployment.provider, context);
    const response = await service.deps.upstream.send(upstreamRequest, attempt.timeouts, attempt.signal);
    if (response.status >= 400) {
      const text = await readBodyText(response.body, service.deps.maxUpstreamBytes);
      throw adapter.mapError(response.status, text, response.headers);
    }
    const decoder = new SseDecoder();
    const converter = adapter.createStreamConverter(context);
    let finished = false;
    try {
      for await (const bytes of response.body) {
        // After the end marker the rest of the body is drained (keeps the connection reusable) and ignored.
        if (finished) continue;
        for (const event of decoder.push(bytes)) {
          await send(converter.push(event));
          if (converter.done) break;
        }
        if (converter.done) {
          finished = true;
          await send(converter.end());
        }
      }
      if (!finished) {
        for (const event of decoder.end()) await send(converter.push(event));
        await send(converter.end());
      }
    } finally {
      usage = converter.usage();
    }
    begin();
    await sink.write(SSE_DONE);
    sink.end();
    service.finish(prepared, call, attempt, { status: 200, errorCode: null, usage, ttftMs });
  } catch (error) {
    const failure = attempt === null ? toGatewayError(error) : asGatewayError(error, attempt, call.signal);
    service.finish(prepared, call, attempt, { status: failure.status, errorCode: failure.code, usage, ttftMs });
    if (!started) throw failure;
    if (!call.signal.aborted) {
      await sink.write(encodeError(failure)).catch(() => undefined);
    }
    sink.end();
  }
}

function deploymentHeaders(attempt: Attempt | null): Record<string, string> {
  if (attempt === null) return {};
  return { 'x-switchyard-provider': attempt.deployment.provider.name, 'x-switchyard-model': attempt.deployment.model };
}

function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError(500, 'The gateway failed unexpectedly while handling this request.', {
    type: 'server_error',
    code: 'internal_error',
    cause: error,
  });
}
