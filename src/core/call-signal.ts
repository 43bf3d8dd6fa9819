/**
 * A cheap abort signal for the request path. AbortController/AbortSignal are EventTargets, and in
 * Node 20 making one, listening and unlistening cost a few percent of a proxied call's CPU — twice
 * per call (the client's, and each attempt's). undici accepts any EventEmitter with `aborted` and
 * `reason` as a request's `signal`, and this is all the gateway itself needs too.
 */
import { EventEmitter } from 'node:events';

export class CallSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown = ABORTED): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** Calls `listener` once when aborted (at once if already); returns what removes it. */
  onAbort(listener: () => void): () => void {
    if (this.aborted) {
      listener();
      return noop;
    }
    this.once('abort', listener);
    return () => this.off('abort', listener);
  }
}

const noop = (): void => undefined;

/** AbortSignal's default reason, made once: a DOMException captures a stack trace, per call that adds up. */
const ABORTED = new DOMException('This operation was aborted', 'AbortError');
