/**
 * Per-vendor deviations from the OpenAI wire format (shared/protocols.md D). Each flag is applied by
 * one small function in build-request.ts or normalise-chunk.ts.
 */
export interface OpenAICompatibleQuirks {
  /**
   * The upstream's answers and chunks conform to OpenAI's schema (it is OpenAI): what passes a cheap
   * shape check is forwarded as it came (SSE byte for byte, completions as their JSON text).
   */
  conformant?: boolean;
  /** Parameters the vendor rejects or ignores in a way that changes the answer: a clear 400 instead. */
  rejected?: Readonly<Record<string, string>>;
  /** `n > 1` unsupported. */
  supportsN?: boolean;
  /** `messages[].name` rejected; dropping it does not change the answer. */
  stripMessageNames?: boolean;
  /** Tool-call ids must be `[a-zA-Z0-9]{9}` (Mistral). */
  toolCallIds?: 'alphanumeric-9';
  /** `tool_choice: "required"` is spelled differently. */
  requiredToolChoice?: 'any';
  /** Only `tool_choice: "auto"` (or none given). */
  toolChoice?: 'auto-only';
  /** `response_format` json_schema unsupported. */
  responseFormat?: 'json_object-only';
  /** OpenAI reasoning models reject `max_tokens`: rename it for the models this matches. */
  maxTokensToMaxCompletionTokens?: RegExp;
  /** The vendor knows only `max_tokens`. */
  maxCompletionTokensToMaxTokens?: boolean;
  seedParameter?: 'random_seed';
  /** `always`: usage arrives on its own and `stream_options` must not be sent. */
  streamUsage?: 'stream_options' | 'always';
  /** DeepSeek thinking mode: assistant turns with tool calls must carry `reasoning_content`. */
  replayReasoningOnToolTurns?: boolean;
  /** OpenAI rejects unknown message fields such as an echoed `reasoning_content`. */
  stripReasoningContent?: boolean;
  /** DashScope thinking models fail non-streamed calls unless `enable_thinking: false`. */
  disableThinkingWhenNotStreaming?: boolean;
}
