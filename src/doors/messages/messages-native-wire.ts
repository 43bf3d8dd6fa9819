/**
 * Claude deployments speak the Messages API themselves: calls that reach one through this door go
 * untranslated (build-native-request.ts), their answers and streams back as Anthropic sent them.
 * The pipeline still reads them for metering: errors through the Anthropic adapter's mapping, usage
 * normalised to OpenAI semantics (prompt includes cache reads and writes). The answer names the
 * model the client asked for, as Anthropic does (rename-answer-model.ts).
 */
import type { Usage } from '../../core/usage.js';
import { anthropicUsageSchema } from '../../providers/anthropic/anthropic-response-schema.js';
import { convertAnthropicUsage, emptyAnthropicCounts, mergeAnthropicUsage } from '../../providers/anthropic/convert-anthropic-usage.js';
import { mapAnthropicError } from '../../providers/anthropic/map-error.js';
import { vendorProfile } from '../../providers/vendors.js';
import type { NativeWire } from '../door.js';
import { buildNativeRequest } from './build-native-request.js';
import { createMessagesStreamScanner } from './messages-stream-scanner.js';
import type { AnthropicInbound } from './anthropic-inbound.js';
import { createStreamModelRenamer, renameAnswerModel } from './rename-answer-model.js';


export function usageOfMessage(body: unknown): Usage | undefined {
  // Only the usage is read through its schema: a schema over the whole body copied every field of the answer.
  if (typeof body !== 'object' || body === null || !('usage' in body)) return undefined;
  const parsed = anthropicUsageSchema.safeParse(body.usage);
  if (!parsed.success) return undefined;
  return convertAnthropicUsage(mergeAnthropicUsage(emptyAnthropicCounts(), parsed.data));
}

export const messagesNativeWire: NativeWire<AnthropicInbound> = {
  accepts: (endpoint) => vendorProfile(endpoint.type)?.adapter === 'anthropic',
  buildRequest: (inbound, endpoint, context) => buildNativeRequest(inbound.raw, endpoint, context),
  mapError: mapAnthropicError,
  usageOf: usageOfMessage,
  createStreamScanner: createMessagesStreamScanner,
  rewriteAnswer: (json, inbound, upstreamModel) => (inbound.request.model === upstreamModel ? json : renameAnswerModel(json, inbound.request.model)),
  rewriteStream: (inbound, upstreamModel) => (inbound.request.model === upstreamModel ? null : createStreamModelRenamer(inbound.request.model)),
};
