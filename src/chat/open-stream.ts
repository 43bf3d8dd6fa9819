/**
 * Opens an upstream stream and reads it until the first answer is ready to send. Everything up to
 * that point may still fail over to another attempt, because the client has not seen a byte yet.
 * A translated stream yields canonical chunks; a native one (the deployment speaks the door's own
 * wire) yields the upstream's bytes as they came, read only to find usage, errors and the end.
 */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { upstreamError } from '../core/errors.js';
import type { NativeStreamScanner } from '../doors/door.js';
import type { StreamConverter, StreamPassthrough, UpstreamRequest } from '../providers/adapter.js';
import { SseDecoder } from '../stream/sse-decoder.js';
import { answerFailure, translationFailure } from './attempt-failure.js';
import type { Attempt, ChatService } from './chat-service.js';
import type { ChatCall, PreparedChat } from './chat-types.js';

interface OpenedBase {
  attempt: Attempt;
  body: AsyncIterator<Uint8Array>;
  /** The upstream signalled the end already (everything left to send is in `first`). */
  ended: boolean;
}

export interface TranslatedStream extends OpenedBase {
  kind: 'translated';
  decoder: SseDecoder;
  /** Chunks ready to send (at least one, unless the upstream ended without any). */
  first: ChatCompletionChunk[];
  converter: StreamConverter;
}

export interface NativeStream extends OpenedBase {
  kind: 'native';
  decoder: SseDecoder;
  /** Bytes read so far, to send as they are. */
  first: Uint8Array[];
  scanner: NativeStreamScanner;
  /** Whole events read so far. */
  events: number;
  /** The door's transform of the bytes sent (Messages: message_start names the requested model); null: as they came. */
  rewrite: ((bytes: Uint8Array) => Uint8Array) | null;
}

/** The deployment sends the canonical chunks the door sends (chat door, conformant vendor): bytes through. */
export interface PassthroughStream extends OpenedBase {
  kind: 'passthrough';
  /** Bytes ready to send. */
  first: Uint8Array[];
  passthrough: StreamPassthrough;
}

export type OpenedStream = TranslatedStream | NativeStream | PassthroughStream;

export async function openStream(service: ChatService, prepared: PreparedChat, call: ChatCall, attempt: Attempt): Promise<OpenedStream> {
  const { adapter, context, deployment, native } = attempt;
  let upstreamRequest: UpstreamRequest;
  try {
    if (native === null) prepared.door.codec.assertTranslatable?.(prepared.door.inbound);
    upstreamRequest =
      native === null
        ? adapter.buildRequest(attempt.request, deployment.provider, context)
        : native.buildRequest(prepared.door.inbound, deployment.provider, { upstreamModel: deployment.model, stream: true, clientHeaders: call.headers, clientQuery: call.query });
  } catch (error) {
    throw translationFailure(error);
  }
  const response = await service.deps.upstream.send(upstreamRequest, attempt.timeouts, attempt.signal);
  attempt.upstreamStatus = response.status;
  if (response.status >= 400) {
    let text: string;
    try {
      text = await response.body.text(service.deps.maxUpstreamBytes);
    } catch (error) {
      throw answerFailure(error, deployment.provider.name);
    }
    const mapped = native === null ? adapter.mapError(response.status, text, response.headers) : native.mapError(response.status, text, response.headers);
    throw answerFailure(mapped, deployment.provider.name, response.status);
  }
  const body = response.body;
  const base = { attempt, body, ended: false };
  const passthrough = native === null && prepared.door.codec.canonicalWire === true ? (adapter.createStreamPassthrough?.(context) ?? null) : null;
  const opened: OpenedStream =
    passthrough !== null
      ? { ...base, kind: 'passthrough', first: [], passthrough }
      : native === null
      ? { ...base, kind: 'translated', decoder: new SseDecoder(), first: [], converter: adapter.createStreamConverter(context) }
      : { ...base, kind: 'native', decoder: new SseDecoder(), first: [], scanner: native.createStreamScanner(), events: 0, rewrite: native.rewriteStream?.(prepared.door.inbound, deployment.model) ?? null };
  try {
    while (!hasFirst(opened)) {
      const next = await body.next();
      if (next.done) {
        if (opened.kind === 'passthrough') opened.first.push(readPassthroughEnd(opened));
        else if (opened.kind === 'translated') opened.first.push(...readEnd(opened));
        else readEnd(opened);
        return opened;
      }
      if (opened.kind === 'native') opened.first.push(readNative(opened, next.value));
      else if (opened.kind === 'passthrough') opened.first.push(readPassthrough(opened, next.value));
      else opened.first.push(...readTranslated(opened, next.value));
    }
    return opened;
  } catch (error) {
    await body.return?.();
    throw answerFailure(error, deployment.provider.name);
  }
}

/** A native stream is ready once one whole event was read (an error event first can still fail over). */
const hasFirst = (opened: OpenedStream): boolean =>
  opened.kind === 'translated' ? opened.first.length > 0 : opened.kind === 'native' ? opened.events > 0 : opened.passthrough.events > 0;

/** A passthrough stream's bytes: whole events, as they came (the unasked-for usage chunk held back). */
export function readPassthrough(opened: PassthroughStream, bytes: Uint8Array): Uint8Array {
  const out = opened.passthrough.push(bytes);
  if (opened.passthrough.done) opened.ended = true;
  return out;
}

/** The upstream closed a passthrough stream: what is left to send; throws when it was cut off. */
export function readPassthroughEnd(opened: PassthroughStream): Uint8Array {
  opened.ended = true;
  return opened.passthrough.end();
}

/** Reads a native stream's bytes for usage, errors and the end; they are sent as they are (or as the door rewrites them). */
export function readNative(opened: NativeStream, bytes: Uint8Array): Uint8Array {
  for (const event of opened.decoder.push(bytes)) {
    opened.events++;
    opened.scanner.push(event);
  }
  if (opened.scanner.done) opened.ended = true;
  return opened.rewrite === null ? bytes : opened.rewrite(bytes);
}

/** Feeds bytes through decoder and converter: the canonical chunks ready to send. */
export function readTranslated(opened: TranslatedStream, bytes: Uint8Array): ChatCompletionChunk[] {
  const out: ChatCompletionChunk[] = [];
  for (const event of opened.decoder.push(bytes)) {
    out.push(...opened.converter.push(event));
    if (opened.converter.done) {
      out.push(...opened.converter.end());
      opened.ended = true;
      break;
    }
  }
  return out;
}

/** The upstream closed the stream: the closing chunks (translated); a native stream only checks it ended. */
export function readEnd(opened: TranslatedStream | NativeStream): ChatCompletionChunk[] {
  opened.ended = true;
  if (opened.kind === 'native') {
    for (const event of opened.decoder.end()) opened.scanner.push(event);
    if (!opened.scanner.done) throw upstreamError('The upstream closed the stream before the answer was complete.');
    return [];
  }
  const closing: ChatCompletionChunk[] = [];
  for (const event of opened.decoder.end()) closing.push(...opened.converter.push(event));
  closing.push(...opened.converter.end());
  return closing;
}
