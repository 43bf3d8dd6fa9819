/**
 * The answers every adapter must bring back unchanged, whatever wire they travel on. Usage is in
 * OpenAI semantics (prompt includes cached reads, completion includes reasoning); each wire writer
 * renders it in its provider's own accounting.
 */
import type { CannedAnswer } from '../fakes/canned-answer.js';

export const scenarios: Readonly<Record<string, CannedAnswer>> = {
  'plain text': { text: 'Bonjour — ça va? 你好 👋 Plain text, several deltas.', finish: 'stop', usage: { prompt: 12, completion: 14 } },
  'text and reasoning': {
    reasoning: 'The user greets me in French; answer briefly and kindly.',
    text: 'Salut ! Tout va bien.',
    finish: 'stop',
    usage: { prompt: 20, completion: 40, reasoning: 28 },
  },
  'single tool call': {
    toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
    finish: 'tool_calls',
    usage: { prompt: 60, completion: 18 },
  },
  'parallel tool calls': {
    text: 'Let me check both.',
    toolCalls: [
      { name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] }, id: 'call_paris_weather' },
      { name: 'get_time', arguments: { zone: 'Europe/Paris', options: { format: '24h', quoted: 'say "hi"' } } },
    ],
    finish: 'tool_calls',
    usage: { prompt: 80, completion: 42 },
  },
  'no-argument tool': { toolCalls: [{ name: 'current_time', arguments: {} }], finish: 'tool_calls', usage: { prompt: 30, completion: 5 } },
  'length finish': { text: 'Once upon a time there was a gateway that', finish: 'length', usage: { prompt: 5, completion: 9 } },
  'content filter': { finish: 'content_filter', usage: { prompt: 15, completion: 0 } },
  'cached-token usage': { text: 'Cached answer.', finish: 'stop', usage: { prompt: 1200, completion: 4, cachedRead: 1000 } },
  'reasoning then a tool call': {
    reasoning: 'I need the weather before answering.',
    toolCalls: [{ name: 'get_weather', arguments: { city: 'Berlin' } }],
    finish: 'tool_calls',
    usage: { prompt: 70, completion: 35, reasoning: 20 },
  },
  'reasoning tokens': {
    reasoning: 'Six times seven. 6 × 7 = 42.',
    text: '42',
    finish: 'stop',
    usage: { prompt: 10, completion: 500, reasoning: 480 },
  },
};
