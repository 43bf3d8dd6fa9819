/**
 * The usage record of a finished answer, exactly as metered and priced by the gateway. The
 * recorder writes in batches (every ~200 ms), so a 404 right after the answer means "not yet":
 * retry with growing pauses for a few seconds before giving up.
 */
import { ApiError, type ApiClient } from '../api-client.js';
import { decodeRequest, type RequestRecord } from '../api-types.js';

const PAUSES_MS = [150, 250, 400, 600, 800, 1000, 1500];

export async function fetchUsageRecord(api: ApiClient, requestId: string, signal: AbortSignal): Promise<RequestRecord | null> {
  for (const pause of [0, ...PAUSES_MS]) {
    if (pause > 0) await sleep(pause, signal);
    try {
      return await api.get(`/admin/requests/${encodeURIComponent(requestId)}`, decodeRequest, signal);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  return null;
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
