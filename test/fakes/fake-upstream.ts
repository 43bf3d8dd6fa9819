/**
 * A local fake provider speaking each wire format (OpenAI-compatible, Anthropic Messages, Gemini,
 * OpenAI Responses for POST …/responses),
 * scriptable per request: canned answers, provider-shaped errors, recorded payloads, slow or broken
 * streams, hangs and connection resets. It records what it received and whether the client aborted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CannedAnswer, WireWriter } from './canned-answer.js';

export type Behaviour =
  | { kind: 'answer'; answer: CannedAnswer; delayMs?: number; chunkDelayMs?: number }
  | { kind: 'error'; status: number; message?: string; body?: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status?: number; contentType?: string; body: string; headers?: Record<string, string> }
  | { kind: 'sse'; events: string[]; chunkDelayMs?: number; cutAfter?: number; stallAfter?: number }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  protocol: Protocol;
  stream: boolean;
  /** Set when the gateway closed the connection before the fake finished answering. */
  aborted: boolean;
}

type Protocol = 'openai-compatible' | 'anthropic' | 'gemini' | 'responses';

export const defaultAnswer: CannedAnswer = { text: 'Hello from the fake upstream!', finish: 'stop', usage: { prompt: 12, completion: 6 } };

export class FakeUpstream {
  readonly requests: ReceivedRequest[] = [];
  private queue: Behaviour[] = [];
  private fallback: Behaviour = { kind: 'answer', answer: defaultAnswer };
  /** Consulted before the queue: per-request scripting (e.g. by path, to fail one deployment). */
  decide: ((request: ReceivedRequest) => Behaviour | undefined) | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(
    private readonly server: Server,
    private readonly writers: Partial<Record<Protocol, WireWriter>>,
  ) {}

  static async start(writers: Partial<Record<Protocol, WireWriter>>): Promise<FakeUpstream> {
    let fake: FakeUpstream | undefined;
    const server = createServer((request, response) => {
      void fake?.handle(request, response);
    });
    fake = new FakeUpstream(server, writers);
    server.on('connection', (socket) => {
      fake?.sockets.add(socket);
      socket.on('close', () => fake?.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The behaviours for the next requests, in order; afterwards the default applies again. */
  enqueue(...behaviours: Behaviour[]): void {
    this.queue.push(...behaviours);
  }

  setDefault(behaviour: Behaviour): void {
    this.fallback = behaviour;
  }

  reset(): void {
    this.queue = [];
    this.decide = null;
    this.requests.length = 0;
    this.fallback = { kind: 'answer', answer: defaultAnswer };
  }

  get last(): ReceivedRequest {
    const last = this.requests[this.requests.length - 1];
    if (last === undefined) throw new Error('the fake upstream received no request');
    return last;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      body = { __unparsable: text };
    }
    const path = request.url ?? '/';
    const protocol: Protocol = path.includes('/v1/messages')
      ? 'anthropic'
      : path.includes(':') && path.includes('/models/')
        ? 'gemini'
        : request.method === 'POST' && (path.split('?')[0] ?? '').endsWith('/responses')
          ? 'responses'
          : 'openai-compatible';
    const stream = protocol === 'gemini' ? path.includes(':streamGenerateContent') : body.stream === true;
    const received: ReceivedRequest = { method: request.method ?? 'GET', path, headers: request.headers, body, protocol, stream, aborted: false };
    this.requests.push(received);
    response.on('close', () => {
      if (!response.writableFinished) received.aborted = true;
    });
    const behaviour = this.decide?.(received) ?? this.queue.shift() ?? this.fallback;
    await this.respond(behaviour, received, response);
  }

  private writer(protocol: Protocol): WireWriter {
    const writer = this.writers[protocol];
    if (writer === undefined) throw new Error(`no wire writer for ${protocol}`);
    return writer;
  }

  private async respond(behaviour: Behaviour, received: ReceivedRequest, response: ServerResponse): Promise<void> {
    const model = String(received.body.model ?? received.path.match(/models\/([^:]+)/)?.[1] ?? 'fake-model');
    switch (behaviour.kind) {
      case 'hang':
        return; // never answers; the gateway's timeout or abort must end it
      case 'reset':
        response.socket?.destroy();
        return;
      case 'error': {
        const body = behaviour.body ?? this.writer(received.protocol).error(behaviour.status, behaviour.message ?? 'fake failure');
        response.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
        return;
      }
      case 'raw':
        response.writeHead(behaviour.status ?? 200, { 'content-type': behaviour.contentType ?? 'application/json', ...behaviour.headers });
        response.end(behaviour.body);
        return;
      case 'sse':
        await this.writeSse(response, behaviour.events, behaviour);
        return;
      case 'answer': {
        if (behaviour.delayMs) await sleep(behaviour.delayMs);
        const writer = this.writer(received.protocol);
        if (!received.stream) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(writer.completion(behaviour.answer, model)));
          return;
        }
        const options = received.body.stream_options as { include_usage?: boolean } | undefined;
        const events = (writer.stream as (answer: CannedAnswer, model: string, options?: { includeUsage?: boolean }) => string[])(
          behaviour.answer,
          model,
          { includeUsage: options?.include_usage === true },
        );
        await this.writeSse(response, events, { chunkDelayMs: behaviour.chunkDelayMs });
        return;
      }
    }
  }

  private async writeSse(
    response: ServerResponse,
    events: string[],
    options: { chunkDelayMs?: number | undefined; cutAfter?: number | undefined; stallAfter?: number | undefined },
  ): Promise<void> {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const [index, event] of events.entries()) {
      if (options.cutAfter !== undefined && index >= options.cutAfter) {
        response.socket?.destroy();
        return;
      }
      if (options.stallAfter !== undefined && index >= options.stallAfter) return; // keeps the connection open, silent
      if (response.destroyed) return;
      response.write(event);
      if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
    }
    response.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Turns a recorded `*.chunks.txt` (one data JSON per line) into SSE events, optionally with [DONE]. */
export function recordedEvents(text: string, options: { done?: boolean; named?: boolean } = {}): string[] {
  const events = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      if (!options.named) return `data: ${line}\n\n`;
      const type = (JSON.parse(line) as { type?: string }).type ?? 'message';
      return `event: ${type}\ndata: ${line}\n\n`;
    });
  if (options.done) events.push('data: [DONE]\n\n');
  return events;
}
