/**
 * The built-in catalog (shared/design.md §3 step 3): public model names mapped to the provider
 * configured from the environment and the provider's own model id, with list prices in USD per
 * million tokens (input, output, cached read, cache write) taken from the providers' price pages
 * and LiteLLM's price map (protocols.md F.1). Prices change; override them per model in the config.
 */
import type { Price } from '../config/config.js';

export interface CatalogEntry {
  name: string;
  provider: string;
  upstream: string;
  price: Price | null;
}

type PriceRow = [input: number, output: number, cachedRead?: number, cacheWrite?: number];

const rows: Array<[name: string, provider: string, upstream: string, price: PriceRow | null]> = [
  // OpenAI
  ['gpt-5', 'openai', 'gpt-5', [1.25, 10, 0.125]],
  ['gpt-5.1', 'openai', 'gpt-5.1', [1.25, 10, 0.125]],
  ['gpt-5.1-codex', 'openai', 'gpt-5.1-codex', [1.25, 10, 0.125]],
  ['gpt-5-mini', 'openai', 'gpt-5-mini', [0.25, 2, 0.025]],
  ['gpt-5-nano', 'openai', 'gpt-5-nano', [0.05, 0.4, 0.005]],
  ['gpt-5-codex', 'openai', 'gpt-5-codex', [1.25, 10, 0.125]],
  ['gpt-4.1', 'openai', 'gpt-4.1', [2, 8, 0.5]],
  ['gpt-4.1-mini', 'openai', 'gpt-4.1-mini', [0.4, 1.6, 0.1]],
  ['gpt-4.1-nano', 'openai', 'gpt-4.1-nano', [0.1, 0.4, 0.025]],
  ['gpt-4o', 'openai', 'gpt-4o', [2.5, 10, 1.25]],
  ['gpt-4o-mini', 'openai', 'gpt-4o-mini', [0.15, 0.6, 0.075]],
  ['o1', 'openai', 'o1', [15, 60, 7.5]],
  ['o3', 'openai', 'o3', [2, 8, 0.5]],
  ['o3-mini', 'openai', 'o3-mini', [1.1, 4.4, 0.55]],
  ['o4-mini', 'openai', 'o4-mini', [1.1, 4.4, 0.275]],
  // Anthropic: APIPod-style names and Anthropic's own ids
  ['claude-4-5-sonnet', 'anthropic', 'claude-sonnet-4-5', [3, 15, 0.3, 3.75]],
  ['claude-4-5-opus', 'anthropic', 'claude-opus-4-5', [5, 25, 0.5, 6.25]],
  ['claude-4-5-haiku', 'anthropic', 'claude-haiku-4-5', [1, 5, 0.1, 1.25]],
  ['claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5', [3, 15, 0.3, 3.75]],
  ['claude-opus-4-5', 'anthropic', 'claude-opus-4-5', [5, 25, 0.5, 6.25]],
  ['claude-haiku-4-5', 'anthropic', 'claude-haiku-4-5', [1, 5, 0.1, 1.25]],
  ['claude-opus-4-1', 'anthropic', 'claude-opus-4-1', [15, 75, 1.5, 18.75]],
  ['claude-sonnet-4', 'anthropic', 'claude-sonnet-4-0', [3, 15, 0.3, 3.75]],
  ['claude-3-5-haiku', 'anthropic', 'claude-3-5-haiku-latest', [0.8, 4, 0.08, 1]],
  // Google Gemini
  ['gemini-2.5-pro', 'gemini', 'gemini-2.5-pro', [1.25, 10, 0.125]],
  ['gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', [0.3, 2.5, 0.03]],
  ['gemini-2.5-flash-lite', 'gemini', 'gemini-2.5-flash-lite', [0.1, 0.4, 0.01]],
  ['gemini-3-pro-preview', 'gemini', 'gemini-3-pro-preview', [2, 12, 0.2]],
  ['gemini-2.0-flash', 'gemini', 'gemini-2.0-flash', [0.1, 0.4, 0.025]],
  // DeepSeek
  ['deepseek-v3.2', 'deepseek', 'deepseek-chat', [0.28, 0.42, 0.028]],
  ['deepseek-chat', 'deepseek', 'deepseek-chat', [0.28, 0.42, 0.028]],
  ['deepseek-reasoner', 'deepseek', 'deepseek-reasoner', [0.28, 0.42, 0.028]],
  // Doubao on Volcengine Ark (list price in CNY converted at ~7.1 CNY/USD)
  ['doubao-pro', 'ark', 'doubao-seed-1-6-250615', [0.11, 1.13, 0.022]],
  ['doubao-seed-1-6', 'ark', 'doubao-seed-1-6-250615', [0.11, 1.13, 0.022]],
  ['doubao-seed-1-6-flash', 'ark', 'doubao-seed-1-6-flash-250828', [0.021, 0.21, 0.0042]],
  // Mistral
  ['mistral-large-latest', 'mistral', 'mistral-large-latest', [2, 6]],
  ['mistral-medium-latest', 'mistral', 'mistral-medium-latest', [0.4, 2]],
  ['mistral-small-latest', 'mistral', 'mistral-small-latest', [0.1, 0.3]],
  ['magistral-medium-latest', 'mistral', 'magistral-medium-latest', [2, 5]],
  ['codestral-latest', 'mistral', 'codestral-latest', [0.3, 0.9]],
  // Groq
  ['llama-3.3-70b-versatile', 'groq', 'llama-3.3-70b-versatile', [0.59, 0.79]],
  ['llama-3.1-8b-instant', 'groq', 'llama-3.1-8b-instant', [0.05, 0.08]],
  // xAI
  ['grok-4', 'xai', 'grok-4', [3, 15, 0.75]],
  ['grok-4-fast', 'xai', 'grok-4-fast-reasoning', [0.2, 0.5, 0.05]],
  ['grok-3-mini', 'xai', 'grok-3-mini', [0.3, 0.5, 0.075]],
  // Moonshot / Kimi
  ['kimi-k2', 'moonshot', 'kimi-k2-0905-preview', [0.6, 2.5, 0.15]],
  ['kimi-k2-turbo', 'moonshot', 'kimi-k2-turbo-preview', [1.15, 8, 0.15]],
  ['moonshot-v1-8k', 'moonshot', 'moonshot-v1-8k', [0.2, 2]],
  // Qwen on DashScope (international list prices)
  ['qwen-max', 'dashscope', 'qwen-max', [1.6, 6.4]],
  ['qwen-plus', 'dashscope', 'qwen-plus', [0.4, 1.2]],
  ['qwen-turbo', 'dashscope', 'qwen-turbo', [0.05, 0.2]],
  ['qwen3-max', 'dashscope', 'qwen3-max', [1.2, 6]],
  // Zhipu GLM
  ['glm-4.6', 'zhipu', 'glm-4.6', [0.6, 2.2, 0.11]],
  ['glm-4.5-air', 'zhipu', 'glm-4.5-air', [0.2, 1.1, 0.03]],
  // Embedding models (POST /v1/embeddings): input tokens only, no output
  ['text-embedding-3-small', 'openai', 'text-embedding-3-small', [0.02, 0]],
  ['text-embedding-3-large', 'openai', 'text-embedding-3-large', [0.13, 0]],
  ['text-embedding-ada-002', 'openai', 'text-embedding-ada-002', [0.1, 0]],
  ['gemini-embedding-001', 'gemini', 'gemini-embedding-001', [0.15, 0]],
  // Free of charge on the Gemini API (https://ai.google.dev/gemini-api/docs/pricing).
  ['text-embedding-004', 'gemini', 'text-embedding-004', [0, 0]],
  ['mistral-embed', 'mistral', 'mistral-embed', [0.1, 0]],
];

const toPrice = (row: PriceRow | null): Price | null =>
  row === null
    ? null
    : {
        inputPerMtok: row[0],
        outputPerMtok: row[1],
        ...(row[2] === undefined ? {} : { cachedInputPerMtok: row[2] }),
        ...(row[3] === undefined ? {} : { cacheWritePerMtok: row[3] }),
      };

export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(
  rows.map(([name, provider, upstream, price]) => [name, { name, provider, upstream, price: toPrice(price) }]),
);

/** Family prefixes (design.md §3 step 4): the model id is sent as-is to the provider. */
const FAMILIES: Array<[RegExp, string]> = [
  [/^(gpt-|o1|o3|o4|chatgpt-|text-embedding-)/, 'openai'],
  [/^claude-/, 'anthropic'],
  [/^gemini-/, 'gemini'],
  [/^deepseek-/, 'deepseek'],
  [/^doubao-/, 'ark'],
  [/^(mistral-|magistral-)/, 'mistral'],
  [/^grok-/, 'xai'],
];

export function familyProvider(model: string): string | undefined {
  for (const [pattern, provider] of FAMILIES) if (pattern.test(model)) return provider;
  return undefined;
}

/** A price by upstream model id, for deployments that reach a catalog model under its own id. */
const byUpstream = new Map<string, Price>();
for (const entry of CATALOG.values()) if (entry.price && !byUpstream.has(entry.upstream)) byUpstream.set(entry.upstream, entry.price);

export function catalogPrice(model: string): Price | null {
  return CATALOG.get(model)?.price ?? byUpstream.get(model) ?? byUpstream.get(stripDateSuffix(model)) ?? null;
}

function stripDateSuffix(model: string): string {
  return model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2}|\d{6})$/, '');
}
