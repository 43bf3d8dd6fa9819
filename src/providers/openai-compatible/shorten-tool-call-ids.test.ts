import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatRequestSchema } from '../../core/chat-request.js';
import { MAX_TOOL_CALL_ID_LENGTH, shortenToolCallId, shortenToolCallIds } from './shorten-tool-call-ids.js';

const geminiId = `call_Xy9AbCdEfGhIjKlMnOpQrStU__thought__${'Eqo-Cqc-Ab4_9vtg'.repeat(300)}`;

test('ids up to 40 characters are kept; longer ones become call_ + 24 characters, the same every time', () => {
  const forty = 'a'.repeat(MAX_TOOL_CALL_ID_LENGTH);
  assert.equal(shortenToolCallId(forty), forty);
  assert.equal(shortenToolCallId('call_abc'), 'call_abc');
  const short = shortenToolCallId(geminiId);
  assert.match(short, /^call_[A-Za-z0-9_-]{24}$/);
  assert.equal(shortenToolCallId(geminiId), short);
  assert.notEqual(shortenToolCallId(`${forty}b`), shortenToolCallId(`${forty}c`));
});

test('an assistant tool call and the tool message answering it are shortened to the same id; short ids and other messages are untouched', () => {
  const { messages } = chatRequestSchema.parse({
    messages: [
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: geminiId, type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: geminiId, content: '18C' },
      { role: 'tool', tool_call_id: 'call_2', content: '25C' },
    ],
  });
  const shortened = shortenToolCallIds(messages);
  const assistant = shortened[1];
  assert.ok(assistant?.role === 'assistant');
  const [first, second] = assistant.tool_calls ?? [];
  assert.equal(first?.id, shortenToolCallId(geminiId));
  assert.equal(second?.id, 'call_2');
  assert.deepEqual(first?.function, { name: 'weather', arguments: '{"city":"Paris"}' });
  assert.deepEqual(shortened[2], { role: 'tool', tool_call_id: first?.id, content: '18C' });
  assert.equal(shortened[3], messages[3], 'a message with a short id is the same object');
  assert.equal(shortened[0], messages[0]);
  assert.equal(messages[2]?.role === 'tool' ? messages[2].tool_call_id : '', geminiId, 'the input is not modified');
});
