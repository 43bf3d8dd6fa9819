import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatRequestSchema, type ChatMessage } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { describeGeminiModel } from './describe-gemini-model.js';

const flash = describeGeminiModel('gemini-2.5-flash');
const messages = (list: unknown[]): ChatMessage[] => chatRequestSchema.parse({ messages: list }).messages;
const convert = (list: unknown[], model = flash) => convertToGeminiContents(messages(list), model);

function rejects(list: unknown[], param: string, message: RegExp): void {
  assert.throws(
    () => convert(list),
    (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === param && message.test(error.message),
  );
}

const call = (id: string, name: string, args: object = {}) => ({ id, type: 'function', function: { name, arguments: JSON.stringify(args) } });

test('system and developer messages (anywhere) → systemInstruction parts; user/model roles alternate', () => {
  assert.deepEqual(
    convert([
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }, { type: 'text', text: '' }] },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Bonjour' },
      { role: 'system', content: 'Stay polite.' },
      { role: 'user', content: 'Ça va ?' },
    ]),
    {
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }, { text: 'Stay polite.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Bonjour' }] },
        { role: 'user', parts: [{ text: 'Ça va ?' }] },
      ],
    },
  );
});

test('consecutive same-role turns are merged; empty messages are skipped', () => {
  assert.deepEqual(
    convert([
      { role: 'user', content: 'one' },
      { role: 'user', content: '' },
      { role: 'user', content: [{ type: 'text', text: 'two' }] },
      { role: 'assistant', content: '' },
      { role: 'assistant', content: null, refusal: null },
      { role: 'assistant', content: [{ type: 'text', text: 'three' }, { type: 'refusal', refusal: ' (no)' }] },
      { role: 'assistant', content: 'four' },
    ]).contents,
    [
      { role: 'user', parts: [{ text: 'one' }, { text: 'two' }] },
      { role: 'model', parts: [{ text: 'three (no)' }, { text: 'four' }] },
    ],
  );
});

test('a request with only system text is sent as the user turn; nothing at all is a 400', () => {
  assert.deepEqual(convert([{ role: 'system', content: 'Say hi.' }]), { contents: [{ role: 'user', parts: [{ text: 'Say hi.' }] }] });
  rejects([{ role: 'user', content: '' }], 'messages', /no text, media or tool results/);
});

test('Gemma has no system instruction: the system text leads the first user turn', () => {
  assert.deepEqual(convert([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], describeGeminiModel('gemma-3-27b-it')), {
    contents: [{ role: 'user', parts: [{ text: 'Be brief.' }, { text: 'Hi' }] }],
  });
});

test('tool round trip: names recovered by tool_call_id, responses in call order, one per call, objects passed, text wrapped', () => {
  const result = convert([
    { role: 'user', content: 'Weather in Paris and Tokyo?' },
    { role: 'assistant', content: 'Checking.', tool_calls: [call('call_a', 'get_weather', { city: 'Paris' }), call('call_b', 'get_time', { city: 'Tokyo' })] },
    { role: 'tool', tool_call_id: 'call_b', content: '{"time":"09:00"}' },
    { role: 'tool', tool_call_id: 'call_a', content: [{ type: 'text', text: '18C, ' }, { type: 'text', text: 'sunny' }] },
    { role: 'user', content: 'Thanks!' },
  ]);
  assert.deepEqual(result.contents, [
    { role: 'user', parts: [{ text: 'Weather in Paris and Tokyo?' }] },
    {
      role: 'model',
      parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_time', args: { city: 'Tokyo' } } }],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { content: '18C, sunny' } } },
        { functionResponse: { name: 'get_time', response: { time: '09:00' } } },
        { text: 'Thanks!' },
      ],
    },
  ]);
});

test('JSON that is not an object (array, number, string) is wrapped too; empty arguments are {}', () => {
  const result = convert([
    { role: 'user', content: 'go' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'list', arguments: '' } }, call('y', 'count'), call('z', 'say')] },
    { role: 'tool', tool_call_id: 'x', content: '[1,2]' },
    { role: 'tool', tool_call_id: 'y', content: '42' },
    { role: 'tool', tool_call_id: 'z', content: '' },
  ]);
  assert.deepEqual(result.contents[1]?.parts[0], { functionCall: { name: 'list', args: {} } });
  assert.deepEqual(result.contents[2]?.parts, [
    { functionResponse: { name: 'list', response: { content: '[1,2]' } } },
    { functionResponse: { name: 'count', response: { content: '42' } } },
    { functionResponse: { name: 'say', response: { content: '' } } },
  ]);
});

test('a missing tool result, an unknown or misplaced tool_call_id, or a double answer is a 400 before Gemini sees it', () => {
  const ask = { role: 'user', content: 'go' };
  const twoCalls = { role: 'assistant', content: null, tool_calls: [call('a', 'f'), call('b', 'g')] };
  rejects([ask, twoCalls, { role: 'tool', tool_call_id: 'a', content: 'ok' }], 'messages[1].tool_calls', /Missing responses for: b/);
  rejects([ask, twoCalls, { role: 'tool', tool_call_id: 'a', content: 'ok' }, { role: 'user', content: 'and?' }], 'messages[1].tool_calls', /Missing responses for: b/);
  rejects([ask, { role: 'tool', tool_call_id: 'nope', content: 'ok' }], 'messages[1].tool_call_id', /No earlier assistant message made a tool call with id `nope`/);
  rejects(
    [ask, twoCalls, { role: 'tool', tool_call_id: 'a', content: '1' }, { role: 'tool', tool_call_id: 'b', content: '2' }, { role: 'user', content: 'more' }, { role: 'tool', tool_call_id: 'a', content: 'late' }],
    'messages[5].tool_call_id',
    /must directly follow the assistant message/,
  );
  rejects([ask, twoCalls, { role: 'tool', tool_call_id: 'a', content: '1' }, { role: 'tool', tool_call_id: 'a', content: '1' }], 'messages[3].tool_call_id', /answered twice/);
  rejects([ask, { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '[1]' } }] }, { role: 'tool', tool_call_id: 'a', content: '' }], 'messages[1].tool_calls[0].function.arguments', /JSON object/);
  rejects([ask, { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{oops' } }] }, { role: 'tool', tool_call_id: 'a', content: '' }], 'messages[1].tool_calls[0].function.arguments', /not valid JSON/);
});

test('legacy function_call / function messages → functionCall / functionResponse by name', () => {
  const result = convert([
    { role: 'user', content: 'look it up' },
    { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"id":7}' } },
    { role: 'function', name: 'lookup', content: 'found' },
  ]);
  assert.deepEqual(result.contents.slice(1), [
    { role: 'model', parts: [{ functionCall: { name: 'lookup', args: { id: 7 } } }] },
    { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { content: 'found' } } }] },
  ]);
});

test('media: an http URL left in place, another scheme, a file id, or bare base64 without a known extension is a 400', () => {
  const user = (part: object) => [{ role: 'user', content: [part] }];
  rejects(user({ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }), 'messages[0].content[0].image_url.url', /was not downloaded by the gateway/);
  rejects(user({ type: 'image_url', image_url: { url: 'gs://bucket/cat.png' } }), 'messages[0].content[0].image_url.url', /must be a data: URL/);
  assert.throws(() => convert(user({ type: 'file', file: { file_id: 'file-abc' } })), (error: unknown) => error instanceof GatewayError && error.code === 'unsupported_parameter' && error.param === 'messages[0].content[0].file.file_id');
  rejects(user({ type: 'file', file: { file_data: 'JVBERi0x', filename: 'notes.xyz' } }), 'messages[0].content[0].file.file_data', /known extension/);
  assert.deepEqual(convert(user({ type: 'file', file: { file_data: 'JVBERi0x', filename: 'notes.PDF' } })).contents[0]?.parts, [{ inlineData: { mimeType: 'application/pdf', data: 'JVBERi0x' } }]);
  assert.deepEqual(convert(user({ type: 'image_url', image_url: { url: 'data:image/svg+xml,%3Csvg%2F%3E' } })).contents[0]?.parts, [
    { inlineData: { mimeType: 'image/svg+xml', data: Buffer.from('<svg/>').toString('base64') } },
  ]);
});
