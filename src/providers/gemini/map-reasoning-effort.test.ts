import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeGeminiModel } from './describe-gemini-model.js';
import { mapReasoningEffort, type ReasoningEffort } from './map-reasoning-effort.js';

const EFFORTS: ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
const table = (model: string) => EFFORTS.map((effort) => mapReasoningEffort(effort, describeGeminiModel(model)));

test('no reasoning_effort → no thinkingConfig (the model default)', () => {
  assert.equal(mapReasoningEffort(undefined, describeGeminiModel('gemini-3-pro-preview')), undefined);
  assert.equal(mapReasoningEffort(null, describeGeminiModel('gemini-2.5-flash')), undefined);
});

test('Gemini 3 → thinkingLevel; none is the lowest level (thinking cannot be turned off); 3.0 Pro has only LOW and HIGH', () => {
  const level = (thinkingLevel: string, includeThoughts = true) => ({ thinkingLevel, includeThoughts });
  assert.deepEqual(table('gemini-3-flash-preview'), [level('MINIMAL', false), level('MINIMAL'), level('LOW'), level('MEDIUM'), level('HIGH'), level('HIGH'), level('HIGH')]);
  assert.deepEqual(table('gemini-3-pro-preview'), [level('LOW', false), level('LOW'), level('LOW'), level('HIGH'), level('HIGH'), level('HIGH'), level('HIGH')]);
  assert.deepEqual(mapReasoningEffort('medium', describeGeminiModel('gemini-3.1-pro-preview')), level('MEDIUM'));
});

test('Gemini 2.5 → thinkingBudget; Pro cannot go to 0, Flash-Lite has a 512 minimum', () => {
  const budget = (thinkingBudget: number, includeThoughts = true) => ({ thinkingBudget, includeThoughts });
  assert.deepEqual(table('gemini-2.5-flash'), [budget(0, false), budget(128), budget(1024), budget(8192), budget(24576), budget(24576), budget(24576)]);
  assert.deepEqual(table('gemini-2.5-pro'), [budget(128, false), budget(128), budget(1024), budget(8192), budget(24576), budget(32768), budget(32768)]);
  assert.deepEqual(table('gemini-2.5-flash-lite').slice(0, 2), [budget(0, false), budget(512)]);
  assert.deepEqual(mapReasoningEffort('low', describeGeminiModel('gemini-flash-latest')), budget(1024), 'aliases use the budget both 2.5 and 3 understand');
});

test('models that do not think get no thinkingConfig, whatever the effort (they cannot reason any harder)', () => {
  for (const model of ['gemini-2.0-flash', 'gemini-1.5-pro', 'gemma-3-27b-it']) {
    assert.deepEqual(table(model), EFFORTS.map(() => undefined), model);
  }
});

test('output limits: 65,536 for Gemini 2.5 and 3, 8,192 for 1.5 and 2.0, unknown for aliases and Gemma', () => {
  const limits = ['gemini-2.5-pro', 'gemini-2.5-flash-lite', 'models/gemini-3-pro-preview', 'gemini-2.0-flash', 'gemini-2.0-flash-thinking-exp-01-21', 'gemini-1.5-pro', 'gemini-flash-latest', 'gemma-3-27b-it', 'gemini-4-pro'];
  assert.deepEqual(limits.map((model) => describeGeminiModel(model).maxOutputTokens), [65_536, 65_536, 65_536, 8_192, 65_536, 8_192, null, null, null]);
});

test('model traits: versions, Gemma, signature and JSON Schema support', () => {
  const traits = (model: string) => {
    const { version, gemma, requiresThoughtSignatures, jsonSchema, systemInstruction, thinking } = describeGeminiModel(model);
    return { version, gemma, requiresThoughtSignatures, jsonSchema, systemInstruction, thinking };
  };
  assert.deepEqual(traits('models/gemini-3-pro-preview'), { version: 3, gemma: false, requiresThoughtSignatures: true, jsonSchema: true, systemInstruction: true, thinking: 'level' });
  assert.deepEqual(traits('gemini-2.5-flash'), { version: 2.5, gemma: false, requiresThoughtSignatures: false, jsonSchema: true, systemInstruction: true, thinking: 'budget' });
  assert.deepEqual(traits('gemini-2.0-flash'), { version: 2, gemma: false, requiresThoughtSignatures: false, jsonSchema: false, systemInstruction: true, thinking: 'none' });
  assert.deepEqual(traits('gemma-3-27b-it'), { version: null, gemma: true, requiresThoughtSignatures: false, jsonSchema: false, systemInstruction: false, thinking: 'none' });
});
