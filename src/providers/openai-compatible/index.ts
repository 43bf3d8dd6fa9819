/** The OpenAI-compatible adapter shared by OpenAI, Azure and every vendor in protocols.md D. */
import type { ProviderAdapter } from '../adapter.js';
import { scanConformantAnswer } from './answer-passthrough.js';
import { buildOpenAICompatibleRequest } from './build-request.js';
import { convertOpenAICompatibleResponse } from './convert-response.js';
import { mapOpenAICompatibleError } from './map-error.js';
import { createOpenAICompatibleStreamConverter } from './stream-converter.js';
import { createConformantStreamPassthrough } from './stream-passthrough.js';
import { isConformantVendor } from '../vendors.js';

export const openAICompatibleAdapter: ProviderAdapter = {
  buildRequest: buildOpenAICompatibleRequest,
  convertResponse: convertOpenAICompatibleResponse,
  createStreamConverter: createOpenAICompatibleStreamConverter,
  createStreamPassthrough: (context) =>
    isConformantVendor(context.providerType) ? createConformantStreamPassthrough(context) : null,
  passAnswerThrough: (text, context) => (isConformantVendor(context.providerType) ? scanConformantAnswer(text) : null),
  mapError: (status, body, headers) => mapOpenAICompatibleError(status, body, headers),
};
