/**
 * A streamed chat: upstream SSE → decoder → adapter stream converter → OpenAI chunk encoder → client.
 * The client's 200 and headers go out only with the first chunk, so until then a failure can still
 * be retried or fall back. After that, a failure is one `data: {"error":…}` event and the end.
 */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { GatewayError } from '../core/errors.js';
import { internalFailure } from './attempt-failure.js';
import type { Usage } from '../core/usage.js';
import { chunkTextLength } from '../stream/raw-chunk.js';
import { encodeChunks, encodeError, SSE_DONE, SSE_HEADERS } from '../stream/sse-encoder.js';
import { asGatewayError, type ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat, StreamSink } from './chat-types.js';
import { openStream, readEvents, type OpenedStream } from './open-stream.js';
import { runAttempts, type RoutingTrace } from './run-attempts.js';

export async function streamChat(service: ChatService, prepared: PreparedChat, call: ChatCall, sink: StreamSink): Promise<void> {
  const trace: RoutingTrace = { attempt: null, retries: 0, fallbacks: 0 };
  let opened: OpenedStream;
  try {
    opened = await runAttempts(service, prepared, call, trace, (attempt) => openStream(service, attempt));
  } catch (error) {
    const failure = error instanceof GatewayError ? error : internalFailure(error);
    service.finish(prepared, call, trace, { status: failure.status, errorCode: failure.code, usage: undefined, ttftMs: null });
    throw failure;
  }

  const ttftMs = performance.now() - call.startedAt;
  const { attempt } = opened;
  sink.start({
    ...SSE_HEADERS,
    ...prepared.ticket.headers,
    'x-switchyard-provider': attempt.deployment.provider.name,
    'x-switchyard-model': attempt.deployment.model,
    ...(trace.retries > 0 ? { 'x-switchyard-retries': String(trace.retries) } : {}),
    ...(trace.fallbacks > 0 ? { 'x-switchyard-fallbacks': String(trace.fallbacks) } : {}),
  });
  service.deps.metrics.streamOpened();
  let streamedChars = 0;
  const send = async (chunks: ChatCompletionChunk[]) => {
    if (chunks.length === 0) return;
    for (const chunk of chunks) streamedChars += chunkTextLength(chunk);
    await sink.write(encodeChunks(chunks));
  };
  let usage: Usage | undefined;
  try {
    await send(opened.first);
    while (!opened.ended) {
      const next = await opened.body.next();
      if (next.done) {
        const closing: ChatCompletionChunk[] = [];
        for (const event of opened.decoder.end()) closing.push(...opened.converter.push(event));
        closing.push(...opened.converter.end());
        opened.ended = true;
        await send(closing);
        break;
      }
      await send(readEvents(opened, next.value));
    }
    usage = opened.converter.usage();
    await sink.write(SSE_DONE);
    sink.end();
    service.finish(prepared, call, trace, { status: 200, errorCode: null, usage, ttftMs });
    // Drain what follows the end marker so the upstream connection can be reused.
    void drain(opened.body);
  } catch (error) {
    // Mid-stream the status is already 200: the provider's own error code tells the client most.
    const failure = asGatewayError(error, attempt, call.signal);
    usage = opened.converter.usage();
    service.finish(prepared, call, trace, { status: failure.status, errorCode: failure.code, usage, ttftMs, streamedChars });
    await opened.body.return?.().catch(() => undefined);
    if (!call.signal.aborted) await sink.write(encodeError(failure)).catch(() => undefined);
    sink.end();
  } finally {
    attempt.release();
    service.deps.metrics.streamClosed();
  }
}

async function drain(body: AsyncIterator<Uint8Array>): Promise<void> {
  try {
    for (let read = 0; read < 64; read++) if ((await body.next()).done) return;
    await body.return?.();
  } catch {
    // the answer is complete; a broken tail does not matter
  }
}
