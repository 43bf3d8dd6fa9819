/** What the Messages door keeps of a request: the body as sent, its validated form, and what translation cannot carry. */
import type { MessagesRequest } from './messages-request-schema.js';
import type { TranslationRefusal } from './translation-refusals.js';

export interface AnthropicInbound {
  /** The JSON body exactly as the client sent it: native passthrough rewrites only `model`. */
  raw: Readonly<Record<string, unknown>>;
  request: MessagesRequest;
  /** Why a translated attempt must be refused; empty when the request translates fully. */
  refusals: readonly TranslationRefusal[];
}
