/**
 * Upstream HTTP over undici keep-alive pools (one Agent, a pool per origin), each exchange read
 * by upstream-body.ts. Timeouts map onto undici's own: connect, headers (first byte) and body (idle
 * between chunks).
 */
import { Agent, errors } from 'undici';
import type { Timeouts } from '../config/config.js';
import { internalError, upstreamError, upstreamTimeout, type GatewayError } from '../core/errors.js';
import type { UpstreamRequest } from '../providers/adapter.js';
import type { CallSignal } from '../core/call-signal.js';
import { exchange, type UpstreamHead } from './upstream-body.js';

export type UpstreamResponse = UpstreamHead;

export class UpstreamClient {
  /** One pool set per connect timeout (undici sets it per Agent); models rarely use more than one or two. */
  private readonly agents = new Map<number, Agent>();

  private agentFor(connectTimeoutMs: number): Agent {
    let agent = this.agents.get(connectTimeoutMs);
    if (agent === undefined) {
      agent = new Agent({
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        // No cap: a stream holds its connection for its whole length, and a cap would queue
        // thousands of concurrent streams behind each other (and into the first-byte timeout).
        connections: null,
        pipelining: 1,
        connect: { timeout: connectTimeoutMs },
      });
      this.agents.set(connectTimeoutMs, agent);
    }
    return agent;
  }

  /** Parsed upstream URLs: a deployment's URL is the same on every call, and `new URL` costs microseconds. */
  private readonly urls = new Map<string, { origin: string; path: string; host: string }>();

  private parse(address: string): { origin: string; path: string; host: string } {
    let parsed = this.urls.get(address);
    if (parsed === undefined) {
      const url = new URL(address);
      parsed = { origin: url.origin, path: url.pathname + url.search, host: url.host };
      if (this.urls.size >= 1000) this.urls.clear();
      this.urls.set(address, parsed);
    }
    return parsed;
  }

  async send(request: UpstreamRequest, timeouts: Timeouts, signal: CallSignal): Promise<UpstreamResponse> {
    const url = this.parse(request.url);
    try {
      return await exchange(
        this.agentFor(timeouts.connectMs),
        {
          origin: url.origin,
          path: url.path,
          method: 'POST',
          headers: request.headers,
          body: request.body,
          headersTimeout: timeouts.firstByteMs,
          bodyTimeout: timeouts.idleMs,
        },
        signal,
      );
    } catch (error) {
      throw describeTransportError(error, url.host);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
  }
}

/** Socket-level failures Node reports with a system error code. */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/**
 * Whether an exception is the network's or the upstream's doing. undici's argument errors (a header
 * value it refuses, say) are the gateway's, and so is anything else: only these count against a
 * deployment.
 */
export function isTransportError(error: unknown): boolean {
  if (error instanceof errors.InvalidArgumentError || error instanceof errors.NotSupportedError) return false;
  if (error instanceof errors.UndiciError) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError') return true;
  const code = 'code' in error ? String((error as { code: unknown }).code) : '';
  return NETWORK_CODES.has(code) || code.startsWith('UND_ERR_');
}

/**
 * Network-level failures → typed gateway errors (never echoing request headers, so no keys). An
 * exception that is not a transport failure is the gateway's own: a 500, never an "upstream error".
 */
export function describeTransportError(error: unknown, host: string): GatewayError {
  if (!isTransportError(error)) return internalError(undefined, error);
  if (error instanceof errors.HeadersTimeoutError) {
    return upstreamTimeout(`The upstream ${host} did not start answering in time.`);
  }
  if (error instanceof errors.BodyTimeoutError) {
    return upstreamTimeout(`The upstream ${host} stopped sending data (idle timeout).`);
  }
  if (error instanceof errors.ConnectTimeoutError) {
    return upstreamError(`Could not connect to the upstream ${host} in time.`, error);
  }
  if (error instanceof errors.RequestAbortedError || (error instanceof Error && error.name === 'AbortError')) {
    return upstreamError('The upstream request was aborted.', error);
  }
  const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'network error';
  return upstreamError(`Could not reach the upstream ${host} (${code}).`, error);
}
