/**
 * What OpenAI-compatible models can produce, by model id (dated snapshots such as
 * `gpt-4o-2024-08-06` included). Only ids listed here are touched; every other model — Doubao,
 * Mistral, Groq, xAI, OpenRouter's `vendor/model` ids, local servers — gets the request as sent.
 * A row must never state a limit below the model's real one (output-limit.ts).
 * Sources: https://platform.openai.com/docs/models (each model's "Max output tokens", and
 * "Reasoning" for `reasoning_effort`), https://api-docs.deepseek.com/quick_start/pricing (DeepSeek-V3.2:
 * deepseek-chat non-thinking, max 8K; deepseek-reasoner thinking, max 64K) and
 * https://api-docs.deepseek.com/guides/thinking_mode (`thinking: {type:"enabled"}` switches thinking on).
 */
import type { OutputLimit } from '../output-limit.js';

export interface OpenAICompatibleModelCapabilities extends OutputLimit {
  /**
   * true: a reasoning model (takes `reasoning_effort`); false: the model cannot reason, so a
   * `reasoning_effort` is dropped (it cannot reason any harder, and the provider refuses the field);
   * null: unknown, sent as given.
   */
  reasons: boolean | null;
  /** Thinks only when asked with `thinking: {type:"enabled"}` (DeepSeek's deepseek-chat), and then has this limit. */
  thinkingMode?: OutputLimit;
}

export const UNKNOWN_MODEL: OpenAICompatibleModelCapabilities = { maxOutputTokens: null, reasons: null };

/** An optional snapshot date, as OpenAI spells it: `-2025-08-07`. */
const DATED = '(?:-\\d{4}-\\d{2}-\\d{2})?';
const ids = (pattern: string) => new RegExp(`^(?:${pattern})${DATED}$`);

const TABLE: ReadonlyArray<readonly [RegExp, OpenAICompatibleModelCapabilities]> = [
  // The first gpt-4o snapshot wrote at most 4,096 tokens; later ones and the alias 16,384.
  [/^gpt-4o-2024-05-13$/, { maxOutputTokens: 4_096, reasons: false }],
  [ids('gpt-4o|gpt-4o-mini|chatgpt-4o-latest'), { maxOutputTokens: 16_384, reasons: false }],
  [ids('gpt-4\\.1|gpt-4\\.1-mini|gpt-4\\.1-nano'), { maxOutputTokens: 32_768, reasons: false }],
  // gpt-5(-chat-latest) and -pro differ (16,384 / 272,000) and are left out, as are later 5.x.
  [ids('gpt-5(?:\\.[12])?(?:-mini|-nano|-codex(?:-mini|-max)?)?'), { maxOutputTokens: 128_000, reasons: true }],
  [ids('o1|o1-pro|o3|o3-mini|o3-pro|o4-mini'), { maxOutputTokens: 100_000, reasons: true }],
  [/^deepseek-chat$/, { maxOutputTokens: 8_192, reasons: false, thinkingMode: { maxOutputTokens: 65_536 } }],
  [/^deepseek-reasoner$/, { maxOutputTokens: 65_536, reasons: true }],
];

/** Looked up on every request: the answer for an id never changes, so it is found once (bounded). */
const found = new Map<string, OpenAICompatibleModelCapabilities>();

export function openAICompatibleModelCapabilities(modelId: string): OpenAICompatibleModelCapabilities {
  let capabilities = found.get(modelId);
  if (capabilities === undefined) {
    const id = modelId.toLowerCase();
    capabilities = TABLE.find(([pattern]) => pattern.test(id))?.[1] ?? UNKNOWN_MODEL;
    if (found.size >= 1000) found.clear();
    found.set(modelId, capabilities);
  }
  return capabilities;
}
