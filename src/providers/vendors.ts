/**
 * Every provider type Switchyard knows: where it lives, how it authenticates, which adapter speaks
 * its wire format, and (for OpenAI-compatible vendors) the quirks documented in shared/protocols.md D.
 */
import type { OpenAICompatibleQuirks } from './openai-compatible/quirks.js';

export type AdapterKind = 'openai-compatible' | 'anthropic' | 'gemini';
export type AuthStyle = 'bearer' | 'azure-api-key' | 'anthropic' | 'gemini' | 'none';

export interface VendorProfile {
  type: string;
  adapter: AdapterKind;
  /** Environment prefix: `${prefix}_API_KEY`, `${prefix}_BASE_URL`. */
  envPrefix: string | null;
  defaultBaseUrl: string | null;
  auth: AuthStyle;
  /** Local servers that need no key are configured by their base URL alone. */
  keyless: boolean;
  quirks: OpenAICompatibleQuirks;
}

const REASONING_OPENAI_MODEL = /^(o\d|gpt-5)/;

const vendor = (profile: Partial<VendorProfile> & Pick<VendorProfile, 'type'>): VendorProfile => ({
  adapter: 'openai-compatible',
  envPrefix: null,
  defaultBaseUrl: null,
  auth: 'bearer',
  keyless: false,
  quirks: {},
  ...profile,
});

export const VENDORS: Readonly<Record<string, VendorProfile>> = {
  openai: vendor({
    type: 'openai',
    envPrefix: 'OPENAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    quirks: { conformant: true, stripReasoningContent: true, maxTokensToMaxCompletionTokens: REASONING_OPENAI_MODEL },
  }),
  azure: vendor({
    type: 'azure',
    auth: 'azure-api-key',
    quirks: { stripReasoningContent: true, maxTokensToMaxCompletionTokens: REASONING_OPENAI_MODEL },
  }),
  anthropic: vendor({
    type: 'anthropic',
    adapter: 'anthropic',
    envPrefix: 'ANTHROPIC',
    defaultBaseUrl: 'https://api.anthropic.com',
    auth: 'anthropic',
  }),
  gemini: vendor({
    type: 'gemini',
    adapter: 'gemini',
    envPrefix: 'GEMINI',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    auth: 'gemini',
  }),
  deepseek: vendor({
    type: 'deepseek',
    envPrefix: 'DEEPSEEK',
    defaultBaseUrl: 'https://api.deepseek.com',
    quirks: {
      supportsN: false,
      responseFormat: 'json_object-only',
      replayReasoningOnToolTurns: true,
    },
  }),
  ark: vendor({
    type: 'ark',
    envPrefix: 'ARK',
    defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    quirks: { supportsN: false },
  }),
  mistral: vendor({
    type: 'mistral',
    envPrefix: 'MISTRAL',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    quirks: {
      toolCallIds: 'alphanumeric-9',
      requiredToolChoice: 'any',
      seedParameter: 'random_seed',
      streamUsage: 'always',
      rejected: { logit_bias: 'Mistral does not accept logit_bias.' },
    },
  }),
  groq: vendor({
    type: 'groq',
    envPrefix: 'GROQ',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    quirks: {
      supportsN: false,
      stripMessageNames: true,
      rejected: {
        logprobs: 'Groq does not return logprobs.',
        top_logprobs: 'Groq does not return logprobs.',
        logit_bias: 'Groq does not accept logit_bias.',
      },
    },
  }),
  xai: vendor({ type: 'xai', envPrefix: 'XAI', defaultBaseUrl: 'https://api.x.ai/v1' }),
  openrouter: vendor({ type: 'openrouter', envPrefix: 'OPENROUTER', defaultBaseUrl: 'https://openrouter.ai/api/v1' }),
  together: vendor({ type: 'together', envPrefix: 'TOGETHER', defaultBaseUrl: 'https://api.together.xyz/v1' }),
  fireworks: vendor({
    type: 'fireworks',
    envPrefix: 'FIREWORKS',
    defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
  }),
  moonshot: vendor({ type: 'moonshot', envPrefix: 'MOONSHOT', defaultBaseUrl: 'https://api.moonshot.ai/v1' }),
  dashscope: vendor({
    type: 'dashscope',
    envPrefix: 'DASHSCOPE',
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    quirks: { disableThinkingWhenNotStreaming: true },
  }),
  zhipu: vendor({
    type: 'zhipu',
    envPrefix: 'ZHIPU',
    defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    quirks: {
      supportsN: false,
      stripMessageNames: true,
      toolChoice: 'auto-only',
      responseFormat: 'json_object-only',
      maxCompletionTokensToMaxTokens: true,
      streamUsage: 'always',
      rejected: {
        presence_penalty: 'Zhipu GLM does not accept presence_penalty.',
        frequency_penalty: 'Zhipu GLM does not accept frequency_penalty.',
        logit_bias: 'Zhipu GLM does not accept logit_bias.',
      },
    },
  }),
  ollama: vendor({
    type: 'ollama',
    envPrefix: 'OLLAMA',
    defaultBaseUrl: 'http://localhost:11434/v1',
    auth: 'none',
    keyless: true,
  }),
  'openai-compatible': vendor({ type: 'openai-compatible', keyless: true }),
};

export function vendorProfile(type: string): VendorProfile | undefined {
  return Object.hasOwn(VENDORS, type) ? VENDORS[type] : undefined;
}

/** Whether a provider type answers exactly as OpenAI does (its answers and streams may be sent on as they came). */
export function isConformantVendor(type: string | undefined): boolean {
  return type !== undefined && vendorProfile(type)?.quirks.conformant === true;
}

/** Vendors configured from the environment, in a stable order. */
export const ENV_VENDORS: readonly VendorProfile[] = Object.values(VENDORS).filter((profile) => profile.envPrefix !== null);
