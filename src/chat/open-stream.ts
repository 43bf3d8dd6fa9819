/**
 * Opens an upstream stream and reads it until the first OpenAI chunks are ready. Everything up to
 * that point may still fail over to another attempt, because the client has not seen a byte yet.
 */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import type { StreamConverter } from '../providers/adapter.js';
import { SseDecoder } from '../stream/sse-decoder.js';
import type { Attempt, ChatService } from './chat-service.js';
import { answerFailure, translationFailure } from './attempt-failure.js';
import { readBodyText } from './read-body.js';

export interface OpenedStream {
  attempt: Attempt;
  /** Chunks ready to send (at least one, unless the upstream ended without any). */
  first: ChatCompletionChunk[];
  decoder: SseDecoder;
  converter: StreamConverter;
  body: AsyncIterator<Uint8Array>;
  /** The upstream signalled the end already (the closing chunks are in `first`). */
  ended: boolean;
}

export async function openStream(service: ChatService, attempt: Attempt): Promise<OpenedStream> {
  const { adapter, context, deployment } = attempt;
  let upstreamRequest;
  try {
    upstreamRequest = adapter.buildRequest(attempt.request, deployment.provider, context);
  } catch (error) {
    throw translationFailure(error);
  }
  const response = await service.deps.upstream.send(upstreamRequest, attempt.timeouts, attempt.signal);
  attempt.upstreamStatus = response.status;
  if (response.status >= 400) {
    let text: string;
    try {
      text = await readBodyText(response.body, service.deps.maxUpstreamBytes);
    } catch (error) {
      throw answerFailure(error, deployment.provider.name);
    }
    throw answerFailure(adapter.mapError(response.status, text, response.headers), deployment.provider.name, response.status);
  }
  const decoder = new SseDecoder();
  const converter = adapter.createStreamConverter(context);
  const body = (response.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const opened: OpenedStream = { attempt, first: [], decoder, converter, body, ended: false };
  try {
    while (opened.first.length === 0) {
      const next = await body.next();
      if (next.done) {
        for (const event of decoder.end()) opened.first.push(...converter.push(event));
        opened.first.push(...converter.end());
        opened.ended = true;
        return opened;
      }
      readEvents(opened, next.value);
    }
    return opened;
  } catch (error) {
    await body.return?.();
    throw answerFailure(error, deployment.provider.name);
  }
}

/** Feeds bytes through decoder and converter into `first`; closes the answer at the end marker. */
export function readEvents(opened: OpenedStream, bytes: Uint8Array): ChatCompletionChunk[] {
  const out: ChatCompletionChunk[] = [];
  for (const event of opened.decoder.push(bytes)) {
    out.push(...opened.converter.push(event));
    if (opened.converter.done) {
      out.push(...opened.converter.end());
      opened.ended = true;
      break;
    }
  }
  opened.first.push(...out);
  return out;
}
