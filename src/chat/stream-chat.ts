/**
 * A streamed call: upstream SSE → decoder → adapter stream converter → the door's stream encoder →
 * client; or, when the deployment speaks the door's own wire (natively, or a conformant vendor's
 * chunks to the chat door), the upstream's bytes as they came.
 * The client's 200 and headers go out only with the first answer, so until then a failure can still
 * be retried or fall back. After that, a failure is one error event in the door's shape, and the end.
 */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { GatewayError } from '../core/errors.js';
import type { Usage } from '../core/usage.js';
import { chunkTextLength } from '../stream/raw-chunk.js';
import { SSE_HEADERS } from '../stream/sse-encoder.js';
import { internalFailure } from './attempt-failure.js';
import { asGatewayError, type ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat, StreamSink } from './chat-types.js';
import { openStream, readEnd, readNative, readPassthrough, readPassthroughEnd, readTranslated, type OpenedStream } from './open-stream.js';
import { runAttempts, type RoutingTrace } from './run-attempts.js';

export async function streamChat(service: ChatService, prepared: PreparedChat, call: ChatCall, sink: StreamSink): Promise<void> {
  const trace: RoutingTrace = { attempt: null, retries: 0, fallbacks: 0 };
  let opened: OpenedStream;
  try {
    opened = await runAttempts(service, prepared, call, trace, (attempt) => openStream(service, prepared, call, attempt));
  } catch (error) {
    const failure = error instanceof GatewayError ? error : internalFailure(error);
    service.finish(prepared, call, trace, { status: failure.status, errorCode: failure.code, usage: undefined, ttftMs: null });
    throw failure;
  }

  const ttftMs = performance.now() - call.startedAt;
  const { attempt } = opened;
  const { codec, inbound } = prepared.door;
  sink.start({
    ...SSE_HEADERS,
    ...prepared.ticket.headers,
    'x-switchyard-provider': attempt.deployment.provider.name,
    'x-switchyard-model': attempt.deployment.model,
    ...(trace.retries > 0 ? { 'x-switchyard-retries': String(trace.retries) } : {}),
    ...(trace.fallbacks > 0 ? { 'x-switchyard-fallbacks': String(trace.fallbacks) } : {}),
  });
  service.deps.metrics.streamOpened();
  const encoder = opened.kind === 'translated' ? codec.createStreamEncoder(inbound, service.deps) : null;
  let streamedChars = 0;
  const sendChunks = async (chunks: readonly ChatCompletionChunk[]) => {
    if (chunks.length === 0 || encoder === null) return;
    for (const chunk of chunks) streamedChars += chunkTextLength(chunk);
    const text = encoder.push(chunks);
    if (text !== '') await sink.write(text);
  };
  const sendPart = async (part: Uint8Array) => {
    if (part.length > 0) await sink.write(part);
  };
  const sendBytes = async (parts: readonly Uint8Array[]) => {
    for (const part of parts) await sendPart(part);
  };
  const usageSoFar = (): Usage | undefined =>
    opened.kind === 'translated' ? opened.converter.usage() : opened.kind === 'native' ? opened.scanner.usage() : opened.passthrough.usage();
  let usage: Usage | undefined;
  try {
    if (opened.kind === 'translated') await sendChunks(opened.first);
    else await sendBytes(opened.first);
    while (!opened.ended) {
      const next = await opened.body.next();
      if (next.done) {
        if (opened.kind === 'passthrough') await sendPart(readPassthroughEnd(opened));
        else await sendChunks(readEnd(opened));
        break;
      }
      if (opened.kind === 'native') await sink.write(readNative(opened, next.value));
      else if (opened.kind === 'passthrough') await sendPart(readPassthrough(opened, next.value));
      else await sendChunks(readTranslated(opened, next.value));
    }
    usage = usageSoFar();
    if (encoder !== null) await sink.write(encoder.end(usage));
    sink.end();
    service.finish(prepared, call, trace, { status: 200, errorCode: null, usage, ttftMs });
    // Drain what follows the end marker so the upstream connection can be reused.
    void drain(opened.body);
  } catch (error) {
    // Mid-stream the status is already 200: the provider's own error code tells the client most.
    const failure = asGatewayError(error, attempt, call.signal);
    usage = usageSoFar();
    if (opened.kind === 'native') streamedChars = opened.scanner.textLength;
    if (opened.kind === 'passthrough') streamedChars = opened.passthrough.textLength;
    service.finish(prepared, call, trace, { status: failure.status, errorCode: failure.code, usage, ttftMs, streamedChars });
    await opened.body.return?.().catch(() => undefined);
    if (!call.signal.aborted) await sink.write(encoder?.fail?.(failure) ?? codec.streamError(failure)).catch(() => undefined);
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
