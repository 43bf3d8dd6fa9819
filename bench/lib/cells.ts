/**
 * The measured cells and the exact request each target gets. Direct and bare-proxy rows of the
 * translated cells are passthrough (native Anthropic/Gemini body to the native endpoint); only the
 * gateway translates, from an OpenAI request (see /work/shared/performance.md, run 2).
 */
import type { BenchRequest } from './http-request.js';
import { benchMasterKey } from './servers.js';

export type TargetName = 'direct' | 'bare' | 'gateway';

export interface Target {
  name: TargetName;
  origin: string;
  /** The process serving this target (the fake upstream for `direct`), for CPU accounting. */
  pid: number;
}

export type CellId = 'openai' | 'latency' | 'stream' | 'anthropic' | 'gemini' | 'failover';

export interface Cell {
  id: CellId;
  title: string;
  unit: 'req/s' | 'streams/s';
  connections: number;
  request(target: Target): BenchRequest;
}

const system = 'You are a helpful assistant. Answer briefly.';
const question = 'What is the capital of France? Answer in two sentences.';

function openaiBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: question },
    ],
    max_tokens: 64,
    temperature: 0.2,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

const anthropicBody = JSON.stringify({
  model: 'claude-4-5-sonnet',
  max_tokens: 64,
  temperature: 0.2,
  system,
  messages: [{ role: 'user', content: question }],
});

const geminiBody = JSON.stringify({
  systemInstruction: { parts: [{ text: system }] },
  contents: [{ role: 'user', parts: [{ text: question }] }],
  generationConfig: { maxOutputTokens: 64, temperature: 0.2 },
});

function credentials(target: Target): Record<string, string> {
  const key = target.name === 'gateway' ? benchMasterKey : 'bench';
  return { 'content-type': 'application/json', authorization: `Bearer ${key}` };
}

function chatRequest(target: Target, model: string, stream: boolean): BenchRequest {
  return {
    url: `${target.origin}/v1/chat/completions`,
    headers: credentials(target),
    body: openaiBody(model, stream),
    expect: stream ? 'openai-stream' : 'openai',
  };
}

export function buildCells(connections: number): Cell[] {
  return [
    {
      id: 'openai',
      title: `OpenAI passthrough, ${connections} conn`,
      unit: 'req/s',
      connections,
      request: (target) => chatRequest(target, 'gpt-4o', false),
    },
    {
      id: 'latency',
      title: 'OpenAI passthrough, 1 conn',
      unit: 'req/s',
      connections: 1,
      request: (target) => chatRequest(target, 'gpt-4o', false),
    },
    {
      id: 'stream',
      title: `OpenAI stream, ${connections} conn`,
      unit: 'streams/s',
      connections,
      request: (target) => chatRequest(target, 'gpt-4o', true),
    },
    {
      id: 'anthropic',
      title: `to Anthropic, ${connections} conn`,
      unit: 'req/s',
      connections,
      request: (target) =>
        target.name === 'gateway'
          ? chatRequest(target, 'claude-4-5-sonnet', false)
          : {
              url: `${target.origin}/v1/messages`,
              headers: { 'content-type': 'application/json', 'x-api-key': 'bench', 'anthropic-version': '2023-06-01' },
              body: anthropicBody,
              expect: 'anthropic',
            },
    },
    {
      id: 'gemini',
      title: `to Gemini, ${connections} conn`,
      unit: 'req/s',
      connections,
      request: (target) =>
        target.name === 'gateway'
          ? chatRequest(target, 'gemini-2.5-pro', false)
          : {
              url: `${target.origin}/v1beta/models/gemini-2.5-pro:generateContent`,
              headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench' },
              body: geminiBody,
              expect: 'gemini',
            },
    },
    {
      // The gateway's model `failover` has two deployments, one failing every other call with a 503;
      // the direct and bare rows call the healthy endpoint and are references only.
      id: 'failover',
      title: `failover, 1 of 2 deployments failing half, ${connections} conn`,
      unit: 'req/s',
      connections,
      request: (target) => chatRequest(target, target.name === 'gateway' ? 'failover' : 'gpt-4o', false),
    },
  ];
}
