/**
 * Upstream HTTP over undici keep-alive pools (one Agent, a pool per origin). Timeouts map onto
 * undici's own: connect, headers (first byte) and body (idle between chunks).
 */
import { Agent, errors, type Dispatcher } from 'undici';
import type { Timeouts } from '../config/config.js';
import { upstreamError, upstreamTimeout, type GatewayError } from '../core/errors.js';
import type { UpstreamRequest } from '../providers/adapter.js';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

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

  async send(request: UpstreamRequest, timeouts: Timeouts, signal: AbortSignal): Promise<UpstreamResponse> {
    const url = new URL(request.url);
    try {
      const response = await this.agentFor(timeouts.connectMs).request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal,
        headersTimeout: timeouts.firstByteMs,
        bodyTimeout: timeouts.idleMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw describeTransportError(error, url.host);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
  }
}

/** Network-level failures → typed gateway errors (never echoing request headers, so no keys). */
export function describeTransportError(error: unknown, host: string): GatewayError {
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
  const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'unknown error';
  return upstreamError(`Could not reach the upstream ${host} (${code}).`, error);
}
