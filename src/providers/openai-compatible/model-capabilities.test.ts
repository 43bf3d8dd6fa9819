import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openAICompatibleModelCapabilities } from './model-capabilities.js';

test('known models, dated snapshots included; everything else is unknown', () => {
  const table: Array<[string, number | null, boolean | null]> = [
    // id, max output, reasons
    ['gpt-4o', 16_384, false],
    ['gpt-4o-2024-08-06', 16_384, false],
    ['gpt-4o-2024-05-13', 4_096, false],
    ['gpt-4o-mini-2024-07-18', 16_384, false],
    ['gpt-4.1', 32_768, false],
    ['gpt-4.1-nano-2025-04-14', 32_768, false],
    ['gpt-5', 128_000, true],
    ['gpt-5-mini-2025-08-07', 128_000, true],
    ['gpt-5-codex', 128_000, true],
    ['gpt-5.1-codex-max', 128_000, true],
    ['o3', 100_000, true],
    ['o4-mini-2025-04-16', 100_000, true],
    ['deepseek-chat', 8_192, false],
    ['deepseek-reasoner', 65_536, true],
    // Not placed: another limit, another vendor's naming, or a model we know nothing about.
    ['gpt-5-chat-latest', null, null],
    ['gpt-5-pro', null, null],
    ['gpt-4o-audio-preview', null, null],
    ['openai/gpt-4o', null, null],
    ['doubao-seed-1-6-250615', null, null],
    ['mistral-large-latest', null, null],
    ['llama-3.3-70b-versatile', null, null],
  ];
  for (const [id, max, reasons] of table) {
    const capabilities = openAICompatibleModelCapabilities(id);
    assert.deepEqual([capabilities.maxOutputTokens, capabilities.reasons], [max, reasons], id);
  }
  assert.deepEqual(openAICompatibleModelCapabilities('deepseek-chat').thinkingMode, { maxOutputTokens: 65_536 });
});
