/** Reads an upstream body as text, refusing more than `maxBytes` (a broken or hostile upstream). */
import type { UpstreamResponse } from '../http/upstream-client.js';

export function readBodyText(response: Pick<UpstreamResponse, 'body'>, maxBytes: number): Promise<string> {
  return response.body.text(maxBytes);
}
