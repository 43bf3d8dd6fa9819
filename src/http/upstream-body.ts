/**
 * One upstream exchange on undici's dispatcher, read with a handler of our own instead of the
 * Readable stream undici's request() wraps each answer in: the head resolves the send, the body's
 * chunks go to a small queue, read as a whole (`text`) or one by one (`next`, an async iterator).
 * Per answer that saves the stream, its async iterator and their ticks; for a stream it is one
 * promise per chunk instead of the Readable's machinery.
 *
 * Backpressure: while more than 64 KB wait unread, the connection is paused, and resumed as they
 * are read. Ending early (`return`) aborts the request, so a connection is never left half read.
 */
import { util, type Dispatcher } from 'undici';
import { upstreamError } from '../core/errors.js';
import type { CallSignal } from '../core/call-signal.js';

export type UpstreamHeaders = Record<string, string | string[] | undefined>;

export interface UpstreamHead {
  status: number;
  headers: UpstreamHeaders;
  body: UpstreamBody;
}

const HIGH_WATER_BYTES = 64 * 1024;

/** The reason given to undici when a reader stops early: not an upstream failure. */
class ReadingStopped extends Error {
  override readonly name = 'AbortError';
}

export class UpstreamBody implements AsyncIterableIterator<Uint8Array> {
  private readonly chunks: Buffer[] = [];
  private queuedBytes = 0;
  private ended = false;
  private failure: unknown = undefined;
  private failed = false;
  private waiter: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: unknown) => void } | null = null;
  private resumeReading: (() => void) | null = null;
  private paused = false;

  constructor(private readonly abort: (reason: Error) => void) {}

  /** The whole body as UTF-8; rejects (and aborts the request) once it passes maxBytes. */
  async text(maxBytes: number): Promise<string> {
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const next = await this.next();
      if (next.done === true) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        this.stop();
        throw upstreamError(`The upstream answer is larger than ${maxBytes} bytes.`);
      }
      parts.push(next.value);
    }
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only !== undefined) return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString('utf8');
    return Buffer.concat(parts, size).toString('utf8');
  }

  /**
   * What has arrived since the last read, as one chunk (as a byte Readable's read() gives it): the
   * events of one TCP read are then handled, and written on to the client, together.
   */
  next(): Promise<IteratorResult<Uint8Array>> {
    const chunk = this.chunks.length > 1 ? Buffer.concat(this.chunks.splice(0), this.queuedBytes) : this.chunks.shift();
    if (chunk !== undefined) {
      this.queuedBytes -= chunk.byteLength;
      if (this.paused && this.queuedBytes <= HIGH_WATER_BYTES) {
        this.paused = false;
        this.resumeReading?.();
      }
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.failed) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** Stops reading: the rest is not wanted, and an unfinished request is aborted. */
  return(): Promise<IteratorResult<Uint8Array>> {
    this.stop();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this;
  }

  // The handler's side.

  /** How to resume a connection paused for backpressure (undici's, from the head). */
  resumeWith(resume: () => void): void {
    this.resumeReading = resume;
  }

  /** A chunk arrived: false pauses the connection until the queue is read down. */
  push(chunk: Buffer): boolean {
    if (this.ended) return true;
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      waiter.resolve({ done: false, value: chunk });
      return true;
    }
    this.chunks.push(chunk);
    this.queuedBytes += chunk.byteLength;
    if (this.queuedBytes <= HIGH_WATER_BYTES) return true;
    this.paused = true;
    return false;
  }

  end(): void {
    this.ended = true;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve({ done: true, value: undefined });
  }

  fail(error: unknown): void {
    if (this.ended || this.failed) return;
    this.failed = true;
    this.failure = error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(error);
  }

  private stop(): void {
    this.chunks.length = 0;
    this.queuedBytes = 0;
    if (this.ended || this.failed) return;
    this.ended = true;
    this.abort(new ReadingStopped('the gateway stopped reading the upstream answer'));
  }
}

/**
 * Dispatches one request and resolves with its head once the status and headers are in. Aborts
 * when `signal` does; transport failures reject the head, or the body once the head was given.
 */
export function exchange(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, signal: CallSignal): Promise<UpstreamHead> {
  return new Promise((resolve, reject) => {
    let abortRequest: ((reason: Error) => void) | null = null;
    let pendingAbort: Error | null = null;
    const abort = (reason: Error) => {
      if (abortRequest === null) pendingAbort = reason;
      else abortRequest(reason);
    };
    const body = new UpstreamBody(abort);
    let headed = false;
    let unlisten: () => void = noop;
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortNow) {
        abortRequest = abortNow;
        if (pendingAbort !== null) abortNow(pendingAbort);
      },
      onHeaders(status, rawHeaders, resume) {
        // 1xx informational heads come before the real one.
        if (status < 200) return true;
        headed = true;
        body.resumeWith(resume);
        resolve({ status, headers: util.parseHeaders(rawHeaders), body });
        return true;
      },
      onData(chunk) {
        return body.push(chunk);
      },
      onComplete() {
        unlisten();
        body.end();
      },
      onError(error) {
        unlisten();
        if (headed) body.fail(error);
        else reject(error);
      },
    };
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    unlisten = signal.onAbort(() => abort(signal.reason instanceof Error ? signal.reason : new ReadingStopped('aborted')));
    dispatcher.dispatch(options, handler);
  });
}

const noop = (): void => undefined;
