/**
 * The Google Gemini adapter (generativelanguage v1beta generateContent / streamGenerateContent?alt=sse).
 * Gemini takes media only inline, so the pipeline downloads http(s) images and files first
 * (src/media/inline-remote-media.ts).
 */
import type { ProviderAdapter } from '../adapter.js';
import { buildGeminiRequest } from './build-request.js';
import { convertGeminiResponse } from './convert-response.js';
import { mapGeminiError } from './map-error.js';
import { createGeminiStreamConverter } from './stream-converter.js';

export const geminiAdapter: ProviderAdapter = {
  inlineRemoteMedia: true,
  buildRequest: buildGeminiRequest,
  convertResponse: convertGeminiResponse,
  createStreamConverter: createGeminiStreamConverter,
  mapError: mapGeminiError,
};
