import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { createChunkEncoder, encodeChunk } from './sse-encoder.js';

const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], id = 'chatcmpl-1', finish: 'stop' | null = null): ChatCompletionChunk => ({
  id,
  object: 'chat.completion.chunk',
  created: 1_770_000_000,
  model: 'claude "sonnet"',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

test('a stream encoder writes exactly what encodeChunk writes, plain content deltas or not', () => {
  const encode = createChunkEncoder();
  const chunks: ChatCompletionChunk[] = [
    chunk({ role: 'assistant', content: '' }),
    chunk({ content: 'Hello, "world"\n\u2028é' }),
    chunk({ content: '' }),
    chunk({ reasoning_content: 'hmm' }),
    chunk({ content: 'again' }),
    chunk({ content: 'other stream' }, 'chatcmpl-2'),
    chunk({}, 'chatcmpl-2', 'stop'),
    { ...chunk({}), choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    { ...chunk({ content: 'with a fingerprint' }), system_fingerprint: 'fp_1' },
  ];
  assert.equal(encode(chunks), chunks.map(encodeChunk).join(''));
  for (const one of chunks) assert.equal(encode([one]), encodeChunk(one));
});
