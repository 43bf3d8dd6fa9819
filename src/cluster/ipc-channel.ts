/**
 * A small request/response channel between the cluster primary and one worker, over the IPC pipe
 * node:cluster gives them (or, in tests, a MessageChannel). Each call carries an id and a timeout;
 * both ends validate what they receive with the schemas of one protocol (cluster-protocol.ts). A
 * closed pipe fails every pending and later call at once, as a Redis connection known to be down
 * does, so the limits built on it can apply their fail-open / fail-closed policy without waiting.
 */
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { ERROR_TYPES } from './error-types.js';

/** One end of a message pipe. */
export interface IpcPort {
  /** Throws, or calls `onFailure` later (an asynchronous EPIPE), when the message cannot be sent. */
  send(message: object, onFailure: (error: Error) => void): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: () => void): void;
}

export type CallSchemas = Record<string, { request: z.ZodType; result: z.ZodType }>;
export type EventSchemas = Record<string, z.ZodType>;
export interface Protocol<Calls extends CallSchemas, Events extends EventSchemas> {
  calls: Calls;
  events: Events;
}

/** The channel could not carry the call: closed, timed out or unsendable. Limits treat it as a backend outage. */
export class IpcUnavailableError extends Error {
  override name = 'IpcUnavailableError';
  constructor(
    readonly reason: 'closed' | 'timeout' | 'send_failed',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The other end answered with an error that is not a GatewayError (a bug or a bad payload there). */
export class IpcRemoteError extends Error {
  override name = 'IpcRemoteError';
}

/** Marks our messages on a pipe that other libraries (prom-client, node:cluster) also use. */
const CHANNEL = 'switchyard';

const gatewayFault = z.object({
  status: z.number().int(),
  type: z.enum(ERROR_TYPES),
  code: z.string().nullable(),
  param: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});

/** Messages queued in one turn of the event loop travel as one: one pipe write instead of one per message. */
const batchSchema = z.object({ channel: z.literal(CHANNEL), kind: z.literal('batch'), messages: z.array(z.unknown()) });

const envelopeSchema = z.discriminatedUnion('kind', [
  z.object({ channel: z.literal(CHANNEL), kind: z.literal('call'), id: z.number().int(), method: z.string(), payload: z.unknown() }),
  z.object({ channel: z.literal(CHANNEL), kind: z.literal('reply'), id: z.number().int(), value: z.unknown() }),
  z.object({ channel: z.literal(CHANNEL), kind: z.literal('fault'), id: z.number().int(), message: z.string(), gateway: gatewayFault.nullable() }),
  z.object({ channel: z.literal(CHANNEL), kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

type Envelope = z.input<typeof envelopeSchema>;
type Request<C extends CallSchemas, M extends keyof C> = z.input<C[M]['request']>;
type Result<C extends CallSchemas, M extends keyof C> = z.output<C[M]['result']>;
type Handler = (payload: unknown) => unknown;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  result: z.ZodType;
}

export interface IpcPeerOptions {
  /** Default bound on a call, answer included (the limits use 1 s, like a Redis command). */
  timeoutMs?: number;
  /** Messages that fail validation or handlers of events that throw. */
  onError?: (error: unknown) => void;
}

export class IpcPeer<Calls extends CallSchemas, Events extends EventSchemas> {
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, (payload: unknown) => void>();
  private sequence = 0;
  private isClosed = false;
  private readonly timeoutMs: number;
  private outbox: Array<{ message: Envelope; onFailure: (error: unknown) => void }> = [];
  private flushScheduled = false;
  private beforeFlush: Array<() => void> = [];
  private lateFlush: NodeJS.Timeout | null = null;

  constructor(
    private readonly port: IpcPort,
    private readonly protocol: Protocol<Calls, Events>,
    private readonly options: IpcPeerOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    port.onMessage((message) => this.receive(message));
    port.onClose(() => this.close());
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Calls `method` on the other end; rejects with IpcUnavailableError, GatewayError or IpcRemoteError. */
  call<M extends keyof Calls & string>(method: M, payload: Request<Calls, M>, timeoutMs = this.timeoutMs): Promise<Result<Calls, M>> {
    if (this.isClosed) return Promise.reject(new IpcUnavailableError('closed', `cluster channel closed (${method})`));
    this.sequence += 1;
    const id = this.sequence;
    return new Promise<Result<Calls, M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new IpcUnavailableError('timeout', `cluster call ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer, result: this.schemas(method).result });
      this.transmit({ channel: CHANNEL, kind: 'call', id, method, payload }, (error) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new IpcUnavailableError('send_failed', `cluster call ${method} could not be sent: ${describe(error)}`, { cause: error }));
      });
    });
  }

  /** Serves `method` for the other end; the payload arrives validated, the answer is validated by the caller. */
  handle<M extends keyof Calls & string>(
    method: M,
    handler: (payload: z.output<Calls[M]['request']>) => z.input<Calls[M]['result']> | Promise<z.input<Calls[M]['result']>>,
  ): void {
    const schema = this.schemas(method).request;
    // parse() checks the payload; the cast only names the generic type it was checked against.
    this.handlers.set(method, (payload) => handler(schema.parse(payload) as z.output<Calls[M]['request']>));
  }

  /** Fire-and-forget; dropped silently when the pipe is closed (events carry nothing a caller waits for). */
  notify<E extends keyof Events & string>(event: E, payload: z.input<Events[E]>): void {
    if (this.isClosed) return;
    this.transmit({ channel: CHANNEL, kind: 'event', event, payload }, () => undefined);
  }

  on<E extends keyof Events & string>(event: E, listener: (payload: z.output<Events[E]>) => void): void {
    const schema = this.protocol.events[event];
    if (schema === undefined) throw new Error(`unknown cluster event ${event}`);
    this.listeners.set(event, (payload) => listener(schema.parse(payload) as z.output<Events[E]>));
  }

  /**
   * Runs `task` just before the next write, so that what it sends travels in that write: for messages
   * that need not go at once (ipc-bookkeeping.ts). Every pipe write wakes the other process, which
   * costs both ends more than the message itself; so the task waits for a write that happens anyway
   * (a call or an answer), or `maxDelayMs` at most.
   */
  beforeNextFlush(task: () => void, maxDelayMs: number): void {
    this.beforeFlush.push(task);
    if (this.flushScheduled || this.lateFlush !== null) return;
    this.lateFlush = setTimeout(() => {
      this.lateFlush = null;
      this.scheduleFlush();
    }, maxDelayMs);
  }

  /** Fails every pending call at once; later calls fail immediately. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new IpcUnavailableError('closed', 'cluster channel closed before the answer came'));
      this.pending.delete(id);
    }
  }

  private schemas<M extends keyof Calls & string>(method: M): Calls[M] {
    const schemas = this.protocol.calls[method];
    if (schemas === undefined) throw new Error(`unknown cluster call ${method}`);
    return schemas;
  }

  /**
   * Queues the message; everything queued before the event loop next checks for I/O is sent in one
   * write. Under load a worker has many calls in flight, and a pipe write per message cost more CPU
   * than the limits themselves.
   */
  private transmit(message: Envelope, onFailure: (error: unknown) => void): void {
    this.outbox.push({ message, onFailure });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    // Still marked scheduled while the tasks run, so that what they send joins this write.
    if (this.lateFlush !== null) clearTimeout(this.lateFlush);
    this.lateFlush = null;
    const tasks = this.beforeFlush;
    this.beforeFlush = [];
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        this.options.onError?.(error);
      }
    }
    this.flushScheduled = false;
    const queued = this.outbox;
    this.outbox = [];
    if (queued.length === 0) return;
    const only = queued.length === 1 ? queued[0] : undefined;
    const message = only?.message ?? { channel: CHANNEL, kind: 'batch', messages: queued.map((entry) => entry.message) };
    const fail = (error: unknown) => {
      for (const entry of queued) entry.onFailure(error);
    };
    try {
      this.port.send(message, fail);
    } catch (error) {
      fail(error);
    }
  }

  private receive(message: unknown): void {
    if (this.isClosed || typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== CHANNEL) return;
    const batch = batchSchema.safeParse(message);
    if (batch.success) {
      for (const each of batch.data.messages) this.receiveOne(each);
      return;
    }
    this.receiveOne(message);
  }

  private receiveOne(message: unknown): void {
    if (this.isClosed) return;
    const parsed = envelopeSchema.safeParse(message);
    if (!parsed.success) {
      this.options.onError?.(new IpcRemoteError(`malformed cluster message: ${parsed.error.message}`));
      return;
    }
    const envelope = parsed.data;
    switch (envelope.kind) {
      case 'call':
        void this.answer(envelope.id, envelope.method, envelope.payload);
        return;
      case 'event':
        this.dispatch(envelope.event, envelope.payload);
        return;
      case 'reply':
      case 'fault': {
        const pending = this.pending.get(envelope.id);
        if (pending === undefined) return; // timed out already
        this.pending.delete(envelope.id);
        clearTimeout(pending.timer);
        if (envelope.kind === 'fault') {
          pending.reject(envelope.gateway === null ? new IpcRemoteError(envelope.message) : new GatewayError(envelope.gateway.status, envelope.message, envelope.gateway));
          return;
        }
        const value = pending.result.safeParse(envelope.value);
        if (value.success) pending.resolve(value.data);
        else pending.reject(new IpcRemoteError(`malformed cluster answer: ${value.error.message}`));
      }
    }
  }

  private async answer(id: number, method: string, payload: unknown): Promise<void> {
    const handler = this.handlers.get(method);
    try {
      if (handler === undefined) throw new IpcRemoteError(`no handler for cluster call ${method}`);
      const value: unknown = await handler(payload);
      this.transmit({ channel: CHANNEL, kind: 'reply', id, value: value ?? null }, (error) => this.options.onError?.(error));
    } catch (error) {
      const gateway =
        error instanceof GatewayError ? { status: error.status, type: error.type, code: error.code, param: error.param, headers: error.headers } : null;
      this.transmit({ channel: CHANNEL, kind: 'fault', id, message: describe(error), gateway }, (sendError) => this.options.onError?.(sendError));
    }
  }

  private dispatch(event: string, payload: unknown): void {
    const listener = this.listeners.get(event);
    if (listener === undefined) return;
    try {
      listener(payload);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
