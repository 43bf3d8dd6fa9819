/**
 * Which providers embed, and how (design.md §2: `POST /v1/embeddings` "to providers that embed"). The
 * OpenAI-compatible vendors below serve an OpenAI-shaped `/embeddings` beside `/chat/completions`;
 * they differ in whether they take token-id arrays, return base64, and name the output size:
 * - OpenAI https://platform.openai.com/docs/api-reference/embeddings/create and Azure OpenAI: token
 *   arrays, base64, `dimensions`.
 * - Mistral https://docs.mistral.ai/api/endpoint/embeddings: strings only, `output_dimension`.
 * - DashScope https://help.aliyun.com/zh/dashscope/developer-reference/openai-embedding-interface:
 *   "a string or a list of strings" only.
 * - OpenRouter https://openrouter.ai/docs/api_reference/embeddings, Ollama
 *   https://github.com/ollama/ollama/blob/main/docs/openai.md, Fireworks, Zhipu (embedding-3) and
 *   Together (model and input only), Volcengine Ark (doubao-embedding).
 * A generic `openai-compatible` server (vLLM, TEI, LocalAI) gets the request as sent. DeepSeek, Groq,
 * xAI, Moonshot and Anthropic have no embeddings API; Gemini has its own (providers/gemini).
 */
import type { ProviderEndpoint } from '../config/config.js';
import { unsupportedParameter, type GatewayError } from '../core/errors.js';
import { vendorProfile } from '../providers/vendors.js';
import type { EmbeddingAdapter } from './embedding-adapter.js';
import type { EmbeddingRequest } from './embedding-request.js';
import { geminiEmbeddingAdapter } from './providers/gemini/index.js';
import { openAICompatibleEmbeddingAdapter, type EmbeddingQuirks } from './providers/openai-compatible/index.js';

const OPENAI: EmbeddingQuirks = { tokens: true, base64: true, dimensions: 'dimensions' };
// Vendors are asked for floats (their default): not all of them document base64, and the gateway
// encodes base64 itself when the client asks for it.
const TEXT_ONLY: EmbeddingQuirks = { tokens: false, base64: false, dimensions: 'dimensions' };

const QUIRKS: Readonly<Record<string, EmbeddingQuirks>> = {
  openai: { ...OPENAI, conformant: true },
  azure: OPENAI,
  'openai-compatible': { tokens: true, base64: false, dimensions: 'dimensions' },
  mistral: { ...TEXT_ONLY, dimensions: 'output_dimension' },
  together: { ...TEXT_ONLY, dimensions: null },
  fireworks: TEXT_ONLY,
  dashscope: TEXT_ONLY,
  zhipu: TEXT_ONLY,
  ark: { ...TEXT_ONLY, dimensions: null },
  openrouter: TEXT_ONLY,
  ollama: TEXT_ONLY,
};

const adapters = new Map<string, EmbeddingAdapter>(Object.entries(QUIRKS).map(([type, quirks]) => [type, openAICompatibleEmbeddingAdapter(quirks)]));

/** The embeddings adapter for a provider, or null when the provider has no embeddings API. */
export function embeddingAdapterFor(endpoint: ProviderEndpoint): EmbeddingAdapter | null {
  const kind = vendorProfile(endpoint.type)?.adapter ?? 'openai-compatible';
  if (kind === 'gemini') return geminiEmbeddingAdapter;
  if (kind === 'anthropic') return null;
  // An unknown type is a generic OpenAI-compatible server, as in chat (adapter-registry.ts).
  return adapters.get(vendorProfile(endpoint.type) === undefined ? 'openai-compatible' : endpoint.type) ?? null;
}

/** Why a deployment cannot serve the request, or null when it can. */
export function embeddingRefusal(request: EmbeddingRequest, endpoint: ProviderEndpoint, adapters: (endpoint: ProviderEndpoint) => EmbeddingAdapter | null = embeddingAdapterFor): GatewayError | null {
  const adapter = adapters(endpoint);
  if (adapter === null) {
    return unsupportedParameter(
      'model',
      `The model \`${request.model}\` is served by ${endpoint.name} (${endpoint.type}), which has no embeddings API. Use an embedding model such as text-embedding-3-small, gemini-embedding-001 or mistral-embed.`,
    );
  }
  return adapter.refuse(request, endpoint);
}
