import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../config/load-config.js';
import { GatewayError } from '../core/errors.js';
import { ModelResolver } from './resolve-model.js';

function resolverWith(env: Record<string, string>, yaml?: string) {
  let configPath: string | undefined;
  if (yaml !== undefined) {
    configPath = join(mkdtempSync(join(tmpdir(), 'sy-')), 'config.yaml');
    writeFileSync(configPath, yaml);
  }
  return new ModelResolver(loadConfig({ env, configPath }));
}

const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof GatewayError) return [error.status, error.code, error.message] as const;
    throw error;
  }
  return null;
};

test('1. a config entry wins over everything, with its targets, weights and fallbacks', () => {
  const resolver = resolverWith(
    { OPENAI_API_KEY: 'k', AZURE_KEY: 'a' },
    `providers:
  azure-east: { type: azure, base_url: https://east.openai.azure.com, api_key: \${AZURE_KEY}, api_version: "2024-10-21" }
models:
  - name: gpt-4o
    targets:
      - { provider: openai, model: gpt-4o, weight: 3 }
      - { provider: azure-east, model: gpt-4o-prod }
    fallbacks: [gpt-4o-mini]
`,
  );
  const model = resolver.resolve('gpt-4o');
  assert.deepEqual(model.deployments.map((d) => [d.provider.name, d.model, d.weight]), [
    ['openai', 'gpt-4o', 3],
    ['azure-east', 'gpt-4o-prod', 1],
  ]);
  assert.deepEqual(model.fallbacks, ['gpt-4o-mini']);
  assert.equal(model.deployments[1]?.provider.apiKey, 'a', '${VAR} expanded');
});

test('2. provider/model goes as-is to a configured provider, even with slashes in the model', () => {
  const resolver = resolverWith({ OPENROUTER_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' });
  const model = resolver.resolve('openrouter/meta-llama/llama-3.3-70b-instruct');
  assert.equal(model.deployments[0]?.provider.name, 'openrouter');
  assert.equal(model.deployments[0]?.model, 'meta-llama/llama-3.3-70b-instruct');
  assert.equal(resolver.resolve('anthropic/claude-sonnet-4-5').deployments[0]?.model, 'claude-sonnet-4-5');
});

test('3. catalog names map to provider ids', () => {
  const resolver = resolverWith({ ANTHROPIC_API_KEY: 'k', DEEPSEEK_API_KEY: 'k', ARK_API_KEY: 'k', GEMINI_API_KEY: 'k' });
  assert.equal(resolver.resolve('claude-4-5-sonnet').deployments[0]?.model, 'claude-sonnet-4-5');
  assert.equal(resolver.resolve('claude-4-5-haiku').deployments[0]?.model, 'claude-haiku-4-5');
  assert.equal(resolver.resolve('deepseek-v3.2').deployments[0]?.model, 'deepseek-chat');
  assert.equal(resolver.resolve('doubao-pro').deployments[0]?.provider.name, 'ark');
  assert.equal(resolver.resolve('gemini-3-pro-preview').deployments[0]?.provider.name, 'gemini');
});

test('4. family prefixes send unknown ids as-is', () => {
  const resolver = resolverWith({ OPENAI_API_KEY: 'k', MISTRAL_API_KEY: 'k', XAI_API_KEY: 'k' });
  assert.equal(resolver.resolve('gpt-4.5-preview').deployments[0]?.model, 'gpt-4.5-preview');
  assert.equal(resolver.resolve('o3-pro').deployments[0]?.provider.name, 'openai');
  assert.equal(resolver.resolve('magistral-small-2509').deployments[0]?.provider.name, 'mistral');
  assert.equal(resolver.resolve('grok-code-fast-1').deployments[0]?.provider.name, 'xai');
});

test('5. unknown is 404; a known but unconfigured provider is 503 naming the variable', () => {
  const resolver = resolverWith({});
  assert.deepEqual(errorCode(() => resolver.resolve('mystery'))?.slice(0, 2), [404, 'model_not_found']);
  const [status, code, message] = errorCode(() => resolver.resolve('claude-4-5-sonnet')) ?? [];
  assert.equal(status, 503);
  assert.equal(code, 'provider_not_configured');
  assert.match(message ?? '', /ANTHROPIC_API_KEY/);
  assert.match(errorCode(() => resolver.resolve('groq/llama'))?.[2] ?? '', /GROQ_API_KEY/);
  assert.match(errorCode(() => resolver.resolve('llama3.2'))?.[1] ?? '', /model_not_found/);
});

test('servable lists config entries and catalog models of configured providers only', () => {
  const names = resolverWith({ DEEPSEEK_API_KEY: 'k' }).servable();
  assert.ok(names.includes('deepseek-v3.2'));
  assert.ok(!names.includes('gpt-4o'));
});
