/**
 * The Anthropic Messages API adapter (protocols.md B and E.1–E.3, E.7). Anthropic accepts image and
 * document URLs itself, so remote media is not inlined by the gateway.
 */
import type { ProviderAdapter } from '../adapter.js';
import { buildAnthropicRequest } from './build-request.js';
import { convertAnthropicResponse } from './convert-response.js';
import { mapAnthropicError } from './map-error.js';
import { createAnthropicStreamConverter } from './stream-converter.js';

export const anthropicAdapter: ProviderAdapter = {
  buildRequest: buildAnthropicRequest,
  convertResponse: convertAnthropicResponse,
  createStreamConverter: createAnthropicStreamConverter,
  mapError: mapAnthropicError,
};
