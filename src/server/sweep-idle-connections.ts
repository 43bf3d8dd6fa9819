/**
 * During shutdown, closes each keep-alive connection as soon as its call in flight has been
 * answered. Fastify (like Node's server.close) closes only the connections idle at the signal; one
 * whose call was in flight stays open after the answer until the client hangs up or the 72 s
 * keep-alive timeout passes, so the shutdown — and the final usage flush after it — would wait out
 * the whole grace period, and a supervisor's SIGKILL could lose those records.
 */
import type { Server } from 'node:http';

/** Starts sweeping; call the returned function once the server has closed. */
export function sweepIdleConnections(server: Pick<Server, 'closeIdleConnections'>, everyMs = 50): () => void {
  const timer = setInterval(() => server.closeIdleConnections(), everyMs);
  return () => clearInterval(timer);
}
