/**
 * One attempt's upstream work: build the adapter's requests, send them (a few at a time when Gemini
 * needs several), map error answers, convert the bodies. Failures are classified as in chat
 * (src/chat/attempt-failure.ts): only upstream-side failures count against the deployment.
 */
import { answerFailure, translationFailure } from '../chat/attempt-failure.js';
import { upstreamError } from '../core/errors.js';
import { withRawJson } from '../core/raw-json.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import type { UpstreamRequest } from '../providers/adapter.js';
import type { EmbeddingContext } from './embedding-adapter.js';
import type { EmbeddingAttempt } from './embedding-attempt.js';
import type { EmbeddingRequest } from './embedding-request.js';
import type { EmbeddingResult } from './embedding-result.js';

export interface CallDeps {
  upstream: UpstreamClient;
  maxUpstreamBytes: number;
}

/** Upstream calls in flight at once for one attempt (Gemini's 100-input batches). */
const CONCURRENT_PARTS = 4;

export async function callEmbeddings(deps: CallDeps, attempt: EmbeddingAttempt, request: EmbeddingRequest): Promise<EmbeddingResult> {
  const { adapter, deployment } = attempt;
  const context: EmbeddingContext = { upstreamModel: deployment.model, provider: deployment.provider.name };
  let parts: UpstreamRequest[];
  try {
    parts = adapter.buildRequests(request, deployment.provider, context);
  } catch (error) {
    throw translationFailure(error);
  }
  const bodies = await inOrder(parts, CONCURRENT_PARTS, (part) => callPart(deps, attempt, part));
  try {
    return adapter.convertResponses(bodies, request, context);
  } catch (error) {
    throw answerFailure(error, deployment.provider.name, attempt.upstreamStatus);
  }
}

async function callPart(deps: CallDeps, attempt: EmbeddingAttempt, part: UpstreamRequest): Promise<unknown> {
  const provider = attempt.deployment.provider.name;
  const response = await deps.upstream.send(part, attempt.timeouts, attempt.signal);
  attempt.upstreamStatus = response.status;
  try {
    const text = await response.body.text(deps.maxUpstreamBytes);
    if (response.status >= 400) throw attempt.adapter.mapError(response.status, text, response.headers);
    try {
      const body: unknown = JSON.parse(text);
      // Remembered beside the parsed body: an adapter may find it is the answer to send as it is.
      return typeof body === 'object' && body !== null ? withRawJson(body, text) : body;
    } catch {
      throw upstreamError(`The upstream ${provider} answered with a body that is not JSON.`);
    }
  } catch (error) {
    throw answerFailure(error, provider, response.status);
  }
}

/** Runs `work` over the items, at most `limit` at once, results in the items' order; stops starting new ones after a failure. */
async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  if (items.length === 1 && items[0] !== undefined) return [await work(items[0])];
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
