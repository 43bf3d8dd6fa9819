import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageSchema, type ChatMessage } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

const messages = (list: unknown[]): ChatMessage[] => list.map((message) => messageSchema.parse(message));
const convert = (list: unknown[]) => convertToAnthropicMessages(messages(list));
const text = (value: string) => ({ type: 'text', text: value });

test('system and developer messages, wherever they are, become the top-level system', () => {
  const prompt = convert([
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'developer', content: [text('Use metric units.'), text(' ')] },
    { role: 'user', content: 'Weather?' },
  ]);
  assert.deepEqual(prompt.system, [text('Be brief.'), text('Use metric units.')]);
  // The two user turns are now adjacent and merge.
  assert.deepEqual(prompt.messages, [{ role: 'user', content: [text('Hi'), text('Weather?')] }]);
});

test('multi-turn: alternating turns kept, consecutive same-role turns merged', () => {
  const prompt = convert([
    { role: 'user', content: 'One' },
    { role: 'user', content: [text('Two')] },
    { role: 'assistant', content: 'A' },
    { role: 'assistant', content: [text('B')] },
    { role: 'user', content: 'Three' },
  ]);
  assert.deepEqual(prompt.messages, [
    { role: 'user', content: [text('One'), text('Two')] },
    { role: 'assistant', content: [text('A'), text('B')] },
    { role: 'user', content: [text('Three')] },
  ]);
});

test('empty and whitespace-only text is dropped, and a turn left empty disappears', () => {
  const prompt = convert([
    { role: 'user', content: 'Question' },
    { role: 'assistant', content: '' },
    { role: 'user', content: '  \n' },
    { role: 'user', content: [text(''), text('Again')] },
  ]);
  assert.deepEqual(prompt.messages, [{ role: 'user', content: [text('Question'), text('Again')] }]);
});

test('tool conversation: tool_use from tool_calls, consecutive tool results merged into one user turn, results first', () => {
  const prompt = convert([
    { role: 'user', content: 'Paris and Berlin?' },
    {
      role: 'assistant',
      content: 'Checking.',
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        { id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '' } },
      ],
    },
    { role: 'tool', tool_call_id: 'toolu_1', content: '18C' },
    { role: 'user', content: 'Also, hurry.' },
    { role: 'tool', tool_call_id: 'toolu_2', content: [text('10:00'), text('UTC')] },
    { role: 'tool', tool_call_id: 'toolu_3', content: '' },
  ]);
  assert.deepEqual(prompt.messages, [
    { role: 'user', content: [text('Paris and Berlin?')] },
    {
      role: 'assistant',
      content: [
        text('Checking.'),
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: [text('10:00'), text('UTC')] },
        { type: 'tool_result', tool_use_id: 'toolu_3' },
        text('Also, hurry.'),
      ],
    },
  ]);
});

test('a final assistant prefill loses its trailing whitespace; earlier assistant text is untouched', () => {
  const prompt = convert([
    { role: 'user', content: 'Count' },
    { role: 'assistant', content: 'One,  ' },
    { role: 'user', content: 'Go on' },
    { role: 'assistant', content: [text('Two, \n')] },
  ]);
  assert.deepEqual(prompt.messages.at(1), { role: 'assistant', content: [text('One,  ')] });
  assert.deepEqual(prompt.messages.at(-1), { role: 'assistant', content: [text('Two,')] });
});

test('assistant refusals are replayed as text', () => {
  const prompt = convert([
    { role: 'user', content: 'Do it' },
    { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
    { role: 'user', content: 'Ok' },
  ]);
  assert.deepEqual(prompt.messages[1], { role: 'assistant', content: [text('I cannot help with that.')] });
});

test('tool call arguments that are not a JSON object are a 400 naming the field', () => {
  for (const args of ['{"city":', '[1,2]']) {
    assert.throws(
      () =>
        convert([
          { role: 'user', content: 'x' },
          { role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: args } }] },
        ]),
      (error: unknown) => error instanceof GatewayError && error.param === 'messages[1].tool_calls[0].function.arguments',
    );
  }
});

test('legacy function messages are refused', () => {
  assert.throws(
    () => convert([{ role: 'function', name: 'f', content: 'x' }]),
    (error: unknown) => error instanceof GatewayError && error.code === 'unsupported_parameter',
  );
});

test('tool-call ids from other providers outside ^[a-zA-Z0-9_-]+$ are mapped the same on tool_use and tool_result; conforming ids pass', () => {
  const geminiId = `call_Xy9AbCdEfGhIjKlMnOpQrStU__thought__${'Eqo-Cqc-Ab4_9vtg'.repeat(300)}`;
  const prompt = convert([
    { role: 'user', content: 'Weather?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'functions.weather:0', type: 'function', function: { name: 'weather', arguments: '{}' } },
        { id: geminiId, type: 'function', function: { name: 'weather', arguments: '{}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'functions.weather:0', content: '18C' },
    { role: 'tool', tool_call_id: geminiId, content: '25C' },
  ]);
  const uses = prompt.messages[1]?.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : [])) ?? [];
  const results = prompt.messages[2]?.content.flatMap((block) => (block.type === 'tool_result' ? [block.tool_use_id] : [])) ?? [];
  assert.match(uses[0] ?? '', /^toolu_[A-Za-z0-9_-]{24}$/);
  assert.equal(uses[1], geminiId, 'a Gemini id carrying its signature already conforms');
  assert.deepEqual(results, uses);
});
