import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { GatewayError } from '../../core/errors.js';
import { SseDecoder } from '../../stream/sse-decoder.js';
import { createConformantStreamPassthrough, ERROR_FOUND, FINISH_KEY, scanEvent, USAGE_FOUND } from './stream-passthrough.js';

/** The recorded OpenAI stream (gpt-4.1-nano, asked with include_usage), framed as OpenAI frames it. */
const recorded = readFileSync(new URL('../../../test/fixtures/openai/openai-text.chunks.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
const wire = (lines: string[], end = 'data: [DONE]\n\n', separator = '\n\n') => lines.map((line) => `data: ${line}${separator}`).join('') + end;

/** Feeds `bytes` in pieces of `size` bytes (every split point once when size is 1): what the client gets. */
function run(bytes: string, options: { includeUsage?: boolean; size?: number } = {}) {
  const passthrough = createConformantStreamPassthrough({ includeUsage: options.includeUsage ?? false });
  const input = Buffer.from(bytes);
  const size = options.size ?? input.length;
  const out: Uint8Array[] = [];
  for (let start = 0; start < input.length; start += size) out.push(passthrough.push(input.subarray(start, start + size)));
  out.push(passthrough.end());
  return { text: Buffer.concat(out).toString('utf8'), passthrough };
}

const dataOf = (text: string): string[] => {
  const decoder = new SseDecoder();
  return [...decoder.push(Buffer.from(text)), ...decoder.end()].map((event) => event.data);
};

test('asked for usage, the client gets the upstream bytes exactly, however the reads split them', () => {
  const bytes = wire(recorded);
  for (const size of [1, 7, 64, 1000, bytes.length]) {
    const { text, passthrough } = run(bytes, { includeUsage: true, size });
    assert.equal(text, bytes, `reads of ${size} bytes`);
    assert.equal(passthrough.usage()?.prompt_tokens, 16);
    assert.equal(passthrough.usage()?.completion_tokens, 300);
    assert.equal(passthrough.done, true);
  }
});

test('not asked for usage, only the trailing usage chunk is held back; usage is still read for metering', () => {
  const usageLine = recorded.find((line) => line.includes('"choices":[]'));
  assert.ok(usageLine !== undefined, 'the recording ends with a usage chunk');
  for (const size of [1, 13, Number.MAX_SAFE_INTEGER]) {
    const { text, passthrough } = run(wire(recorded), { size });
    assert.equal(text, wire(recorded.filter((line) => line !== usageLine)), `reads of ${size} bytes`);
    assert.equal(passthrough.usage()?.total_tokens, 316);
  }
});

test('usage riding on a chunk with choices leaves with the chunk, without the usage, when not asked for', () => {
  const finish = '{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}';
  const { text, passthrough } = run(wire([finish]));
  const [chunk, done] = dataOf(text);
  const { usage: _dropped, ...withoutUsage } = JSON.parse(finish) as Record<string, unknown>;
  assert.deepEqual(JSON.parse(chunk ?? ''), withoutUsage);
  assert.equal(done, '[DONE]');
  assert.equal(passthrough.usage()?.completion_tokens, 2);
});

test('an error event in the stream is the GatewayError it maps to; the bytes before it were already sent', () => {
  const passthrough = createConformantStreamPassthrough({ includeUsage: false });
  const first = passthrough.push(Buffer.from(wire(recorded.slice(0, 2), '')));
  assert.ok(Buffer.from(first).toString().startsWith('data: {"id":"chatcmpl-'));
  assert.throws(
    () => passthrough.push(Buffer.from('data: {"error":{"message":"Overloaded","type":"server_error","code":"overloaded"}}\n\n')),
    (error: unknown) => error instanceof GatewayError && /Overloaded/.test(error.message),
  );
  assert.throws(() => createConformantStreamPassthrough({ includeUsage: true }).push(Buffer.from('data: {"usage":{oops\n\n')), /not valid JSON/);
});

test('a stream cut before its finish is an error; one that finished without [DONE] gets the marker', () => {
  const finishAt = recorded.findIndex((line) => line.includes('"finish_reason":"stop"'));
  assert.throws(() => run(wire(recorded.slice(0, 3), '')), /before the answer was complete/);
  assert.throws(() => run(''), /before sending an answer/);
  const { text } = run(wire(recorded.slice(0, finishAt + 1), ''));
  assert.ok(text.endsWith('"finish_reason":"stop"}],"usage":null,"obfuscation":"' + (JSON.parse(recorded[finishAt] ?? '{}') as { obfuscation: string }).obfuscation + '"}\n\ndata: [DONE]\n\n'));
});

test('a last event without its blank line is still sent at the end', () => {
  const { text } = run(wire(recorded, 'data: [DONE]'), { includeUsage: true });
  assert.deepEqual(dataOf(text), [...recorded, '[DONE]']);
});

test('CRLF line ends, several data lines and comments are decoded and framed again, with the same events', () => {
  const { text } = run(wire(recorded, 'data: [DONE]\r\n\r\n', '\r\n\r\n'), { includeUsage: true, size: 5 });
  assert.deepEqual(dataOf(text), [...recorded, '[DONE]']);
  const odd = run(`: keep-alive\n\ndata: {"id":"c","choices":[{"index":0,\ndata: "delta":{"content":"hi"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`);
  assert.deepEqual(dataOf(odd.text), ['{"id":"c","choices":[{"index":0,\n"delta":{"content":"hi"},"finish_reason":"stop"}]}', '[DONE]']);
});

test('text length is counted from the content strings as written, for usage estimates of broken streams', () => {
  const passthrough = createConformantStreamPassthrough({ includeUsage: false });
  passthrough.push(Buffer.from('data: {"choices":[{"index":0,"delta":{"content":"ab\\"c"},"finish_reason":null}]}\n\ndata: {"choices":[{"index":0,"delta":{"content":"é"},"finish_reason":null}]}\n\n'));
  assert.equal(passthrough.textLength, 5 + 2, 'ab\\"c as written, é as its two UTF-8 bytes');
  assert.equal(passthrough.events, 2);
});

test('whatever follows [DONE] is not sent', () => {
  const { text } = run(`${wire(recorded)}data: {"late":true}\n\n`, { includeUsage: true });
  assert.equal(text, wire(recorded));
});

/** The searches the one-pass scan replaced, as they were: one indexOf per needle. */
function searched(payload: Buffer): { keys: number; contentLength: number } {
  const has = (needle: string) => payload.indexOf(Buffer.from(needle)) !== -1;
  const keys = (has('"finish_reason":"') ? FINISH_KEY : 0) | (has('"error"') ? ERROR_FOUND : 0) | (has('"usage":{') ? USAGE_FOUND : 0);
  const content = Buffer.from('"content":"');
  const open = payload.indexOf(content);
  let contentLength = 0;
  if (open !== -1) {
    const start = open + content.length;
    for (let quote = payload.indexOf(34, start); quote !== -1; quote = payload.indexOf(34, quote + 1)) {
      let slashes = 0;
      while (payload[quote - 1 - slashes] === 92) slashes++;
      if (slashes % 2 === 0) {
        contentLength = quote - start;
        break;
      }
    }
  }
  return { keys, contentLength };
}

test('the one-pass event scan finds what a search per needle found, on recorded chunks and on tricky ones', () => {
  const fixtures = readdirSync(new URL('../../../test/fixtures/openai/', import.meta.url)).filter((name) => name.endsWith('.chunks.txt'));
  const payloads = fixtures.flatMap((name) =>
    readFileSync(new URL(`../../../test/fixtures/openai/${name}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
  assert.ok(payloads.length > 20, 'recorded chunks to compare');
  const tricky = [
    '{"choices":[{"delta":{"content":"say \\"error\\" and \\"usage\\":{ and \\"finish_reason\\":\\"x\\""},"finish_reason":null}]}',
    '{"choices":[{"delta":{"content":"ends in a backslash \\\\"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1}}',
    '{"choices":[{"delta":{"content":""},"finish_reason":null}],"usage":null}',
    '{"error":{"message":"Overloaded","type":"server_error"}}',
    '{"choices":[{"delta":{"content":"unterminated',
    '{"choices":[{"delta":{"role":"assistant","content":null}}]}',
    '{"type":"error","content":"x","content":"second"}',
    '"',
    '',
    '{"choices":[{"delta":{"content":"émoji ✨ \\u00e9"},"finish_reason":"length"}]}',
  ];
  for (const text of [...payloads, ...tricky]) {
    const payload = Buffer.from(text);
    assert.deepEqual(scanEvent(payload), searched(payload), text);
  }
});
