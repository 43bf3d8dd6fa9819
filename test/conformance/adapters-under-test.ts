/**
 * The three adapters of the conformance suite, each paired with the wire writer that speaks its
 * upstream's format (test/fakes/*-wire.ts) and the upstream model the gateway would send it.
 */
import type { ProviderAdapter } from '../../src/providers/adapter.js';
import { anthropicAdapter } from '../../src/providers/anthropic/index.js';
import { geminiAdapter } from '../../src/providers/gemini/index.js';
import { openAICompatibleAdapter } from '../../src/providers/openai-compatible/index.js';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import type { CannedAnswer, WireWriter } from '../fakes/canned-answer.js';
import { geminiWire } from '../fakes/gemini-wire.js';
import { openaiWire } from '../fakes/openai-wire.js';

export interface AdapterUnderTest {
  name: string;
  adapter: ProviderAdapter;
  writer: WireWriter;
  upstreamModel: string;
  /** The SSE events the upstream sends for a streamed request the gateway built. */
  streamEvents(answer: CannedAnswer): string[];
}

export const adaptersUnderTest: readonly AdapterUnderTest[] = [
  {
    name: 'openai-compatible',
    adapter: openAICompatibleAdapter,
    writer: openaiWire,
    upstreamModel: 'gpt-4o',
    // The adapter always asks the upstream for usage (stream_options.include_usage), whatever the client asked.
    streamEvents: (answer) => openaiWire.stream(answer, 'gpt-4o', { includeUsage: true }),
  },
  {
    name: 'anthropic',
    adapter: anthropicAdapter,
    writer: anthropicWire,
    upstreamModel: 'claude-sonnet-4-5',
    streamEvents: (answer) => anthropicWire.stream(answer, 'claude-sonnet-4-5'),
  },
  {
    name: 'gemini',
    adapter: geminiAdapter,
    writer: geminiWire,
    upstreamModel: 'gemini-2.5-pro',
    streamEvents: (answer) => geminiWire.stream(answer, 'gemini-2.5-pro'),
  },
];
